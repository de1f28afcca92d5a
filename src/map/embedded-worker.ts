import { BUILD } from '../build.js';

/**
 * MapLibre 6 finds its worker beside its own module, from `import.meta.url`, at run time: no
 * bundler sees that, so none emits the worker (and webpack bakes `import.meta.url` as a `file://`
 * URL). The npm build therefore carries the worker as module text (worker-code.ts), which every
 * bundler follows as an ordinary chunk, and hands MapLibre a `blob:` URL of it. A page that set
 * its own worker URL keeps it. The standalone build and the source need none of this: the
 * worker file lies beside MapLibre's module there.
 *
 * A page with a Content-Security-Policy allows `worker-src blob:` for this (as MapLibre 5's
 * own build needed), or sets the worker URL itself.
 */
let embedded = false;

/** Points MapLibre at the embedded worker (npm build only); resolves when done or skipped. */
export async function useEmbeddedWorker(maplibre: typeof import('maplibre-gl')): Promise<void> {
  if (BUILD !== 'npm' || embedded || maplibre.getWorkerUrl()) return;
  const { version, code } = await import('./worker-code.js');
  if (!code) return;
  if (maplibre.getVersion() !== version) {
    console.warn(
      `map-story: maplibre-gl ${maplibre.getVersion()} is installed, but this map-story carries the worker of maplibre-gl ${version}. ` +
        `Install maplibre-gl@${version}, or set the worker URL of your version with maplibregl.setWorkerUrl().`,
    );
    return;
  }
  maplibre.setWorkerUrl(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  embedded = true;
}
