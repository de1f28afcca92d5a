import type { FeatureCollection } from 'geojson';
import { TOPOLOGY_PROTOCOL, WORLD_PROTOCOL, scaleOf } from './world-protocols.js';

/**
 * The embedded basemap's data: Natural Earth land, borders and label points, fetched from
 * files beside the code (src/basemap/data, made by extract.mjs) once and shared by every map on
 * the page. The land's TopoJSON is converted in MapLibre's worker (see world-protocols.ts).
 */
const dataUrls = {
  '110m': new URL('./data/world-110m.json', import.meta.url),
  '50m': new URL('./data/world-50m.json', import.meta.url),
  labels: new URL('./data/labels.json', import.meta.url),
};

/** Zoom from which the 1:50m data replaces the 1:110m data. */
export const DETAIL_ZOOM = 2.5;

export type WorldScale = '110m' | '50m';
export const SCALES: WorldScale[] = ['110m', '50m'];

/** True when a view at `zoom` draws (or is within half a zoom of drawing) this scale. */
export function needsScale(scale: WorldScale, zoom: number): boolean {
  return scale === '110m' ? zoom < DETAIL_ZOOM + 0.5 : zoom >= DETAIL_ZOOM - 0.5;
}

/** Fetches a data file; a failure names the file. */
async function fetchData(url: URL): Promise<Response> {
  const file = url.pathname.split('/').pop();
  const response = await fetch(url).catch((error: unknown) => {
    throw new Error(`embedded basemap: ${file}: ${String(error)}`);
  });
  if (!response.ok) throw new Error(`embedded basemap: ${file}: HTTP ${response.status}`);
  return response;
}

/**
 * Basemap data is immutable and shared by every map on the page: each file is fetched (and
 * converted) once. A failed load is forgotten, so the next map tries again.
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

/** Fetches the label points (countries, seas, cities). */
export function loadLabels(): Promise<FeatureCollection> {
  return cached('labels', async () => (await fetchData(dataUrls.labels)).json() as Promise<FeatureCollection>);
}

/** Fetches one scale's TopoJSON file, unparsed. */
function loadTopology(scale: WorldScale): Promise<ArrayBuffer> {
  return cached(`topology ${scale}`, async () => (await fetchData(dataUrls[scale])).arrayBuffer());
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
 * world-worker.mjs, beside the built code (the build bundles it and writes its URL here); the
 * TypeScript module under the dev server, where the hash's `.mjs` (not sent) makes MapLibre's
 * worker import it as a module.
 */
function workerUrl(): string {
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
  // Where the script cannot load, MapLibre's workers hand `map-story-world` URLs to the page.
  return maplibre.importScriptInWorkers(workerUrl()).catch(() => {});
}
