import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';

/**
 * Shader warm-up. MapLibre compiles a WebGL program the first time it draws a kind of layer
 * (a dashed line, a gradient line, a circle with data-driven colours...). Compiling and linking
 * blocks the main thread: about 5-30 ms on a phone GPU, over 100 ms in software rendering. A
 * story whose later chapters show new layers would pay that in the middle of the reader's scroll.
 *
 * While the first view loads, each layer the chapters show is drawn once, as a copy on a tiny
 * feature at the centre of the map at 1/250 of its opacity (below one step of an 8-bit colour
 * channel, so nothing visible changes). The copy keeps the layer's paint and layout, so MapLibre
 * asks for the same program variant it will need later; the program is compiled in the frame
 * that draws the copy, and cached. The copies draw in the first view's frames and stay until
 * the next chapter or move: each frame of their own was a full repaint (150-450 ms on a slow
 * phone), one before first idle and three after it.
 *
 * The first view is warmed up too (warmUpAll): the basemap's and markers' layers are copied all
 * at once as soon as the style has loaded, so their programs compile while the worker is still
 * tiling the land, instead of in the frame that first draws it. These compile in the frame that
 * draws the copies: compiled after it, they came after the land's first frame, which then
 * compiled them itself, each waiting for that frame's work. They stay, faint, until the next
 * chapter or move, as the story's copies do. The story's warm-up (in warm-up-story.ts, which
 * chooses the copies, and warm-up-copies.ts, which draws them) draws what later chapters need.
 */

/** The story warm-up's source (warmUpCopy's default). */
export const SOURCE = 'map-story-warm-up';
const FAINT = 0.004;
/** How long warm-up waits for its copies to be drawn before it gives up (a map that is not rendering). */
const DRAW_TIMEOUT_MS = 5000;

/** The opacity properties of each layer type that can be warmed up invisibly. */
const OPACITY: Partial<Record<LayerSpecification['type'], string[]>> = {
  line: ['line-opacity'],
  fill: ['fill-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity', 'icon-opacity'],
  'fill-extrusion': ['fill-extrusion-opacity'],
  heatmap: ['heatmap-opacity'],
};

/**
 * `value` (an opacity: a number, an expression or absent) times {@link FAINT}, keeping its
 * kind (constant, zoom-dependent or data-driven), which decides the program variant. Returns
 * undefined when the value cannot be scaled that way (legacy functions) or is 0.
 */
export function faintOpacity(value: unknown): unknown {
  if (value === undefined) return FAINT;
  if (typeof value === 'number') return value === 0 ? undefined : value * FAINT;
  if (!Array.isArray(value)) return undefined;
  // Zoom curves must stay at the top of the expression: scale their outputs instead (a step's
  // from index 2, an interpolation's from 4, every other one).
  const op = value[0];
  const first = op === 'step' ? 2 : /^interpolate/.test(String(op)) ? 4 : 0;
  if (first) {
    const out = [...value];
    for (let i = first; i < value.length; i += 2) {
      const scaled = faintOpacity(value[i]);
      if (scaled === undefined) return undefined;
      out[i] = scaled;
    }
    return out;
  }
  return ['*', value, FAINT];
}

/**
 * An invisible copy of `layer` drawing the warm-up source, or undefined when its type has no
 * opacity to fade (raster, hillshade, background: their programs are few and cheap to skip).
 */
export function warmUpCopy(layer: LayerSpecification, id: string, paintOverrides: Record<string, unknown> = {}): LayerSpecification | undefined {
  const props = OPACITY[layer.type];
  if (!props || !('source' in layer)) return undefined;
  const paint: Record<string, unknown> = { ...(layer.paint as Record<string, unknown> | undefined), ...paintOverrides };
  for (const prop of props) {
    const faint = faintOpacity(paint[prop]);
    if (faint === undefined) return undefined;
    paint[prop] = faint;
  }
  const layout: Record<string, unknown> = { ...(layer.layout as Record<string, unknown> | undefined), visibility: 'visible' };
  if (layer.type === 'symbol') {
    // Never push the basemap's labels aside, even for a frame.
    Object.assign(layout, { 'text-allow-overlap': true, 'icon-allow-overlap': true, 'text-ignore-placement': true, 'icon-ignore-placement': true });
  }
  const { filter: _filter, minzoom: _min, maxzoom: _max, 'source-layer': _sourceLayer, ...rest } = layer as LayerSpecification & { filter?: unknown; 'source-layer'?: string };
  return { ...rest, id, source: SOURCE, paint, layout } as LayerSpecification;
}

/** A point, a short line and a small triangle at the map's centre, a few pixels across. */
export function warmUpData(map: MapLibreMap, properties: Record<string, unknown>): FeatureCollection {
  const { x, y } = map.project(map.getCenter());
  const at = (dx: number, dy: number) => {
    const p = map.unproject([x + dx, y + dy]);
    return [p.lng, p.lat];
  };
  const feature = (geometry: Feature['geometry']): Feature => ({ type: 'Feature', properties, geometry });
  return {
    type: 'FeatureCollection',
    features: [
      feature({ type: 'Point', coordinates: at(0, 0) }),
      feature({ type: 'LineString', coordinates: [at(-2, 0), at(2, 0)] }),
      feature({ type: 'Polygon', coordinates: [[at(-2, 1), at(2, 1), at(0, -2), at(-2, 1)]] }),
    ],
  };
}

/**
 * Draws invisible copies of all `layers` at once, in one frame, under the source `source`.
 * For the first view: called while the worker is still tiling the basemap, it compiles the
 * programs the basemap and the markers will need, so their first draw does not stop for it.
 * The layers it copies are added to `compiled` at once, so the story's warm-up does not draw
 * their programs again. Returns what takes the copies away: the caller removes them with a
 * frame the map draws anyway (their tiles often come with the land's, and a removal then was
 * one more full repaint before first idle: 300-450 ms on a slow phone).
 */
export function warmUpAll(map: MapLibreMap, layers: LayerSpecification[], { source, properties, compiled }: { source: string; properties: Record<string, unknown>; compiled: LayerSpecification[] }): () => void {
  const copied = layers.flatMap((layer, i) => {
    const copy = warmUpCopy(layer, `${source}-${i}`);
    return copy ? [{ layer, copy: { ...copy, source } as LayerSpecification }] : [];
  });
  compiled.push(...copied.map(({ layer }) => layer));
  if (!copied.length) return () => {};
  return addCopies(map, { source, data: warmUpData(map, properties), copies: copied.map(({ copy }) => copy) });
}

/**
 * Adds the source `source` with `data` and the `copies` that draw it; returns what removes
 * them. (Copies MapLibre refused are removed at once, and the error thrown.)
 */
export function addCopies(map: MapLibreMap, { source, data, copies }: { source: string; data: FeatureCollection; copies: LayerSpecification[] }): () => void {
  const remove = () => {
    for (const { id } of copies) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(source)) map.removeSource(source);
  };
  map.addSource(source, { type: 'geojson', data, lineMetrics: true });
  try {
    // Below every layer: the first drawn in their pass, so a copy compiling in its frame waits
    // for as little of the frame's work as can be.
    const bottom = map.getLayersOrder()[0];
    for (const copy of copies) map.addLayer(copy, bottom);
  } catch (error) {
    remove();
    throw error;
  }
  return remove;
}

/**
 * Resolves at the end of the first frame, after `skip` frames, after which `ready()` holds.
 * Gives up after {@link DRAW_TIMEOUT_MS} (a map that is not rendering).
 */
const frameWhere = (map: MapLibreMap, { ready = () => true, skip = 0 }: { ready?: () => boolean; skip?: number } = {}) =>
  new Promise<void>((resolve) => {
    let frames = 0;
    const done = () => {
      clearTimeout(timer);
      map.off('render', onRender);
      resolve();
    };
    const onRender = () => {
      if (frames++ >= skip && ready()) done();
    };
    const timer = setTimeout(done, DRAW_TIMEOUT_MS);
    map.on('render', onRender);
    map.triggerRepaint();
  });

/**
 * The first frame that drew the warm-up source `source` with its current layers, once its tiles
 * are back from the worker (from the second frame on: the first may have been drawn before).
 */
export const drawn = (map: MapLibreMap, source: string) => frameWhere(map, { ready: () => map.isSourceLoaded(source), skip: 1 });

