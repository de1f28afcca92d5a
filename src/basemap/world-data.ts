import type { FeatureCollection } from 'geojson';
import { BUILD } from '../build.js';
import { workersHaveWorld } from '../map/embedded-worker.js';
import { errorMessage } from '../story/messages.js';
import { TOPOLOGY_PROTOCOL, WORLD_PROTOCOL, scaleOf } from './world-protocols.js';

/**
 * The embedded basemap's data: Natural Earth land, borders and label points, loaded once from
 * modules beside the code (src/basemap/data, made by scripts/extract-basemap.mjs; each one's
 * default export is the JSON text) and shared by every map on the page. Modules, not data
 * files: a dynamic `import()` is what every bundler and host follows with no configuration.
 * The land's TopoJSON is converted in MapLibre's worker (see world-protocols.ts).
 */
const dataModules = {
  '110m': () => import('./data/world-110m.js'),
  '50m': () => import('./data/world-50m.js'),
  labels: () => import('./data/labels.js'),
};
type DataFile = keyof typeof dataModules;

/** Zoom from which the 1:50m data replaces the 1:110m data. */
export const DETAIL_ZOOM = 2.5;

export type WorldScale = '110m' | '50m';
export const SCALES: WorldScale[] = ['110m', '50m'];

/** True when a view at `zoom` draws (or is within half a zoom of drawing) this scale. */
export function needsScale(scale: WorldScale, zoom: number): boolean {
  return scale === '110m' ? zoom < DETAIL_ZOOM + 0.5 : zoom >= DETAIL_ZOOM - 0.5;
}

/** Loads a data module's JSON text; a failure names the file. */
async function loadText(file: DataFile): Promise<string> {
  try {
    return (await dataModules[file]()).default;
  } catch (error) {
    throw new Error(`embedded basemap: ${file === 'labels' ? 'labels' : `world-${file}`} data could not load (${errorMessage(error)})`);
  }
}

/**
 * Basemap data is immutable and shared by every map on the page: each module is loaded (and
 * converted) once. A failed load is forgotten here, so the next map tries again (whether the
 * browser then fetches a module that failed again is its own module cache's rule).
 */
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

/** Loads the label points (countries, seas, cities). */
export function loadLabels(): Promise<FeatureCollection> {
  return cached('labels', async () => JSON.parse(await loadText('labels')) as FeatureCollection);
}

/** One scale's TopoJSON, unparsed, as bytes (transferable to MapLibre's worker). */
function loadTopology(scale: WorldScale): Promise<ArrayBuffer> {
  return cached(`topology ${scale}`, async () => new TextEncoder().encode(await loadText(scale)).buffer as ArrayBuffer);
}

/** One scale of land and borders as GeoJSON, converted on the page (the locator's, or a fallback). */
export function loadWorld(scale: WorldScale): Promise<FeatureCollection> {
  return cached(`world ${scale}`, async () => {
    const [{ worldFromBytes }, bytes] = await Promise.all([import('./world-geojson.js'), loadTopology(scale)]);
    return worldFromBytes(bytes);
  });
}

/**
 * Starts fetching what the first view of an embedded map needs, in parallel with MapLibre: the
 * labels, and the scale(s) of land the first camera's `zoom` draws (both when it is unknown).
 */
export function prefetchBasemap(zoom?: number): void {
  void loadLabels().catch(() => {});
  for (const scale of SCALES) if (zoom === undefined || needsScale(scale, zoom)) void loadTopology(scale).catch(() => {});
}

function asScale(url: string): WorldScale {
  const scale = scaleOf(url);
  if (!SCALES.includes(scale as WorldScale)) throw new Error(`embedded basemap: no scale "${scale}"`);
  return scale as WorldScale;
}

/**
 * Where MapLibre's workers load world-worker.ts from: the TypeScript module under the dev server
 * (the hash's `.mjs`, not sent, makes MapLibre's worker import it as a module); world-worker.mjs
 * beside the standalone build (scripts/rollup/world-worker.mjs writes its URL here). The npm
 * build has none: its workers carry world-worker.ts already (map/embedded-worker.ts).
 */
function workerUrl(): string | undefined {
  if (BUILD === 'npm') return undefined;
  return new URL('./world-worker.ts#.mjs', import.meta.url).href;
}

let registered = false;
/**
 * Registers the embedded basemap's protocols with MapLibre (once per page) and loads
 * world-worker.mjs into its workers; resolves (never rejects) once they have tried. Call it
 * for each map: MapLibre may have replaced its workers since, and loads the script into new
 * ones (each worker loads it once).
 */
export function registerWorldProtocols(maplibre: typeof import('maplibre-gl')): Promise<void> {
  if (!registered) {
    registered = true;
    maplibre.addProtocol(TOPOLOGY_PROTOCOL, async (request) => {
      // A copy: the answer is transferred to the worker, and the file may be needed again.
      return { data: (await loadTopology(asScale(request.url))).slice(0) };
    });
    maplibre.addProtocol(WORLD_PROTOCOL, async (request) => ({ data: await loadWorld(asScale(request.url)) }));
  }
  // Where the script cannot load (or a page set a worker of its own), MapLibre's workers hand
  // `map-story-world` URLs to the page.
  const url = workerUrl();
  if (workersHaveWorld() || !url) return Promise.resolve();
  return maplibre.importScriptInWorkers(url).catch(() => {});
}
