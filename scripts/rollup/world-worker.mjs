/**
 * The standalone build's world worker: src/basemap/world-worker.ts runs in MapLibre's workers,
 * imported from a URL. It is bundled on its own with its dependencies (no bare imports a worker
 * could not resolve), written beside the code as world-worker.mjs, and the URL in
 * src/basemap/world-data.ts points to it.
 */
import { build } from 'esbuild';

const WORKER_URL = "new URL('./world-worker.ts#.mjs', import.meta.url)";

export const worldWorker = () => {
  let ref;
  return {
    name: 'world-worker',
    async buildStart() {
      const { outputFiles } = await build({
        entryPoints: ['src/basemap/world-worker.ts'], bundle: true, format: 'esm', target: 'es2022', minify: true, write: false, logLevel: 'error',
      });
      ref = this.emitFile({ type: 'asset', fileName: 'world-worker.mjs', source: outputFiles[0].text });
    },
    transform(code, id) {
      if (!id.endsWith('src/basemap/world-data.ts')) return;
      if (!code.includes(WORKER_URL)) this.error(`world-data.ts no longer has ${WORKER_URL}`);
      return { code: code.replace(WORKER_URL, `new URL(import.meta.ROLLUP_FILE_URL_${ref})`), map: null };
    },
  };
};
