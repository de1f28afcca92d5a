import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { progressGradient } from '../motion/line-progress.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { Story } from '../story/schema.js';
import { bindsPerFeature, programSignature } from './program-signature.js';
import type { StoryLayers } from './story-layers.js';
import { drawn, frameWhere, OPACITY, SOURCE, warmUpCopy, warmUpData, withCopies } from './warm-up.js';

// The story's shader warm-up (see warm-up.ts): after the first view, one invisible copy per
// WebGL program the later chapters need, one per frame. Loaded with it, not with the map.

export interface WarmUpLayer {
  layer: LayerSpecification;
  /** Paint to draw it with instead (e.g. the `line-gradient` of a line drawn by scroll). */
  paint?: Record<string, unknown>;
  /** Properties of a real feature, so data-driven paint evaluates as it will later. */
  properties?: Record<string, unknown>;
}

/** The property that says which copy a warm-up feature belongs to. */
const COPY_KEY = 'map-story-warm-up';

/**
 * The opacities of a copy held at 0 until its turn (MapLibre does not draw a layer at opacity
 * 0): those that are not data-driven, as changing between numbers and zoom curves restyles the
 * layer without tiling it again. (A data-driven one is drawn from the first frame.)
 */
function heldOpacities(copy: LayerSpecification): string[] {
  const paint = copy.paint as Record<string, unknown>;
  return (OPACITY[copy.type] ?? []).filter((prop) => !bindsPerFeature(paint[prop]));
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
  // At 0, with no transition: a copy's opacity goes to faint at once, so the next frame draws it.
  const hidden = copies.map(({ copy, held }) => ({ ...copy, paint: { ...copy.paint, ...Object.fromEntries(held.flatMap((prop) => [[prop, 0], [`${prop}-transition`, { duration: 0, delay: 0 }]])) } }) as LayerSpecification);
  await withCopies(map, { source: SOURCE, data: { type: 'FeatureCollection', features }, copies: hidden, alive }, async () => {
    await drawn(map, SOURCE);
    for (const { copy, held } of copies) {
      if (!alive()) return;
      if (!held.length) continue;
      const paint = copy.paint as Record<string, unknown>;
      for (const prop of held) map.setPaintProperty(copy.id, prop as never, paint[prop] as never);
      await frameWhere(map); // the frame that draws it
    }
  });
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
  /** Layers whose programs the first view's warm-up compiled already. */
  compiled: readonly LayerSpecification[];
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
  const entries: (WarmUpLayer & { order: number; source?: unknown })[] = [];
  for (const layer of (story.layers ?? []).filter((l) => layers.has(l.id))) { // not those MapLibre refused
    const spec = layer as unknown as LayerSpecification;
    const order = firstShown(layer.id);
    entries.push({ layer: spec, order, source: layer['source'] });
    if (progress.has(layer.id)) {
      const paint = spec.paint as Record<string, unknown> | undefined;
      const color = typeof paint?.['line-color'] === 'string' ? paint['line-color'] : '#000';
      entries.push({ layer: spec, order, source: layer['source'], paint: { 'line-gradient': progressGradient(0.5, color) } });
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
  const known = new Set(options.compiled.map(programSignature));
  for (const e of entries) if (!e.paint && drawnNow.has(e.layer.id)) known.add(programSignature(e.layer));
  const needed = entries.filter((e) => {
    const signature = programSignature(e.paint ? ({ ...e.layer, paint: { ...e.layer.paint, ...e.paint } } as LayerSpecification) : e.layer);
    if (known.has(signature)) return false;
    known.add(signature);
    return true;
  });
  // The sample features of the copies' sources, asked for all at once (a worker round trip each, in parallel).
  const samples = await Promise.all(needed.map((e) => (e.source === undefined ? undefined : sample(e.source))));
  needed.forEach((e, i) => {
    if (samples[i]) e.properties = samples[i];
  });
  await warmUp(map, needed, alive);
}
