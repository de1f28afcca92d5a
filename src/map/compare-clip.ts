import type { CustomLayerInterface, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { embeddedStyle, type Theme } from '../basemap/embedded-style.js';
import { CompareLabels } from './compare-labels.js';

/** One side of a comparison on the map: story layers drawn on it only, and its basemap theme. */
export interface ClipSide {
  layers: readonly string[];
  /** A basemap theme for this side that differs from the map's: a copy of the basemap is drawn on it. */
  theme?: Theme | undefined;
}

/** The embedded basemap the map shows (a side's theme needs it), or `undefined` for another style. */
export interface ClipBasemap {
  theme: Theme;
  detail: readonly string[];
  detailVisible: boolean;
}

type Side = 'before' | 'after';
const PREFIX = 'map-story-compare';
/** An empty source, for the layers that reset MapLibre's tile masks after a clipped layer (see #wrap). */
const RESET = `${PREFIX}-reset`;
/** The first of the embedded style's label layers: a side's basemap copy goes below the labels. */
const FIRST_LABEL = 'label-sea-1';

/**
 * A comparison on ONE map (one WebGL context): each side's layers are drawn only on its side
 * of the divider. MapLibre has no per-layer clip, so each clipped layer sits between two tiny
 * custom layers: the first turns on WebGL's scissor test for its side's rectangle, the second
 * turns it off. Custom layers render in order, in MapLibre's translucent pass; the first of
 * them is a "3d" custom layer, which makes MapLibre draw every layer above it in that pass too
 * (an opaque fill would otherwise be drawn earlier, top-down, in its opaque pass, unclipped).
 * That costs the opaque pass's overdraw saving for those layers, only while a comparison is
 * shown. MapLibre draws each source's tile masks (stencil) once for consecutive layers of that
 * source: masks drawn under the scissor would be wrong outside it for the next layer of the
 * same source, so an empty layer of an empty source follows each clipped block, and makes the
 * next layer draw its masks again, unclipped. A side whose basemap theme differs gets a copy of the basemap's fills and lines in that
 * theme, clipped the same way; the labels stay one set, each in the colours of its side (see CompareLabels).
 *
 * Alternatives weighed: a second map (a second WebGL context per story, while the chapter is
 * near; a page of stories would hit the browser's context limit sooner); a mask polygon
 * (cannot un-draw the other side's basemap, and geometry must be recomputed per frame); `within`
 * filters (clip whole features, not pixels).
 */
export class CompareClip {
  readonly #map: MapLibreMap;
  /** The divider, in CSS px from the map's left edge. */
  #x = 0;
  /** The ids of the layers this added, in the order added. */
  #added: string[] = [];
  #count = 0;
  /** The basemap labels' colours, when a side's theme differs. */
  #labels: CompareLabels | undefined;

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  /** True while a comparison is on the map. */
  get shown(): boolean {
    return this.#added.length > 0;
  }

  /** Shows a comparison: `before` on the left of the divider, `after` on its right. */
  show(sides: Record<Side, ClipSide>, basemap: ClipBasemap | undefined): void {
    this.clear();
    if (!this.#map.getSource(RESET)) this.#map.addSource(RESET, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const otherTheme: Side[] = [];
    for (const side of ['before', 'after'] as const) {
      const { layers, theme } = sides[side];
      if (basemap && theme && theme !== basemap.theme) {
        this.#copyBasemap(side, theme, basemap);
        otherTheme.push(side);
      }
      for (const id of layers) if (this.#map.getLayer(id)) this.#wrap(side, [id]);
    }
    if (otherTheme.length) {
      this.#labels = new CompareLabels(this.#map, otherTheme);
      this.#labels.setDivider(this.#x);
    }
    this.#map.triggerRepaint();
  }

  /** Moves the divider to `x` CSS px from the map's left edge. */
  setDivider(x: number): void {
    if (x === this.#x) return;
    this.#x = x;
    this.#labels?.setDivider(x);
    if (this.shown) this.#map.triggerRepaint();
  }

  /** Removes the comparison (its layers show unclipped again, as their chapter state says). */
  clear(): void {
    this.#labels?.remove();
    this.#labels = undefined;
    for (const id of this.#added.reverse()) if (this.#map.getLayer(id)) this.#map.removeLayer(id);
    this.#added = [];
  }

  /** A copy of the basemap's fills and lines in `theme`, below the labels, drawn on `side` only. */
  #copyBasemap(side: Side, theme: Theme, basemap: ClipBasemap): void {
    const before = this.#map.getLayer(FIRST_LABEL) ? FIRST_LABEL : undefined;
    const copies = embeddedStyle(theme, [...basemap.detail]).layers.filter((l) => l.type !== 'symbol' && l.type !== 'circle');
    const ids: string[] = [];
    for (const layer of copies) {
      const id = `${PREFIX}-${side}-${layer.id}`;
      const hidden = !basemap.detailVisible && layer.id.startsWith('detail-');
      const layout = { ...(layer.layout ?? {}), visibility: hidden ? 'none' : 'visible' } as const;
      this.#map.addLayer({ ...layer, id, layout } as LayerSpecification, before);
      this.#added.push(id);
      ids.push(id);
    }
    this.#wrap(side, ids);
  }

  /** Clips the consecutive layers `ids` to `side`: a scissor layer below the first, an end layer above the last. */
  #wrap(side: Side, ids: string[]): void {
    const order = this.#map.getLayersOrder();
    const last = ids[ids.length - 1]!;
    const above = order[order.indexOf(last) + 1];
    const n = this.#count++;
    const begin = this.#scissor(`${PREFIX}-clip-${n}`, side);
    const end: CustomLayerInterface = { id: `${PREFIX}-end-${n}`, type: 'custom', render: (gl) => gl.disable(gl.SCISSOR_TEST) };
    this.#map.addLayer(begin, ids[0]);
    this.#map.addLayer(end, above);
    this.#map.addLayer({ id: `${PREFIX}-reset-${n}`, type: 'fill', source: RESET }, above);
    this.#added.push(begin.id, end.id, `${PREFIX}-reset-${n}`);
  }

  #scissor(id: string, side: Side): CustomLayerInterface {
    return {
      id,
      type: 'custom',
      renderingMode: '3d', // draws every layer above it in the translucent pass, in order (see the class)
      render: (gl) => {
        const canvas = this.#map.getCanvas();
        const ratio = canvas.clientWidth ? gl.drawingBufferWidth / canvas.clientWidth : 1;
        const x = Math.round(Math.min(canvas.clientWidth, Math.max(0, this.#x)) * ratio);
        gl.enable(gl.SCISSOR_TEST);
        if (side === 'before') gl.scissor(0, 0, x, gl.drawingBufferHeight);
        else gl.scissor(x, 0, gl.drawingBufferWidth - x, gl.drawingBufferHeight);
      },
    };
  }
}
