import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { DeferredPrograms } from './deferred-programs.js';
import { addCopies, drawn, SOURCE, warmUpCopy, warmUpData } from './warm-up.js';

// Draws the story warm-up's copies (chosen in warm-up-story.ts) and compiles their programs
// between frames.

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
 * Draws each layer once, invisibly, so its WebGL program is compiled now rather than when a
 * chapter first shows it. One source holds every copy's features (each copy filtered to its
 * own, with its own sample properties), tiled once; the frame that draws them tells which
 * programs they need, and those are compiled after it, once the GPU is idle (see
 * DeferredPrograms: a few ms each, where a compile inside a frame blocked the main thread for
 * 100-500 ms in software rendering). (A step per layer with its own data waited for a worker
 * round trip each, and ended seconds after first idle, into the reader's first scroll.) `alive`
 * is checked between steps.
 *
 * Resolves, once the programs are compiled, to what takes the copies away. They draw nothing
 * until then, so the caller removes them before a frame the map draws anyway (the next move):
 * removed at once, they cost a full repaint of their own (150-250 ms on a slow phone).
 */
export async function warmUp(map: MapLibreMap, layers: WarmUpLayer[], alive: () => boolean): Promise<(() => void) | undefined> {
  const copies = layers
    .map((l, i) => ({ ...l, i, copy: warmUpCopy(l.layer, `${SOURCE}-${i}`, l.paint) }))
    .flatMap(({ copy, properties, i }) => (copy ? [{ copy: { ...copy, filter: ['==', ['get', COPY_KEY], i] } as LayerSpecification, properties: { ...properties, [COPY_KEY]: i } }] : []));
  if (!copies.length || !alive()) return undefined;
  const features = copies.flatMap(({ properties }) => warmUpData(map, properties).features);
  const programs = new DeferredPrograms(map, new Set(copies.map(({ copy }) => copy.id)));
  let remove = () => {};
  const release = () => {
    if (alive()) remove();
    programs.stop();
  };
  try {
    remove = addCopies(map, { source: SOURCE, data: { type: 'FeatureCollection', features }, copies: copies.map(({ copy }) => copy) });
    await drawn(map, SOURCE);
    await programs.compile(map, alive);
  } catch (error) {
    release();
    throw error;
  }
  // Without the takeover the copies draw (faintly) in every frame: taken away now.
  if (!programs.active || !alive()) {
    release();
    return undefined;
  }
  return release;
}
