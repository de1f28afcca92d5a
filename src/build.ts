/**
 * Which build this code runs in. The source (`src/`, served by the dev server to the demo and
 * the tests) says `source`; rollup.config.mjs writes `standalone` or `npm` into each build
 * (scripts/rollup/build-name.mjs), and rollup drops the branches a build never takes.
 * - `standalone`: one folder for a plain `<script type="module">`, MapLibre's worker file
 *   copied beside it.
 * - `npm`: for bundlers; carries MapLibre's worker as module text (see map/embedded-worker.ts).
 */
export const BUILD: 'source' | 'standalone' | 'npm' = 'source';
