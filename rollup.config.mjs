// Two builds from src/index.ts:
// - dist/map-story.js: ESM for bundlers; runtime dependencies stay external; MapLibre's
//   worker travels as module text (src/map/embedded-worker.ts).
// - dist/standalone/map-story.js: everything bundled for a plain <script type="module">;
//   MapLibre's module worker (maplibre-gl-worker.mjs) is copied beside it, where MapLibre
//   looks for it. MapLibre is split into its own chunk, loaded only when a map is created.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { transform as esbuildTransform } from 'esbuild';
import { buildName } from './scripts/rollup/build-name.mjs';
import { embeddedWorker } from './scripts/rollup/embedded-worker.mjs';
import { mapLibreChunk } from './scripts/rollup/maplibre-chunk.mjs';
import { worldWorker } from './scripts/rollup/world-worker.mjs';

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

/** `import css from 'x.css'` → the stylesheet as a string (adopted into the shadow root). */
const cssAsText = () => ({
  name: 'css-as-text',
  transform(code, id) {
    if (id.endsWith('.css')) return { code: `export default ${JSON.stringify(code)};`, map: null };
  },
});

/** Copies MapLibre's worker beside the standalone bundle. */
const copyMapLibreWorker = (outDir) => ({
  name: 'copy-maplibre-worker',
  writeBundle() {
    const worker = join(dirname(require.resolve('maplibre-gl/package.json')), 'dist', 'maplibre-gl-worker.mjs');
    mkdirSync(outDir, { recursive: true });
    copyFileSync(worker, join(outDir, 'maplibre-gl-worker.mjs'));
  },
});

/**
 * d3-interpolate ships one module whose top-level factory calls (color interpolators) look
 * side-effecting to a bundler, which then keeps all of d3-color. They are pure: saying so
 * leaves only interpolateZoom (1.8 KB instead of 20 KB).
 */
const pureD3Interpolate = () => ({
  name: 'pure-d3-interpolate',
  transform(code, id) {
    if (!id.includes('node_modules/d3-interpolate/')) return;
    return {
      code: code.replace(/= \(function (\w+)\(/g, '= /*#__PURE__*/(function $1(').replace(/^var ([\w$]+) = ([\w$]+)\(/gm, 'var $1 = /*#__PURE__*/$2('),
      map: null,
    };
  },
});

/** scrollama's debug overlay runs only with `debug: true`, which map-story never sets: not bundled. */
const scrollamaWithoutDebug = () => ({
  name: 'scrollama-without-debug',
  load(id) {
    if (/scrollama[\\/]src[\\/]debug\.js$/.test(id)) return 'export function update() {}';
  },
});

/**
 * The element's stylesheet (Lit `css` templates in src/ without interpolations) minified by
 * esbuild's CSS minifier: JS minifiers leave template text as it is, indentation included.
 */
const minifyCssTemplates = () => ({
  name: 'minify-css-templates',
  async transform(code, id) {
    if (!/[\\/]src[\\/]/.test(id) || !code.includes('css`')) return;
    let out = '';
    let last = 0;
    for (const m of code.matchAll(/\bcss`([^`$\\]*)`/g)) {
      const { code: min } = await esbuildTransform(m[1], { loader: 'css', minify: true });
      out += `${code.slice(last, m.index)}css\`${min.trim()}\``;
      last = m.index + m[0].length;
    }
    return last ? { code: out + code.slice(last), map: null } : undefined;
  },
});

/**
 * In src/story/schema.ts the descriptions of optional fields are documentation: the CLI build
 * generates the JSON Schema and the README's tables from them; at run time only a missing
 * required field's description is shown (in its error). The browser builds leave them out
 * (~1.5 KB gzip): a string that is the argument of `v.description(…)` or `text(…)` inside a
 * `v.optional(…)` call becomes ''.
 */
const optionalDocsOut = () => ({
  name: 'optional-docs-out',
  transform(code, id) {
    if (!/[\\/]src[\\/]story[\\/]schema\.ts$/.test(id)) return;
    const calls = []; // the callee of each open parenthesis
    let out = '';
    let dropped = 0;
    for (let i = 0; i < code.length; ) {
      const c = code[i];
      const comment = c === '/' && (code[i + 1] === '/' || code[i + 1] === '*');
      if (comment) {
        const end = code[i + 1] === '/' ? code.indexOf('\n', i) : code.indexOf('*/', i) + 2;
        const to = end < 0 ? code.length : end; // a line comment on the last line
        out += code.slice(i, to);
        i = to;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') {
        let j = i + 1;
        while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
        const doc = ['v.description', 'text'].includes(calls.at(-1)) && calls.includes('v.optional');
        out += doc ? c + c : code.slice(i, j + 1);
        if (doc) dropped++;
        i = j + 1;
        continue;
      }
      if (c === '(') calls.push(/([\w$.]+)\s*$/.exec(out)?.[1] ?? '');
      if (c === ')') calls.pop();
      out += c;
      i++;
    }
    if (calls.length || !dropped) this.error(`schema.ts: optional descriptions not found (${calls.length} open calls, ${dropped} dropped)`);
    return { code: out, map: null };
  },
});

/**
 * Terser after esbuild for the standalone build's own chunks (~4% smaller gzip than esbuild
 * alone). MapLibre's chunk is already minified by its authors and is left as it is.
 */
const terserOwnCode = () => {
  const plugin = terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: /@license|@preserve|^!/ } });
  const renderChunk = plugin.renderChunk;
  return { ...plugin, renderChunk(code, chunk, options, meta) {
    return chunk.name === 'maplibre-gl' ? null : renderChunk.call(this, code, chunk, options, meta);
  } };
};

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
    plugins: [buildName('standalone'), worldWorker(), mapLibreChunk(), ...plugins(true), scrollamaWithoutDebug(), terserOwnCode(), copyMapLibreWorker('dist/standalone')],
  },
  {
    // The `map-story` command (validate, import-mapbox, schema): one self-contained Node file.
    input: 'src/cli/main.ts',
    external: (id) => id.startsWith('node:'),
    output: { file: 'dist/cli.js', format: 'es', inlineDynamicImports: true },
    plugins: [resolve({ preferBuiltins: true, exportConditions: ['node', 'import', 'default'] }), esbuild({ target: 'node20', tsconfig: 'tsconfig.json' })],
  },
];
