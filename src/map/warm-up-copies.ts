import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { bindsPerFeature } from './program-signature.js';
import { drawn, frameWhere, OPACITY, SOURCE, warmUpCopy, warmUpData, withCopies } from './warm-up.js';

// Draws the story warm-up's copies (chosen in warm-up-story.ts), one per frame, each once the
// GPU is done with the work before it.

/** How often {@link gpuDone} asks whether the GPU is done, ms; and when it stops asking. */
const GPU_POLL_MS = 16;
const GPU_WAIT_MS = 3000;

/**
 * Resolves once the GPU has done every command the map gave it so far: a fence, whose status is
 * asked once per {@link GPU_POLL_MS} (a question that never waits). Compiling a program asks
 * the GPU how the link went, which waits for all the work queued before it: in software
 * rendering, a whole frame and the compiles of the previous draw, hundreds of ms of a blocked
 * main thread. Asked when the GPU is idle, the same compile takes a few ms.
 */
function gpuDone(map: MapLibreMap): Promise<void> {
  const gl = map.getCanvas().getContext('webgl2');
  const fence = gl?.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!gl || !fence) return Promise.resolve();
  gl.flush();
  const end = performance.now() + GPU_WAIT_MS;
  return new Promise<void>((resolve) => {
    // (A lost context answers every question with null: the wait ends at GPU_WAIT_MS.)
    const ask = () => {
      if (gl.getSyncParameter(fence, gl.SYNC_STATUS) !== gl.SIGNALED && performance.now() < end) return void setTimeout(ask, GPU_POLL_MS);
      gl.deleteSync(fence);
      resolve();
    };
    setTimeout(ask, GPU_POLL_MS);
  });
}

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
      if (!held.length) continue;
      await gpuDone(map);
      if (!alive()) return;
      const paint = copy.paint as Record<string, unknown>;
      for (const prop of held) map.setPaintProperty(copy.id, prop as never, paint[prop] as never);
      await frameWhere(map); // the frame that draws it
    }
  });
}
