import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP, embeddedStyle, type Theme } from '../basemap/embedded-style.js';

/** The feature state of a basemap label drawn on the side whose theme is not the map's. */
const OTHER_SIDE = 'compare-other';
/** The colours a label layer takes from its theme. */
const COLOURS = ['text-color', 'text-halo-color', 'circle-color', 'circle-stroke-color'] as const;
/** When the labels' places are read again: the camera moved, or the map settled (labels placed after a flight, tiles arrived). */
const EVENTS = ['move', 'idle'] as const;

/**
 * In a comparison whose sides show different basemap themes, the embedded basemap's labels
 * (names and city dots) take the colours of the side they stand on: one set of labels, placed
 * once, each coloured by a feature state that says whether its anchor is on the other theme's
 * side of the divider. (Clipping a copy of the labels to each side would place them twice: the
 * copies would collide with the originals, or, told to ignore them, show names the originals
 * leave out.) A label across the divider takes the colours of its anchor's side.
 */
export class CompareLabels {
  readonly #map: MapLibreMap;
  /** The paint each label layer had before, to restore. */
  readonly #before = new Map<string, Partial<Record<(typeof COLOURS)[number], unknown>>>();
  /** The paint this gave them, as JSON (a colour set since, e.g. by a theme change, is left as it is). */
  readonly #given = new Map<string, string>();
  /** The labels now on the other theme's side, by id (name). */
  #other = new Set<string | number>();
  /** The labels drawn, by id, with their anchors' x in CSS px (read when the camera moves or the map settles). */
  #anchors: [string | number, number][] = [];
  #divider = 0;
  readonly #left: boolean;

  /** Colours the basemap's labels in `other` on `side` of the divider (`theme` elsewhere, as drawn now). */
  constructor(map: MapLibreMap, { theme, other, side }: { theme: Theme; other: Theme; side: 'before' | 'after' }) {
    this.#map = map;
    this.#left = side === 'before';
    const mine = embeddedStyle(theme, []).layers;
    const theirs = new Map(embeddedStyle(other, []).layers.map((l) => [l.id, l]));
    for (const layer of mine) {
      const paint = layer.paint as Record<string, unknown> | undefined;
      const alt = theirs.get(layer.id)?.paint as Record<string, unknown> | undefined;
      if (!paint || !alt || !map.getLayer(layer.id) || !layer.id.startsWith('label-')) continue;
      const saved: Partial<Record<(typeof COLOURS)[number], unknown>> = {};
      for (const prop of COLOURS) {
        if (!(prop in paint)) continue;
        saved[prop] = map.getPaintProperty(layer.id, prop);
        const given = ['case', ['boolean', ['feature-state', OTHER_SIDE], false], alt[prop], saved[prop]];
        map.setPaintProperty(layer.id, prop, given as never);
        this.#given.set(`${layer.id}\n${prop}`, JSON.stringify(given));
      }
      this.#before.set(layer.id, saved);
    }
    for (const event of EVENTS) map.on(event, this.#read);
    this.#read();
  }

  /** Moves the divider to `x` CSS px from the map's left edge. */
  setDivider(x: number): void {
    this.#divider = x;
    this.#assign();
  }

  /** Gives the labels their colours back. */
  remove(): void {
    for (const event of EVENTS) this.#map.off(event, this.#read);
    for (const [id, paint] of this.#before) {
      if (!this.#map.getLayer(id)) continue;
      for (const prop of COLOURS) {
        if (!(prop in paint)) continue;
        const mine = JSON.stringify(this.#map.getPaintProperty(id, prop)) === this.#given.get(`${id}\n${prop}`);
        if (mine) this.#map.setPaintProperty(id, prop, paint[prop] as never);
      }
    }
    this.#mark(new Set());
  }

  /** Where the labels drawn are (their anchors, projected), then their sides. */
  readonly #read = () => {
    this.#anchors = [];
    for (const feature of this.#map.queryRenderedFeatures({ layers: [...this.#before.keys()] })) {
      if (feature.id === undefined || feature.geometry.type !== 'Point') continue;
      this.#anchors.push([feature.id, this.#map.project(feature.geometry.coordinates as [number, number]).x]);
    }
    this.#assign();
  };

  /** Which labels are on the other theme's side of the divider. */
  #assign(): void {
    this.#mark(new Set(this.#anchors.flatMap(([id, x]) => (x < this.#divider === this.#left ? [id] : []))));
  }

  /** Sets the feature state of the labels whose side changed. */
  #mark(other: Set<string | number>): void {
    for (const id of new Set([...this.#other, ...other])) {
      if (this.#other.has(id) !== other.has(id)) this.#map.setFeatureState({ source: BASEMAP, sourceLayer: 'labels', id }, { [OTHER_SIDE]: other.has(id) });
    }
    this.#other = other;
  }
}
