/**
 * d3-interpolate ships one module whose top-level factory calls (its colour interpolators:
 * `var rgb = (function rgbGamma(y) {…})(1)`, `var hslLong = hsl(nogamma)`, …) look
 * side-effecting to a bundler, which then keeps them and all of d3-color. They are pure; marking
 * them so leaves only interpolateZoom (1.8 KB instead of 20 KB), the one function map-story uses
 * (src/motion/camera-path.ts).
 *
 * It rewrites source text by two patterns, in any module under node_modules/d3-interpolate/:
 * - `= (function name(` (an immediately called function expression) and
 * - a line starting `var a = b(` (a top-level factory call)
 * each get a `#__PURE__` annotation comment before the call.
 * A module where neither pattern matches stops the build: after a d3-interpolate update the
 * annotations would otherwise be skipped silently, and the bundle would grow by ~18 KB.
 */
const IIFE = /= \(function (\w+)\(/g;
const FACTORY_CALL = /^var ([\w$]+) = ([\w$]+)\(/gm;

export const pureD3Interpolate = () => ({
  name: 'pure-d3-interpolate',
  transform(code, id) {
    if (!id.includes('node_modules/d3-interpolate/')) return;
    let marked = 0;
    const out = code
      .replace(IIFE, (_m, name) => (marked++, `= /*#__PURE__*/(function ${name}(`))
      .replace(FACTORY_CALL, (_m, name, factory) => (marked++, `var ${name} = /*#__PURE__*/${factory}(`));
    if (!marked) this.error(`${id}: no top-level call matches ${IIFE} or ${FACTORY_CALL}; d3-interpolate changed, update scripts/rollup/pure-d3-interpolate.mjs`);
    return { code: out, map: null };
  },
});
