import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature, mesh } from 'topojson-client';

/** The embedded basemap's TopoJSON files (scripts/extract-basemap.mjs): land and countries. */
export type WorldTopology = Topology<{ land: GeometryCollection; countries: GeometryCollection }>;

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

/**
 * One scale of world geography as the embedded style draws it: land polygons (`kind: land`) and
 * the borders between countries as one line feature (`kind: border`). Runs in MapLibre's worker
 * (world-worker.ts) or, where that cannot load, on the page.
 */
export function worldGeoJSON(topology: WorldTopology): FeatureCollection {
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

/** Parses a TopoJSON file's bytes and converts it, see {@link worldGeoJSON}. */
export function worldFromBytes(bytes: ArrayBuffer): FeatureCollection {
  return worldGeoJSON(JSON.parse(new TextDecoder().decode(bytes)) as WorldTopology);
}
