import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { progressGradient } from '../motion/line-progress.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { Story } from '../story/schema.js';
import { programSignature } from './program-signature.js';
import type { StoryLayers } from './story-layers.js';

/**
 * Shader warm-up. MapLibre compiles a WebGL program the first time it draws a kind of layer
 * (a dashed line, a gradient line, a circle with data-driven colours...). Compiling and linking
 * blocks the main thread: about 5-30 ms on a phone GPU, over 100 ms in software rendering. A
 * story whose later chapters show new layers would pay that in the middle of the reader's scroll.
 *
 * After the first view is drawn, each hidden layer is drawn once, as a copy on a tiny feature at
 * the centre of the map at 1/250 of its opacity (below one step of an 8-bit colour channel, so
 * nothing visible changes), one layer per frame. The copy keeps the layer's paint and
 * layout, so MapLibre builds the same program variant it will need later, and caches it.
 *
 * The first view is warmed up too (warmUpAll): the basemap's and markers' layers are copied all
 * at once as soon as the style has loaded, so their programs compile while the worker is still
 * tiling the land, instead of in the frame that first draws it.
 */

const SOURCE = 'map-story-warm-up';
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
  const [op] = value as unknown[];
  // Zoom curves must stay at the top of the expression: scale their outputs instead.
  if (op === 'interpolate' || op === 'interpolate-hcl' || op === 'interpolate-lab') {
    const out = value.slice(0, 3);
    for (let i = 3; i + 1 < value.length; i += 2) {
      const scaled = faintOpacity(value[i + 1]);
      if (scaled === undefined) return undefined;
      out.push(value[i], scaled);
    }
    return out;
  }
  if (op === 'step') {
    const first = faintOpacity(value[2]);
    if (first === undefined) return undefined;
    const out = [value[0], value[1], first];
    for (let i = 3; i + 1 < value.length; i += 2) {
      const scaled = faintOpacity(value[i + 1]);
      if (scaled === undefined) return undefined;
      out.push(value[i], scaled);
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
function warmUpData(map: MapLibreMap, properties: Record<string, unknown>): FeatureCollection {
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
 * The signatures of the programs it compiles (see programSignature) are added to `compiled`
 * at once, so the story's warm-up does not draw those again.
 */
export async function warmUpAll(map: MapLibreMap, layers: LayerSpecification[], { source, properties, alive, compiled }: { source: string; properties: Record<string, unknown>; alive: () => boolean; compiled: Set<string> }): Promise<void> {
  const copied = layers.flatMap((layer, i) => {
    const copy = warmUpCopy(layer, `${source}-${i}`);
    return copy ? [{ layer, copy: { ...copy, source } as LayerSpecification }] : [];
  });
  for (const { layer } of copied) compiled.add(programSignature(layer));
  if (!copied.length || !alive()) return;
  map.addSource(source, { type: 'geojson', data: warmUpData(map, properties) });
  for (const { copy } of copied) map.addLayer(copy);
  try {
    await drawn(map, source);
  } finally {
    if (alive()) {
      for (const { copy } of copied) map.removeLayer(copy.id);
      map.removeSource(source);
    }
  }
}

export interface WarmUpLayer {
  layer: LayerSpecification;
  /** Paint to draw it with instead (e.g. the `line-gradient` of a line drawn by scroll). */
  paint?: Record<string, unknown>;
  /** Properties of a real feature, so data-driven paint evaluates as it will later. */
  properties?: Record<string, unknown>;
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
const drawn = (map: MapLibreMap, source: string) => frameWhere(map, { ready: () => map.isSourceLoaded(source), skip: 1 });

/** The property that says which copy a warm-up feature belongs to. */
const COPY_KEY = 'map-story-warm-up';
/** Expression operators that read a feature: an opacity using one is data-driven. */
const FEATURE_OPERATORS = /\["(get|has|properties|feature-state|geometry-type|id)"/;

/**
 * The opacities of a copy held at 0 until its turn (MapLibre does not draw a layer at opacity
 * 0): those that are not data-driven, as changing between numbers and zoom curves restyles the
 * layer without tiling it again. (A data-driven one is drawn from the first frame.)
 */
function heldOpacities(copy: LayerSpecification): string[] {
  const paint = copy.paint as Record<string, unknown>;
  return (OPACITY[copy.type] ?? []).filter((prop) => !FEATURE_OPERATORS.test(JSON.stringify(paint[prop])));
}

/**
 * Draws each layer once, invisibly, one per frame, so its WebGL program is compiled now rather
 * than when a chapter first shows it, and no frame compiles more than one layer's programs. One
 * source holds every copy's features (each copy filtered to its own, with its own sample
 * properties), tiled once with every copy at opacity 0; then each frame gives one copy its
 * faint opacity. (A step per layer with its own data waited for a worker round trip each, and
 * ended seconds after first idle, into the reader's first scroll.) `alive` is checked between steps.
 */
export async function warmUp(map: MapLibreMap, layers: WarmUpLayer[], alive: () => boolean): Promise<void> {
  const copies = layers
    .map((l, i) => ({ ...l, i, copy: warmUpCopy(l.layer, `${SOURCE}-${i}`, l.paint) }))
    .flatMap(({ copy, properties, i }) => (copy ? [{ copy: { ...copy, filter: ['==', ['get', COPY_KEY], i] } as LayerSpecification, held: heldOpacities(copy), properties: { ...properties, [COPY_KEY]: i } }] : []));
  if (!copies.length || !alive()) return;
  const features = copies.flatMap(({ properties }) => warmUpData(map, properties).features);
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features }, lineMetrics: true });
  try {
    for (const { copy, held } of copies) {
      // At 0, with no transition: a copy's opacity goes to faint at once, so the next frame draws it.
      const paint = Object.fromEntries(held.flatMap((prop) => [[prop, 0], [`${prop}-transition`, { duration: 0, delay: 0 }]]));
      map.addLayer({ ...copy, paint: { ...copy.paint, ...paint } } as LayerSpecification);
    }
    await drawn(map, SOURCE);
    for (const { copy, held } of copies) {
      if (!alive()) return;
      if (!held.length) continue;
      const paint = copy.paint as Record<string, unknown>;
      for (const prop of held) map.setPaintProperty(copy.id, prop as never, paint[prop] as never);
      await frameWhere(map); // the frame that draws it
    }
  } finally {
    if (alive()) {
      for (const { copy } of copies) map.removeLayer(copy.id);
      map.removeSource(SOURCE);
    }
  }
}

/** What the story warm-up needs to know of the map's layers. */
export interface StoryWarmUp {
  states: ChapterState[];
  /** The story's layers MapLibre took. */
  layers: StoryLayers;
  story: Story;
  /** Layers the driver added (markers, the progress head), with sample properties. */
  own: LayerSpecification[];
  ownProperties: Record<string, unknown>;
  /** The progress head's layer id (drawn only when a chapter draws a line). */
  head: string;
  /** Signatures of the programs the first view's warm-up compiled already (see programSignature). */
  compiled: ReadonlySet<string>;
}

/**
 * Compiles, out of sight, the WebGL programs of every layer the chapters will show (story
 * layers, lines drawn by scroll, markers), earliest chapter first, so no chapter compiles one
 * during the reader's scroll. Layers drawn in the current view are skipped (their programs exist).
 */
export async function warmUpStory(map: MapLibreMap, options: StoryWarmUp, alive: () => boolean): Promise<void> {
  const { states, layers, story } = options;
  const firstShown = (id: string) => {
    const i = states.findIndex((s) => s.layers.get(id)?.visible);
    return i < 0 ? states.length : i;
  };
  const progress = new Set(states.map((s) => s.progress?.layer).filter((id): id is string => !!id));
  const sample = async (source: unknown): Promise<Record<string, unknown> | undefined> => {
    const src = typeof source === 'string' ? (map.getSource(source) as GeoJSONSource | undefined) : undefined;
    if (src?.type !== 'geojson') return undefined;
    const data = await src.getData().catch(() => undefined);
    const first = data?.type === 'FeatureCollection' ? data.features[0] : data?.type === 'Feature' ? data : undefined;
    return (first?.properties as Record<string, unknown> | null | undefined) ?? undefined;
  };
  const entries: (WarmUpLayer & { order: number })[] = [];
  // Each source's sample feature, asked for all at once (one worker round trip each, in parallel).
  const taken = (story.layers ?? []).filter((layer) => layers.has(layer.id)); // not those MapLibre refused
  const samples = await Promise.all(taken.map((layer) => sample(layer['source'])));
  for (const [i, layer] of taken.entries()) {
    const spec = layer as unknown as LayerSpecification;
    const properties = samples[i];
    const order = firstShown(layer.id);
    entries.push({ layer: spec, order, ...(properties ? { properties } : {}) });
    if (progress.has(layer.id)) {
      const paint = spec.paint as Record<string, unknown> | undefined;
      const color = typeof paint?.['line-color'] === 'string' ? paint['line-color'] : '#000';
      entries.push({ layer: spec, order, paint: { 'line-gradient': progressGradient(0.5, color) }, ...(properties ? { properties } : {}) });
    }
  }
  const firstProgress = states.findIndex((s) => s.progress);
  for (const layer of options.own) {
    if (layer.id === options.head && firstProgress < 0) continue; // never drawn
    entries.push({ layer, order: layer.id === options.head ? firstProgress : 0, properties: options.ownProperties });
  }
  entries.sort((a, b) => a.order - b.order);
  if (!alive()) return;
  const ids = entries.map((e) => e.layer.id).filter((id) => map.getLayer(id));
  const drawnNow = new Set(map.queryRenderedFeatures({ layers: ids }).map((f) => f.layer.id));
  // One copy per program: its signature is known when the first view compiled it (its warm-up,
  // the story layers drawn now) or an earlier chapter's copy draws it. (A copy per layer took a
  // frame each, a full repaint of the map, and kept the map busy for seconds after first idle.)
  const known = new Set(options.compiled);
  for (const e of entries) if (!e.paint && drawnNow.has(e.layer.id)) known.add(programSignature(e.layer));
  const needed = entries.filter((e) => {
    const signature = programSignature(e.paint ? ({ ...e.layer, paint: { ...e.layer.paint, ...e.paint } } as LayerSpecification) : e.layer);
    if (known.has(signature)) return false;
    known.add(signature);
    return true;
  });
  await warmUp(map, needed, alive);
}
