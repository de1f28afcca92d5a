// Two builds from src/index.ts:
// - dist/map-story.js: ESM for bundlers; runtime dependencies stay external; MapLibre's
//   worker travels as module text (src/map/embedded-worker.ts).
// - dist/standalone/map-story.js: everything bundled for a plain <script type="module">;
//   MapLibre's module worker (maplibre-gl-worker.mjs) is copied beside it, where MapLibre
//   looks for it. MapLibre is split into its own chunk, loaded only when a map is created.
// The plugins are in scripts/rollup/, one file each, with what they do and why.
import { createRequire } from 'node:module';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { buildName } from './scripts/rollup/build-name.mjs';
import { copyMapLibreWorker } from './scripts/rollup/copy-maplibre-worker.mjs';
import { cssAsText } from './scripts/rollup/css-as-text.mjs';
import { embeddedWorker } from './scripts/rollup/embedded-worker.mjs';
import { mapLibreChunk } from './scripts/rollup/maplibre-chunk.mjs';
import { minifyCssTemplates } from './scripts/rollup/minify-css-templates.mjs';
import { optionalDocsOut } from './scripts/rollup/optional-docs-out.mjs';
import { pureD3Interpolate } from './scripts/rollup/pure-d3-interpolate.mjs';
import { scrollamaWithoutDebug } from './scripts/rollup/scrollama-without-debug.mjs';
import { terserOwnCode } from './scripts/rollup/terser-own-code.mjs';

const require = createRequire(import.meta.url);
const pkg = require('./package.json');
/**
 * The npm build leaves the package's dependencies to the user's bundler. Two small ones are
 * dev dependencies, bundled:
 * - scrollama: its package entry is a UMD file and its ES source has extensionless imports
 *   that Node cannot load; bundled (2.5 KB), `import('map-story')` works in Node (SSR, test
 *   runners, validateStory).
 * - d3-interpolate: we use interpolateZoom alone (1.8 KB), but its module's colour
 *   interpolators look side-effecting to bundlers, which then keep all of d3-color (~5 KB
 *   gzip in a Vite build); bundled through pureD3Interpolate, only interpolateZoom remains.
 */
const external = Object.keys(pkg.dependencies);

/**
 * The wording of a story's problems (the messages, and what describes a schema issue) is a
 * chunk the element imports only when a story has a problem (src/story/found.ts). The entry's
 * synchronous `validateStory` and `parseStoryJson` import it too, so they are a chunk of their
 * own that the entry re-exports: a bundler drops that chunk when they are not called, and the
 * wording stays lazy (a static import from the entry file would pull it into the page).
 * What both import (the checks, the schema, quoting) is a third chunk, so no two chunks import
 * each other.
 */
const WORDING = /\/src\/story\/(wording|messages)\.ts$/;
const WORDED_API = /\/src\/story\/(validate|parse-json)\.ts$/;
function wordingApart(id, { getModuleInfo }) {
  if (WORDING.test(id)) return 'wording';
  if (WORDED_API.test(id)) return 'validate';
  if (getModuleInfo(id)?.importers.some((importer) => WORDING.test(importer) || WORDED_API.test(importer))) return 'story';
  return undefined;
}

const plugins = (minify) => [
  pureD3Interpolate(),
  cssAsText(),
  minifyCssTemplates(),
  optionalDocsOut(),
  resolve({ browser: true }),
  esbuild({ target: 'es2022', minify, tsconfig: 'tsconfig.json' }),
];

export default [
  {
    input: 'src/index.ts',
    // Shared code stays in the entry file (which may then export internals to the lazy chunks):
    // the element's registration is in dist/map-story.js itself, the file `sideEffects` names.
    preserveEntrySignatures: 'allow-extension',
    external: (id) => external.some((dep) => id === dep || (id.startsWith(`${dep}/`) && !id.endsWith('.css'))),
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'map-story.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      assetFileNames: 'assets/[name]-[hash][extname]',
      manualChunks: wordingApart,
      // (No `import` of the wording's chunk in the entry for `validateStory`'s sake: that would
      // keep it on every page.)
      hoistTransitiveImports: false,
      sourcemap: true,
    },
    // Minified as the standalone build is: bundlers' own minifiers, run over unminified output,
    // left ~15% more bytes (Vite 8: 33.7 vs 28.5 KB gzip for the entry).
    plugins: [buildName('npm'), embeddedWorker(), ...plugins(true), scrollamaWithoutDebug(), terserOwnCode()],
  },
  {
    input: 'src/index.ts',
    preserveEntrySignatures: 'allow-extension', // as above: one file fewer to fetch before the text
    output: {
      dir: 'dist/standalone',
      format: 'es',
      entryFileNames: 'map-story.js',
      chunkFileNames: '[name]-[hash].js',
      assetFileNames: 'assets/[name]-[hash][extname]',
      manualChunks: (id) => (id.includes('node_modules/maplibre-gl/') && !id.endsWith('.css') ? 'maplibre-gl' : undefined),
      sourcemap: true,
    },
    plugins: [buildName('standalone'), mapLibreChunk(), ...plugins(true), scrollamaWithoutDebug(), terserOwnCode(), copyMapLibreWorker('dist/standalone')],
  },
  {
    // The `map-story` command (validate, import-mapbox, schema): one self-contained Node file.
    input: 'src/cli/main.ts',
    external: (id) => id.startsWith('node:'),
    output: { file: 'dist/cli.js', format: 'es', inlineDynamicImports: true },
    plugins: [resolve({ preferBuiltins: true, exportConditions: ['node', 'import', 'default'] }), esbuild({ target: 'node20', tsconfig: 'tsconfig.json' })],
  },
];
