/**
 * MapLibre's worker as module text, with the MapLibre version it belongs to. Empty here: the npm build writes them
 * (scripts/rollup/embedded-worker.mjs) into a chunk that loads with MapLibre.
 */
export const version: string = '';
export const code: string = '';
