/**
 * Writes the build's name into src/build.ts (`BUILD`), so rollup drops the code paths of the
 * other builds (e.g. the standalone build's MapLibre preload from the npm build, where webpack
 * would warn about its `new URL(variable, import.meta.url)`).
 */
export const buildName = (name) => ({
  name: 'build-name',
  transform(code, id) {
    if (!/[\\/]src[\\/]build\.ts$/.test(id)) return;
    const from = "= 'source'";
    if (!code.includes(from)) this.error(`src/build.ts no longer has ${from}`);
    return { code: code.replace(from, `= ${JSON.stringify(name)}`), map: null };
  },
});
