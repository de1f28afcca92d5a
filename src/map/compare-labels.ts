import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP, OTHER_THEME } from '../basemap/embedded-style.js';

/**
 * When the labels' places are read again: the camera stopped, or the map settled (labels placed
 * after a flight, tiles arrived). Not on every frame of a flight: reading the placed labels costs
 * a few ms a frame, and a label's colours may follow a moment later.
 */
const EVENTS = ['moveend', 'idle'] as const;

/**
 * In a comparison whose sides show different basemap themes, the embedded basemap's labels
 * (names and city dots) take the colours of the side they stand on: one set of labels, placed
 * once, each coloured by the feature state {@link OTHER_THEME} while its anchor is on the
 * other theme's side of the divider (the style's label colours read it). Clipping a copy of the
 * labels to each side would place them twice: the copies would collide with the originals, or,
 * told to ignore them, show names the originals leave out. A label across the divider takes the
 * colours of its anchor's side.
 */
export class CompareLabels {
  readonly #map: MapLibreMap;
  /** The sides of the divider in the other theme (both, when both sides name it). */
  readonly #sides: readonly ('before' | 'after')[];
  /** The labels now marked as on the other theme's side, by id (name). */
  #other = new Set<string | number>();
  /** The labels drawn, by id, with their anchors' x in CSS px. */
  #anchors: [string | number, number][] = [];
  #divider = 0;

  /** Colours the basemap's labels on `sides` of the divider in the other theme. */
  constructor(map: MapLibreMap, sides: readonly ('before' | 'after')[]) {
    this.#map = map;
    this.#sides = sides;
    for (const event of EVENTS) map.on(event, this.#read);
    this.#read();
  }

  /** Moves the divider to `x` CSS px from the map's left edge. */
  setDivider(x: number): void {
    this.#divider = x;
    this.#assign();
  }

  /** Gives every label the map's own colours again. */
  remove(): void {
    for (const event of EVENTS) this.#map.off(event, this.#read);
    this.#mark(new Set());
  }

  /** Where the labels drawn are (their anchors, projected), then their sides. */
  readonly #read = () => {
    const layers = this.#map.getLayersOrder().filter((id) => id.startsWith('label-'));
    this.#anchors = [];
    for (const feature of this.#map.queryRenderedFeatures({ layers })) {
      if (feature.id === undefined || feature.geometry.type !== 'Point') continue;
      this.#anchors.push([feature.id, this.#map.project(feature.geometry.coordinates as [number, number]).x]);
    }
    this.#assign();
  };

  /** Which labels are on the other theme's side of the divider. */
  #assign(): void {
    this.#mark(new Set(this.#anchors.flatMap(([id, x]) => (this.#sides.includes(x < this.#divider ? 'before' : 'after') ? [id] : []))));
  }

  /** Sets the feature state of the labels whose side changed. */
  #mark(other: Set<string | number>): void {
    for (const id of new Set([...this.#other, ...other])) {
      if (this.#other.has(id) !== other.has(id)) this.#map.setFeatureState({ source: BASEMAP, sourceLayer: 'labels', id }, { [OTHER_THEME]: other.has(id) });
    }
    this.#other = other;
  }
}
