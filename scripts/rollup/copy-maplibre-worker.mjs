/**
 * Copies MapLibre's module worker (maplibre-gl/dist/maplibre-gl-worker.mjs) beside the
 * standalone bundle, where MapLibre looks for it: the standalone build is served as plain files,
 * with no bundler to emit the worker for it.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const copyMapLibreWorker = (outDir) => ({
  name: 'copy-maplibre-worker',
  writeBundle() {
    const worker = join(dirname(require.resolve('maplibre-gl/package.json')), 'dist', 'maplibre-gl-worker.mjs');
    mkdirSync(outDir, { recursive: true });
    copyFileSync(worker, join(outDir, 'maplibre-gl-worker.mjs'));
  },
});
