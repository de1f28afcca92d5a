import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';

/**
 * The embedded basemap's data: Natural Earth land, borders and label points, fetched from
 * files beside the code (src/basemap/data, made by extract.mjs), converted once and shared by
 * every map on the page.
 */
const dataUrls = {
  '110m': new URL('./data/world-110m.json', import.meta.url),
  '50m': new URL('./data/world-50m.json', import.meta.url),
  labels: new URL('./data/labels.json', import.meta.url),
};

async function getJson<T>(url: URL): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname.split('/').pop()}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Basemap data is immutable and shared by every map on the page: each file is fetched and
 * converted once. A failed load is forgotten, so the next map tries again.
 */
const cache = new Map<string, Promise<FeatureCollection>>();
function cached(key: string, load: () => Promise<FeatureCollection>): Promise<FeatureCollection> {
  let promise = cache.get(key);
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

/** Fetches the label points (countries, seas, cities). */
export function loadLabels(): Promise<FeatureCollection> {
  return cached('labels', () => getJson<FeatureCollection>(dataUrls.labels));
}

/** Zoom from which the 1:50m data replaces the 1:110m data. */
export const DETAIL_ZOOM = 2.5;

export type WorldScale = '110m' | '50m';
export const SCALES: WorldScale[] = ['110m', '50m'];

/** True when a view at `zoom` draws (or is within half a zoom of drawing) this scale. */
export function needsScale(scale: WorldScale, zoom: number): boolean {
  return scale === '110m' ? zoom < DETAIL_ZOOM + 0.5 : zoom >= DETAIL_ZOOM - 0.5;
}

/**
 * Starts loading what the first view of an embedded map needs, in parallel with MapLibre: the
 * labels, and the scale(s) of land the first camera's `zoom` draws (both when it is unknown).
 */
export function prefetchBasemap(zoom?: number): void {
  void loadLabels().catch(() => {});
  for (const scale of SCALES) if (zoom === undefined || needsScale(scale, zoom)) void loadWorld(scale).catch(() => {});
}

type Ring = number[][];

/** Twice the signed area of a ring in degrees: positive when counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return sum;
}

/**
 * Rewinds polygons to RFC 7946 order (outer rings counter-clockwise, holes clockwise).
 * world-atlas follows d3's spherical convention (clockwise outer rings); MapLibre's tiler then
 * drops the fill of whole tiles inside large polygons.
 */
export function rewind(geometry: Geometry): Geometry {
  const fix = (rings: Ring[]) => rings.map((ring, i) => ((signedArea(ring) < 0) === (i === 0) ? ring.slice().reverse() : ring));
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: fix(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') return { ...geometry, coordinates: geometry.coordinates.map(fix) };
  return geometry;
}

/** Fetches one scale of world geography and converts it to land polygons and border lines. */
export function loadWorld(scale: WorldScale): Promise<FeatureCollection> {
  return cached(scale, () => convertWorld(scale));
}

async function convertWorld(scale: WorldScale): Promise<FeatureCollection> {
  const [{ feature, mesh }, topology] = await Promise.all([
    import('topojson-client'),
    getJson<Topology<{ land: GeometryCollection; countries: GeometryCollection }>>(dataUrls[scale]),
  ]);
  const land = feature(topology, topology.objects.land) as FeatureCollection<Geometry>;
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b) as MultiLineString;
  return {
    type: 'FeatureCollection',
    features: [
      ...land.features.map((f) => ({ ...f, geometry: rewind(f.geometry), properties: { kind: 'land' } })),
      { type: 'Feature', properties: { kind: 'border' }, geometry: borders },
    ],
  };
}
