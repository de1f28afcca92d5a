/**
 * The npm build's MapLibre worker (see src/map/embedded-worker.ts): src/map/worker-code.ts
 * becomes a module whose `code` is MapLibre's worker module text followed by
 * src/basemap/world-worker.ts (bundled by esbuild as an IIFE, so its names cannot clash with
 * MapLibre's), and whose `version` is the MapLibre version that worker belongs to.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

export const embeddedWorker = () => ({
  name: 'embedded-worker',
  async load(id) {
    if (!/[\\/]src[\\/]map[\\/]worker-code\.ts$/.test(id)) return;
    const root = dirname(require.resolve('maplibre-gl/package.json'));
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const maplibre = readFileSync(join(root, 'dist', 'maplibre-gl-worker.mjs'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    const { outputFiles } = await build({
      entryPoints: ['src/basemap/world-worker.ts'], bundle: true, format: 'iife', target: 'es2022', minify: true, write: false, logLevel: 'error',
    });
    const code = `${maplibre}\n${outputFiles[0].text}`;
    return { code: `export const version = ${JSON.stringify(version)};\nexport const code = ${JSON.stringify(code)};\n`, map: null };
  },
});
