/**
 * How the embedded basemap's land reaches MapLibre without converting it on the page: a GeoJSON
 * source's data is `map-story-world://<scale>`. MapLibre's worker loads that URL with the
 * handler world-worker.ts registers there, which asks the page for the TopoJSON file's bytes
 * (`map-story-topology://<scale>`, fetched early by the page) and converts them in the worker.
 * Where the worker script cannot load (e.g. a bundler that did not copy it), MapLibre's worker
 * hands the `map-story-world` request to the page, which converts the data itself.
 */
export const WORLD_PROTOCOL = 'map-story-world';
export const TOPOLOGY_PROTOCOL = 'map-story-topology';

/** The URL of one scale's GeoJSON (`world`) or TopoJSON bytes (`topology`). */
export function worldUrl(kind: 'world' | 'topology', scale: string): string {
  return `${kind === 'world' ? WORLD_PROTOCOL : TOPOLOGY_PROTOCOL}://${scale}`;
}

/** The scale a `map-story-world://` or `map-story-topology://` URL names. */
export function scaleOf(url: string): string {
  return url.slice(url.indexOf('://') + 3);
}
