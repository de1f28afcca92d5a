import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';

export type Theme = 'light' | 'dark';

/** Colours of the embedded basemap, per theme. */
export const palettes = {
  light: { sea: '#d6e4ec', land: '#f3f0e8', coast: '#9fb7c4', border: '#b3aa9c', label: '#4a5560', halo: '#f3f0e8' },
  dark: { sea: '#16212b', land: '#2a3036', coast: '#3f5566', border: '#59636d', label: '#c9d2da', halo: '#16212b' },
} as const;

/** Zoom from which the 1:50m data replaces the 1:110m data. */
export const DETAIL_ZOOM = 2.5;

export const ATTRIBUTION = 'Natural Earth';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The embedded offline style: no tile server, glyph server or key. Geometry arrives through
 * {@link loadWorld} into the two GeoJSON sources, coarse first, detailed when zoomed in.
 */
export function embeddedStyle(theme: Theme): StyleSpecification {
  const c = palettes[theme];
  const layers: StyleSpecification['layers'] = [{ id: 'sea', type: 'background', paint: { 'background-color': c.sea } }];
  for (const [scale, min, max] of [['110m', 0, DETAIL_ZOOM], ['50m', DETAIL_ZOOM, 24]] as const) {
    layers.push(
      { id: `land-${scale}`, type: 'fill', source: `world-${scale}`, minzoom: min, maxzoom: max, filter: ['==', ['get', 'kind'], 'land'], paint: { 'fill-color': c.land } },
      { id: `coast-${scale}`, type: 'line', source: `world-${scale}`, minzoom: min, maxzoom: max, filter: ['==', ['get', 'kind'], 'land'], paint: { 'line-color': c.coast, 'line-width': ['interpolate', ['linear'], ['zoom'], 0, 0.4, 6, 1, 12, 1.6] } },
      { id: `border-${scale}`, type: 'line', source: `world-${scale}`, minzoom: min, maxzoom: max, filter: ['==', ['get', 'kind'], 'border'], paint: { 'line-color': c.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 0, 0.4, 6, 1.2, 12, 2], 'line-dasharray': [3, 2] } },
    );
  }
  return {
    version: 8,
    name: `map-story embedded (${theme})`,
    sources: {
      'world-110m': { type: 'geojson', data: empty, attribution: ATTRIBUTION, tolerance: 0.5 },
      'world-50m': { type: 'geojson', data: empty, attribution: ATTRIBUTION, tolerance: 0.375 },
    },
    layers,
  };
}

const dataUrls = {
  '110m': new URL('./data/world-110m.json', import.meta.url),
  '50m': new URL('./data/world-50m.json', import.meta.url),
};

/** Fetches one scale of world geography and converts it to land polygons and border lines. */
export async function loadWorld(scale: '110m' | '50m', signal?: AbortSignal): Promise<FeatureCollection> {
  const [{ feature, mesh }, response] = await Promise.all([
    import('topojson-client'),
    fetch(dataUrls[scale], { signal: signal ?? null }),
  ]);
  if (!response.ok) throw new Error(`basemap data ${scale}: HTTP ${response.status}`);
  const topology = (await response.json()) as Topology<{ land: GeometryCollection; countries: GeometryCollection }>;
  const land = feature(topology, topology.objects.land) as FeatureCollection<Geometry>;
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b) as MultiLineString;
  return {
    type: 'FeatureCollection',
    features: [
      ...land.features.map((f) => ({ ...f, properties: { kind: 'land' } })),
      { type: 'Feature', properties: { kind: 'border' }, geometry: borders },
    ],
  };
}
