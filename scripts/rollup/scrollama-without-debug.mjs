/**
 * scrollama's debug overlay (scrollama/src/debug.js) runs only with `debug: true`, which
 * map-story never sets: the module is replaced by an empty `update()` and not bundled.
 *
 * It matches the module by its path (pattern `scrollama/src/debug.js`). When a build bundles
 * scrollama's sources but never loads that path, the build stops: after a scrollama update the
 * overlay would otherwise be bundled again silently.
 */
const DEBUG = /scrollama[\\/]src[\\/]debug\.js$/;
const SCROLLAMA = /[\\/]node_modules[\\/]scrollama[\\/]/;

export const scrollamaWithoutDebug = () => {
  let bundled = false;
  let replaced = false;
  return {
    name: 'scrollama-without-debug',
    buildStart() {
      bundled = false;
      replaced = false;
    },
    load(id) {
      if (SCROLLAMA.test(id)) bundled = true;
      if (DEBUG.test(id)) {
        replaced = true;
        return 'export function update() {}';
      }
    },
    buildEnd(error) {
      if (!error && bundled && !replaced) this.error(`scrollama was bundled but no module matched ${DEBUG}; update scripts/rollup/scrollama-without-debug.mjs`);
    },
  };
};
