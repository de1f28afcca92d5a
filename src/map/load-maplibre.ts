import { BUILD } from '../build.js';
import { useEmbeddedWorker } from './embedded-worker.js';

/**
 * Loads MapLibre and its CSS once, on first use. It lives outside the map driver so the element
 * can start the download the moment it connects, in parallel with the driver chunk and the
 * story, instead of one after the other.
 */
let maplibre: Promise<[typeof import('maplibre-gl'), string]> | undefined;
export function loadMapLibre(): Promise<[typeof import('maplibre-gl'), string]> {
  maplibre ??= Promise.all([
    import('maplibre-gl').then(async (m) => {
      await useEmbeddedWorker(m);
      return m;
    }),
    import('./maplibre-css.js').then((m) => m.default),
  ]);
  return maplibre;
}

/**
 * The standalone build writes the URL of MapLibre's chunk here (scripts/rollup/build-name.mjs);
 * other builds leave it empty.
 */
const MAPLIBRE_CHUNK: string = '';

/**
 * Starts downloading MapLibre without running it. In the standalone build a `modulepreload`
 * of MapLibre's chunk fetches and compiles it while the story loads and its text is drawn;
 * running it (tens of milliseconds) waits until the map is wanted, after the text is painted.
 * Where the file is not known (bundlers, the dev server), the import itself starts.
 */
export function prefetchMapLibre(): void {
  if (BUILD !== 'standalone' || typeof document === 'undefined') {
    loadMapLibre().catch(() => {}); // errors surface when the map is created
    return;
  }
  const href = MAPLIBRE_CHUNK;
  if ([...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = href;
  document.head.append(link);
}
