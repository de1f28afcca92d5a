import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { TILES_MAX_ZOOM, TILES_URL } from './tiles.js';

export type Theme = 'light' | 'dark';

/**
 * Colours of the embedded basemap and of what map-story draws on it (markers, progress heads,
 * the locator's frame: `accent`), per theme. (The text's accent, `--map-story-accent-color`,
 * is a darker red in the light theme: text needs more contrast than a 12 px dot.)
 */
export const palettes = {
  light: {
    sea: '#d6e4ec', land: '#f3f0e8', coast: '#9fb7c4', border: '#a89e8f', runway: '#8d8a84',
    label: '#3f4a54', country: '#6b6256', seaLabel: '#4d6f84', halo: '#f3f0e8', seaHalo: '#d6e4ec', city: '#3f4a54',
    accent: '#c2410c',
  },
  dark: {
    sea: '#16212b', land: '#2a3036', coast: '#3f5566', border: '#6a747e', runway: '#70767c',
    label: '#d6dde3', country: '#aab3bb', seaLabel: '#8fb1c6', halo: '#2a3036', seaHalo: '#16212b', city: '#d6dde3',
    accent: '#ff8a65',
  },
} as const;

/** Zoom from which a story's high-resolution coastline replaces Natural Earth in its region. */
export const REGION_ZOOM = 7;

export const ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>';
export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * Fonts for labels. The style has no `glyphs`, so MapLibre draws text with these local fonts;
 * the stacks name fonts common on Windows, macOS, Android and Linux, ending in a generic family.
 */
export const FONTS = {
  sans: ['Helvetica Neue', 'Arial', 'Noto Sans', 'DejaVu Sans', 'sans-serif'],
  serifItalic: ['Georgia Italic', 'Noto Serif Italic', 'DejaVu Serif Italic', 'serif'],
};

/** Label ranks and the zoom from which each shows. */
const RANK_ZOOM: Record<'sea' | 'country' | 'city', number[]> = {
  sea: [1, 2.5, 4, 5],
  country: [2, 3, 4.3, 5.5],
  city: [3.5, 6],
};

/** Ranks of city labels; each rank has a dot layer and a name layer (see cityLayers). */
export const CITY_RANKS = [1, 2] as const;

/** The ids of the layers that draw one rank of cities: its dots and its names. */
export const cityLayers = (rank: number): string[] => [`label-city-dot-${rank}`, `label-city-${rank}`];

/** The filter of the labels of one kind and rank. */
const rankFilter = (kind: 'sea' | 'country' | 'city', rank: number): unknown[] => ['all', ['==', ['get', 'kind'], kind], ['==', ['get', 'rank'], rank]];

/**
 * The feature state that hides a city (its dot and name) while a marker names it: a label's id
 * is its name (the source's `promoteId`). A state, not a filter: a filter change makes the
 * worker lay out every basemap tile in view again (82 tiles over the Tartus story).
 */
export const NAMED_BY_MARKER = 'named';
const unlessNamed = ['case', ['boolean', ['feature-state', NAMED_BY_MARKER], false], 0, 1];

/**
 * The feature state of a label on the side of a comparison whose basemap theme is not the map's
 * (see map/compare-labels.ts): it takes the other theme's colours. Label colours read it always,
 * so a comparison only sets states: turning a colour from a constant into a state-driven one
 * would make the worker lay out every basemap tile again, and compile new programs.
 */
export const OTHER_THEME = 'other-theme';

/** The basemap's vector source (see tiles.ts) and its layers. */
export const BASEMAP = 'basemap';
const layer = (name: 'land' | 'borders' | 'labels') => ({ source: BASEMAP, 'source-layer': name });

/**
 * The embedded offline style: no tile server, glyph server or key. The world (land, borders,
 * labels) is vector tiles from the package (see tiles.ts): 1:110m to zoom 2, 1:50m from 3;
 * each URL in `detail` adds a high-resolution coastline (and runways) for one region.
 */
export function embeddedStyle(theme: Theme, detail: string[] = []): StyleSpecification {
  const c = palettes[theme];
  const o = palettes[theme === 'light' ? 'dark' : 'light'];
  /** A label colour: this theme's, or the other's on the other side of a comparison. */
  const ink = (key: keyof typeof c) => ['case', ['boolean', ['feature-state', OTHER_THEME], false], o[key], c[key]] as never;
  const width = (a: number, b: number, d: number) => ['interpolate', ['linear'], ['zoom'], 0, a, 6, b, 14, d];
  const layers: LayerSpecification[] = [
    { id: 'sea', type: 'background', paint: { 'background-color': c.sea } },
    { id: 'land', type: 'fill', ...layer('land'), paint: { 'fill-color': c.land } },
    { id: 'coast', type: 'line', ...layer('land'), maxzoom: REGION_ZOOM + 4, paint: { 'line-color': c.coast, 'line-width': width(0.4, 0.9, 1.4) as never } },
  ];
  const borders: LayerSpecification[] = [
    { id: 'borders', type: 'line', ...layer('borders'), paint: { 'line-color': c.border, 'line-width': width(0.5, 1, 1.8) as never, 'line-dasharray': [4, 2] } },
  ];
  const sources: StyleSpecification['sources'] = {
    [BASEMAP]: { type: 'vector', tiles: [TILES_URL], maxzoom: TILES_MAX_ZOOM, attribution: ATTRIBUTION, promoteId: { labels: 'name' } },
  };
  detail.forEach((url, i) => {
    const src = `detail-${i}`;
    sources[src] = { type: 'geojson', data: url, attribution: OSM_ATTRIBUTION, tolerance: 0.2, maxzoom: 16 };
    const kind = (k: string) => ['==', ['get', 'kind'], k] as never;
    layers.push(
      { id: `${src}-sea`, type: 'fill', source: src, minzoom: REGION_ZOOM, filter: kind('region'), paint: { 'fill-color': c.sea } },
      { id: `${src}-land`, type: 'fill', source: src, minzoom: REGION_ZOOM, filter: kind('land'), paint: { 'fill-color': c.land } },
      { id: `${src}-coast`, type: 'line', source: src, minzoom: REGION_ZOOM, filter: kind('coastline'), paint: { 'line-color': c.coast, 'line-width': width(0.4, 0.9, 1.6) as never } },
      { id: `${src}-runway`, type: 'fill', source: src, minzoom: 10, filter: kind('runway'), paint: { 'fill-color': c.runway } },
    );
  });
  layers.push(...borders);
  const label = (kind: 'sea' | 'country' | 'city', rank: number): LayerSpecification => {
    const filter = rankFilter(kind, rank) as never;
    const minzoom = RANK_ZOOM[kind][rank - 1]!;
    if (kind === 'sea') {
      return {
        id: `label-sea-${rank}`, type: 'symbol', ...layer('labels'), minzoom, maxzoom: 9, filter,
        layout: { 'text-field': ['get', 'name'], 'text-font': FONTS.serifItalic, 'text-size': [13, 12.5, 12, 11][rank - 1]!, 'text-letter-spacing': 0.08, 'text-max-width': 7 },
        paint: { 'text-color': ink('seaLabel'), 'text-halo-color': ink('seaHalo'), 'text-halo-width': 1 },
      };
    }
    if (kind === 'country') {
      return {
        id: `label-country-${rank}`, type: 'symbol', ...layer('labels'), minzoom, maxzoom: 9, filter,
        layout: { 'text-field': ['upcase', ['get', 'name']], 'text-font': FONTS.sans, 'text-size': [12.5, 11.5, 10.5, 10][rank - 1]!, 'text-letter-spacing': 0.12, 'text-max-width': 8 },
        paint: { 'text-color': ink('country'), 'text-halo-color': ink('halo'), 'text-halo-width': 1.2 },
      };
    }
    return {
      id: cityLayers(rank)[1]!, type: 'symbol', ...layer('labels'), minzoom, filter,
      layout: {
        'text-field': ['get', 'name'], 'text-font': FONTS.sans, 'text-size': rank === 1 ? 12.5 : 11.5,
        'text-anchor': 'bottom', 'text-offset': [0, -0.35], 'text-optional': true,
      },
      paint: { 'text-color': ink('city'), 'text-halo-color': ink('halo'), 'text-halo-width': 1.5, 'text-opacity': unlessNamed as never },
    };
  };
  for (let rank = 1; rank <= 4; rank++) layers.push(label('sea', rank), label('country', rank));
  for (const rank of CITY_RANKS) {
    layers.push(
      { id: cityLayers(rank)[0]!, type: 'circle', ...layer('labels'), minzoom: RANK_ZOOM.city[rank - 1]!, filter: rankFilter('city', rank) as never, paint: { 'circle-radius': 2.5, 'circle-color': ink('city'), 'circle-stroke-color': ink('halo'), 'circle-stroke-width': 1, 'circle-opacity': unlessNamed as never, 'circle-stroke-opacity': unlessNamed as never } },
      label('city', rank),
    );
  }
  return { version: 8, name: `map-story embedded (${theme})`, sources, layers };
}
