import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { addCopies, drawn, SOURCE, warmUpCopy, warmUpData } from './warm-up.js';

// Draws the story warm-up's copies (chosen in warm-up-story.ts) with the first view's frames.

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
 * Draws each layer, invisibly, so its WebGL program is compiled now rather than when a chapter
 * first shows it. One source holds every copy's features (each copy filtered to its own, with
 * its own sample properties), tiled once, and added at once: its tiles come back with the first
 * view's, and the frames that draw the first view compile the copies' programs too. There a
 * compile costs a few ms: the frame's first compile has already waited for the GPU work queued
 * before it. (Compiled between frames instead, once the GPU said it was idle, they came after
 * the land's first frame on a slow phone and each waited 200-470 ms behind its raster, before
 * first idle or after it.) `alive` is checked between steps.
 *
 * Resolves, once the copies are drawn, to what takes them away: the caller removes them with a
 * frame the map draws anyway (the next move); removed at once, they cost a full repaint of
 * their own (150-250 ms on a slow phone).
 */
export async function warmUp(map: MapLibreMap, layers: WarmUpLayer[], alive: () => boolean): Promise<(() => void) | undefined> {
  const copies = layers
    .map((l, i) => ({ ...l, i, copy: warmUpCopy(l.layer, `${SOURCE}-${i}`, l.paint) }))
    .flatMap(({ copy, properties, i }) => (copy ? [{ copy: { ...copy, filter: ['==', ['get', COPY_KEY], i] } as LayerSpecification, properties: { ...properties, [COPY_KEY]: i } }] : []));
  if (!copies.length || !alive()) return undefined;
  const features = copies.flatMap(({ properties }) => warmUpData(map, properties).features);
  const remove = addCopies(map, { source: SOURCE, data: { type: 'FeatureCollection', features }, copies: copies.map(({ copy }) => copy) });
  const release = () => {
    if (alive()) remove();
  };
  await drawn(map, SOURCE);
  return release;
}
