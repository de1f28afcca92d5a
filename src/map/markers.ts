import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP, FONTS, NAMED_BY_MARKER, palettes, type Theme } from '../basemap/embedded-style.js';
import type { CameraTarget } from '../motion/camera-path.js';
import type { ChapterState } from '../story/chapter-states.js';
import { LABEL_ANCHORS, labelSide, MARKER_TEXT_SIZE } from './marker-labels.js';

/** The markers' source id (its layers' ids start with it). */
export const MARKERS = 'map-story-markers';
/** Markers' dot radius and outline width, in pixels. */
const DOT_RADIUS = 6;
const DOT_OUTLINE = 2;
/** Label halo width, in pixels. */
const HALO_WIDTH = 1.5;
/** The fonts most glyph servers have, for markers drawn on a style that is not the embedded one. */
const COMMON_FONTS = ['Noto Sans Regular', 'Helvetica Neue', 'Arial', 'sans-serif'];

/** How markers are drawn: the basemap theme, whether the style is the embedded one, and the text after an approximate marker's label. */
export interface MarkersOptions {
  theme: Theme;
  embedded: boolean;
  /** "(approx.)" in the story's language (read when markers are shown: an edit may change it). */
  approximate: () => string;
}

/**
 * A chapter's markers on the map: one GeoJSON source with a dot and a label layer, labels placed
 * on the side that fits the view (see labelSide). A marker named like one of the embedded
 * basemap's cities hides that city, so a place is named once, as the story names it. Owns what
 * is shown (to skip repeated updates) and the basemap's city names.
 */
export class Markers {
  /** The layers added, for the warm-up. */
  readonly layers: LayerSpecification[];
  /** The embedded basemap's city names by their lower case, once its labels are loaded. */
  #cityNames: Map<string, string> | undefined;
  /** The labels of the markers shown. */
  #labels: string[] = [];
  /** The names of the cities hidden for them. */
  #citiesHidden = new Set<string>();
  /** The source data last sent, as JSON. */
  #sent = '';

  readonly #map: MapLibreMap;
  readonly #options: MarkersOptions;

  constructor(map: MapLibreMap, options: MarkersOptions) {
    this.#map = map;
    this.#options = options;
    const c = palettes[options.theme];
    map.addSource(MARKERS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.layers = [
      {
        id: `${MARKERS}-circle`,
        type: 'circle',
        source: MARKERS,
        paint: {
          'circle-radius': DOT_RADIUS,
          'circle-color': ['case', ['get', 'approximate'], 'rgba(0,0,0,0)', ['get', 'color']],
          'circle-stroke-color': ['case', ['get', 'approximate'], ['get', 'color'], c.halo],
          'circle-stroke-width': DOT_OUTLINE,
        },
      },
      {
        id: `${MARKERS}-label`,
        type: 'symbol',
        source: MARKERS,
        layout: {
          'text-field': ['get', 'label'],
          // The embedded style's local fonts (glyphs drawn once for both), else common ones.
          'text-font': options.embedded ? FONTS.sans : COMMON_FONTS,
          'text-size': MARKER_TEXT_SIZE,
          // Labels go on the side facing the middle of the view; if that collides, above or below,
          // then the other side, each only where the label fits inside the map (see labelSide).
          'text-variable-anchor-offset': LABEL_ANCHORS as never,
          'text-optional': true,
        },
        paint: { 'text-color': c.label, 'text-halo-color': c.halo, 'text-halo-width': HALO_WIDTH },
      },
    ];
    for (const layer of this.layers) map.addLayer(layer);
  }

  /** The embedded basemap's labels arrived: cities named by markers can be hidden. */
  setCities(cities: readonly string[]): void {
    this.#cityNames = new Map(cities.map((name) => [name.trim().toLowerCase(), name]));
    this.#hideNamedCities();
  }

  /** Shows a chapter's markers, their labels placed for the camera `target` (see labelSide). */
  show(state: ChapterState, target: CameraTarget): void {
    this.#labels = state.markers.flatMap((m) => (m.label ? [m.label] : []));
    this.#hideNamedCities();
    const width = this.#map.getCanvas().width / this.#map.getPixelRatio(); // no layout read
    const accent = palettes[this.#options.theme].accent;
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: state.markers.map((m) => {
        const label = m.approximate ? `${m.label ?? ''} ${this.#options.approximate()}`.trim() : (m.label ?? '');
        return {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: m.coordinates },
          properties: { label, color: m.color ?? accent, approximate: m.approximate ?? false, side: labelSide(m.coordinates, label, target, width) },
        };
      }),
    };
    const key = JSON.stringify(data);
    if (key === this.#sent) return; // unchanged: no worker round trip, no new placement
    this.#sent = key;
    (this.#map.getSource(MARKERS) as GeoJSONSource | undefined)?.setData(data);
  }

  /**
   * Hides the cities the markers name (a feature state: see NAMED_BY_MARKER), and shows again
   * those no marker names any longer.
   */
  #hideNamedCities(): void {
    if (!this.#cityNames) return;
    const names = this.#cityNames;
    const hidden = new Set(this.#labels.flatMap((l) => names.get(l.trim().toLowerCase()) ?? []));
    for (const id of new Set([...this.#citiesHidden, ...hidden])) this.#map.setFeatureState({ source: BASEMAP, sourceLayer: 'labels', id }, { [NAMED_BY_MARKER]: hidden.has(id) });
    this.#citiesHidden = hidden;
  }
}
