/**
 * Runs in MapLibre's workers (loaded with `importScriptInWorkers`, see world-protocols.ts): turns
 * `map-story-world://<scale>` into the land and borders GeoJSON, from the TopoJSON bytes the
 * page already fetched. Parsing and converting here keeps ~1 MB of JSON off the page's thread.
 * Built on its own, with its dependencies, as world-worker.mjs.
 */
import { WORLD_PROTOCOL, scaleOf, worldUrl } from './world-protocols.js';
import { worldFromBytes } from './world-geojson.js';

interface Request {
  url: string;
  type?: string;
}
interface WorkerScope {
  addProtocol(name: string, load: (request: Request, abort: AbortController) => Promise<{ data: unknown }>): void;
  makeRequest(request: Request, abort: AbortController): Promise<{ data: unknown }>;
}

const scope = self as unknown as WorkerScope;
scope.addProtocol(WORLD_PROTOCOL, async (request, abort) => {
  // `map-story-topology` is not registered in the worker: MapLibre asks the page, which answers
  // from its fetch.
  const { data } = await scope.makeRequest({ url: worldUrl('topology', scaleOf(request.url)), type: 'arrayBuffer' }, abort);
  return { data: worldFromBytes(data as ArrayBuffer) };
});
