import type { ErrorEvent, GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { progressGradient } from '../motion/line-progress.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { Story } from '../story/schema.js';
import { programSignature } from './program-signature.js';
import { within } from '../story/timeout.js';
import type { StoryLayers } from './story-layers.js';
import { warmUp, type WarmUpLayer } from './warm-up-copies.js';

// The story's shader warm-up (see warm-up.ts): while the first view loads, one invisible copy
// per WebGL program the chapters need. This file chooses the copies; warm-up-copies.ts draws
// them and compiles their programs. (It was a chunk of its own, loaded when needed: on a busy
// phone the import resolved a second after its file arrived, and first idle waited for it.)

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
  /** How long to wait for a source's data to sample, ms (the element's `timeout`). */
  timeout: number;
}

/**
 * Compiles, out of sight, the WebGL programs of every layer the chapters will show (story
 * layers, lines drawn by scroll, markers), earliest chapter first, so no chapter compiles one
 * during the reader's scroll. Resolves to what takes the copies away, when it drew any (see warmUp in warm-up-copies.ts).
 */
export async function warmUpStory(map: MapLibreMap, options: StoryWarmUp, alive: () => boolean): Promise<(() => void) | undefined> {
  const { states, layers, story } = options;
  const firstShown = (id: string) => {
    const i = states.findIndex((s) => s.layers.get(id)?.visible);
    return i < 0 ? states.length : i;
  };
  const progress = new Set(states.map((s) => s.progress?.layer).filter((id): id is string => !!id));
  // A copy draws with a real feature's properties only where they decide whether it draws at
  // all (see drawsOnlyWith); the rest need none, and asking the worker for a URL's data held
  // the copies back until it had loaded (0.5-0.7 s after the map was made on a slow phone).
  // Data that fails or never answers leaves the copy without (MapLibre's getData would wait
  // for it for ever, and the warm-up with it).
  const sample = async (source: unknown): Promise<Record<string, unknown> | undefined> => {
    const src = typeof source === 'string' ? (map.getSource(source) as GeoJSONSource | undefined) : undefined;
    if (src?.type !== 'geojson') return undefined;
    let onError = (_event: ErrorEvent & { sourceId?: string }) => {};
    const failed = new Promise<undefined>((resolve) => {
      onError = (event) => {
        if (event.sourceId === source) resolve(undefined);
      };
      map.on('error', onError);
    });
    const data = await within(Promise.race([src.getData(), failed]), options.timeout, 'no sample')
      .catch(() => undefined)
      .finally(() => map.off('error', onError));
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
  if (!alive()) return undefined;
  // One copy per program: its signature is known when the first view's warm-up compiled it or
  // an earlier chapter's copy draws it. (A copy per layer took a frame each, a full repaint of
  // the map, and kept the map busy for seconds after first idle.) The first chapter's own
  // layers get copies too: compiled as soon as their copies are drawn, often before the land's frame.
  const known = new Set(options.compiled.map(programSignature));
  const needed = entries.filter((e) => {
    const signature = programSignature(e.paint ? ({ ...e.layer, paint: { ...e.layer.paint, ...e.paint } } as LayerSpecification) : e.layer);
    if (known.has(signature)) return false;
    known.add(signature);
    return true;
  });
  // The sample features of the copies' sources that need one, asked for all at once (a worker round trip each, in parallel).
  const samples = await Promise.all(needed.map((e) => (e.source === undefined || !drawsOnlyWith(e.layer) ? undefined : sample(e.source))));
  needed.forEach((e, i) => {
    if (samples[i]) e.properties = samples[i];
  });
  if (!needed.length || !alive()) return undefined;
  return warmUp(map, needed, alive);
}

/** Layout and paint properties whose value, read from the feature, decides whether it draws at all. */
const DRAWN_BY_VALUE = ['text-field', 'icon-image', 'line-pattern', 'fill-pattern', 'fill-extrusion-pattern'];
/** Operators that read the feature's properties (and a legacy `{name}` token in a string). */
const READS_FEATURE = /\["(get|has|properties)"|"property":|^"[^"]*\{[^{}]+\}/;

/**
 * True when a copy of `layer` draws nothing without a real feature's properties: a symbol's
 * text or icon, or a pattern, read from the feature (an empty text draws no glyph, so MapLibre
 * asks for no program). Other values never decide the program (see programSignature), only
 * what it draws.
 */
export function drawsOnlyWith(layer: LayerSpecification): boolean {
  const { paint = {}, layout = {} } = layer as { paint?: Record<string, unknown>; layout?: Record<string, unknown> };
  return DRAWN_BY_VALUE.some((prop) => READS_FEATURE.test(JSON.stringify(paint[prop] ?? layout[prop] ?? null)));
}
