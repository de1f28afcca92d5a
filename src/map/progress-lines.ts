import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { palettes, type Theme } from '../basemap/embedded-style.js';
import { firstLine, MeasuredLine, progressGradient, PROGRESS_STEPS } from '../motion/line-progress.js';
import type { StoryLayers } from './story-layers.js';

/** The progress head's source and layer id. */
export const HEAD = 'map-story-progress-head';
/** The head's radius and outline width, in pixels. */
const HEAD_RADIUS = 6;
const HEAD_OUTLINE = 2.5;
/**
 * The head's colours: shown where the feature state `on` is set, transparent elsewhere. Colours
 * (not sizes) by data make the head the markers' WebGL program variant, compiled for the first
 * view anyway; sizes by data were a variant of their own (~200 ms to compile under SwiftShader).
 */
const headColor = (color: string) => ['case', ['boolean', ['feature-state', 'on'], false], color, 'rgba(0,0,0,0)'] as never;

/**
 * Lines drawn by scroll progress: each drawn up to a fraction of its length (a `line-gradient`
 * on `line-progress`), with a head marker where the drawn part ends. The head source holds
 * every place a head can be (`PROGRESS_STEPS` + 1 per line, sent once); moving a head switches
 * the feature state `on` from one to the next, which costs no data sent to the worker and no
 * tiles reloaded while the reader scrolls. Owns what is drawn and where the heads are.
 */
export class ProgressLines {
  /** The head layer, for the warm-up. */
  readonly layer: LayerSpecification;
  readonly #lines = new Map<string, Promise<MeasuredLine | undefined>>();
  /** What each line shows now, by layer id. */
  readonly #drawn = new Map<string, { fraction: number; head: boolean }>();
  #headVisible = false;
  /** First head feature id of each line whose head places are in the head source. */
  readonly #headSlots = new Map<string, number>();
  /** The head feature lit now, by line (-1: none). */
  readonly #litHeads = new Map<string, number>();
  readonly #headPlaces: Feature<Point>[] = [];
  #removed = false;

  readonly #map: MapLibreMap;
  readonly #layers: StoryLayers;
  readonly #theme: Theme;

  constructor(
    map: MapLibreMap,
    layers: StoryLayers,
    theme: Theme,
  ) {
    this.#map = map;
    this.#layers = layers;
    this.#theme = theme;
    const c = palettes[theme];
    map.addSource(HEAD, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.layer = {
      id: HEAD,
      type: 'circle',
      source: HEAD,
      layout: { visibility: 'none' },
      // Every place a head can be is in the source; only the one whose state is `on` has colours.
      paint: { 'circle-radius': HEAD_RADIUS, 'circle-color': headColor(c.accent), 'circle-stroke-color': headColor(c.halo), 'circle-stroke-width': HEAD_OUTLINE },
    };
    map.addLayer(this.layer);
  }

  /** Draws `layerId` up to `fraction` of its length, with a head while partly drawn. Repeated fractions cost nothing. */
  set(layerId: string, fraction: number, head: boolean): void {
    if (this.#removed || !this.#map.getLayer(layerId) || this.#drawn.get(layerId)?.fraction === fraction) return;
    this.#drawn.set(layerId, { fraction, head });
    const paint = this.#layers.layer(layerId)?.['paint'] as Record<string, unknown> | undefined;
    const color = typeof paint?.['line-color'] === 'string' ? paint['line-color'] : palettes[this.#theme].accent;
    this.#map.setPaintProperty(layerId, 'line-gradient', progressGradient(fraction, color) as never);
    this.refresh();
  }

  /** Puts the head at the end of the drawn part of each visible, partly drawn line (after layers changed too). */
  refresh(): void {
    if (this.#removed) return;
    for (const [id, d] of this.#drawn) {
      const needed = d.head && d.fraction > 0 && d.fraction < 1 && this.#map.getLayoutProperty(id, 'visibility') !== 'none';
      const slot = this.#headSlots.get(id);
      if (slot === undefined) {
        if (needed) this.prepare(id); // not before: the line's data may wait for its chapter
        continue;
      }
      const want = needed ? slot + Math.round(d.fraction * PROGRESS_STEPS) : -1;
      const lit = this.#litHeads.get(id) ?? -1;
      if (want === lit) continue;
      if (lit >= 0) this.#map.setFeatureState({ source: HEAD, id: lit }, { on: false });
      if (want >= 0) this.#map.setFeatureState({ source: HEAD, id: want }, { on: true });
      this.#litHeads.set(id, want);
    }
    // Hidden while there is no head, so its source costs no tiles.
    const visible = [...this.#litHeads.values()].some((v) => v >= 0);
    if (visible !== this.#headVisible) this.#map.setLayoutProperty(HEAD, 'visibility', visible ? 'visible' : 'none');
    this.#headVisible = visible;
  }

  /** Sends a line's head places to the head source, once its data is known (the warm-up calls this ahead). */
  prepare(layerId: string): void {
    if (this.#headSlots.has(layerId) || this.#lines.has(layerId)) return; // done, or on its way
    void this.#measured(layerId).then((line) => {
      if (this.#removed || !line) return;
      const slot = this.#headPlaces.length;
      for (let i = 0; i <= PROGRESS_STEPS; i++) {
        this.#headPlaces.push({ type: 'Feature', id: slot + i, properties: {}, geometry: { type: 'Point', coordinates: line.pointAt(i / PROGRESS_STEPS) } });
      }
      (this.#map.getSource(HEAD) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: this.#headPlaces });
      this.#headSlots.set(layerId, slot);
      this.refresh();
    });
  }

  /** The map is being removed: nothing more is sent to it. */
  stop(): void {
    this.#removed = true;
  }

  #measured(layerId: string): Promise<MeasuredLine | undefined> {
    let line = this.#lines.get(layerId);
    if (!line) {
      const sourceId = this.#layers.sourceOf(layerId);
      const source = this.#map.getSource(sourceId) as GeoJSONSource | undefined;
      line = source
        ? source.getData().then(
            (data) => {
              const coords = firstLine(data);
              return coords && coords.length > 1 ? new MeasuredLine(coords) : undefined;
            },
            () => undefined,
          )
        : Promise.resolve(undefined);
      this.#lines.set(layerId, line);
    }
    return line;
  }
}
