import type { Map as MapLibreMap } from 'maplibre-gl';

// Compiling WebGL programs between frames, once the GPU is idle, for the shader warm-ups.

/** How often {@link gpuDone} asks whether the GPU is done, ms; and when it stops asking. */
const GPU_POLL_MS = 16;
const GPU_WAIT_MS = 3000;

/**
 * Resolves once the GPU has done every command the map gave it so far: a fence, whose status is
 * asked once per {@link GPU_POLL_MS} (a question that never waits).
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

/** What this file needs of MapLibre's painter (not public API: see {@link DeferredPrograms}). */
interface Painter {
  renderLayer: (painter: unknown, tiles: unknown, layer: { id: string }, ...rest: unknown[]) => void;
  programCache: { getProgram: (variant: Variant) => unknown };
}
/** A program variant as MapLibre asks for it: a shader and, per layer and tile, its configuration. */
type Variant = { name?: string; programConfiguration?: unknown };

/** What a layer being warmed up draws with, in the frame: nothing (no program, no draw call). */
const NO_PROGRAM = { program: null, attributes: {}, numAttributes: 0, draw: () => {} };

/**
 * Takes the WebGL programs the layers `ids` ask for while MapLibre draws them, and compiles them
 * after the frame ({@link compile}) instead of in it: the layers draw nothing until {@link stop}.
 *
 * Why: a program's first use asks the GPU how its link went, which waits for every command
 * queued before it. Inside a frame that is the frame's clear and opaque pass, in software
 * rendering 100-500 ms of blocked main thread; between frames, once the GPU is idle, the same
 * program takes 2-30 ms. MapLibre chooses the program variant (its defines, from the layer's
 * paint and the tile's bucket) while it draws, so the layers are drawn once to learn them.
 *
 * This reaches into MapLibre's painter (`renderLayer`, `programCache.getProgram`, as in
 * maplibre-gl 6). When they are not there, {@link active} is false and the layers draw (and
 * compile) as usual.
 */
export class DeferredPrograms {
  readonly active: boolean;
  /** Variants taken, one per shader and configuration (a layer's tile asks again each frame). */
  #variants = new Map<unknown, Map<string | undefined, Variant>>();
  /** MapLibre's own getProgram, on its cache: compiles a variant (or finds it compiled). */
  #compileOne = (_variant: Variant): unknown => undefined;
  #restore = () => {};
  /** Whether requests are still recorded (until {@link compile}: later ones are its own copies' again). */
  #recording = { on: true };

  constructor(map: MapLibreMap, ids: ReadonlySet<string>) {
    const painter = (map as unknown as { painter?: Partial<Painter> }).painter;
    const cache = painter?.programCache;
    this.active = typeof painter?.renderLayer === 'function' && typeof cache?.getProgram === 'function';
    if (!this.active) return;
    const p = painter as Painter;
    const { renderLayer } = p;
    const { getProgram } = p.programCache;
    this.#compileOne = (variant) => getProgram.call(p.programCache, variant);
    let taking = false;
    const variants = this.#variants;
    const recording = this.#recording;
    const drawing: Painter['renderLayer'] = function (this: unknown, painterArg, tiles, layer, ...rest) {
      taking = ids.has(layer.id);
      try {
        renderLayer.call(this, painterArg, tiles, layer, ...rest);
      } finally {
        taking = false;
      }
    };
    const taken: Painter['programCache']['getProgram'] = function (this: unknown, variant) {
      if (!taking) return getProgram.call(this, variant);
      if (!recording.on) return NO_PROGRAM;
      const byName = variants.get(variant.programConfiguration) ?? variants.set(variant.programConfiguration, new Map()).get(variant.programConfiguration)!;
      byName.set(variant.name, variant);
      return NO_PROGRAM;
    };
    p.renderLayer = drawing;
    p.programCache.getProgram = taken;
    // Own properties over the prototype's methods: deleting them restores MapLibre's own.
    this.#restore = () => {
      if (p.renderLayer === drawing) delete (p as Partial<Painter>).renderLayer;
      if (p.programCache.getProgram === taken) delete (p.programCache as Partial<Painter['programCache']>).getProgram;
    };
  }

  /** Stops taking programs; the layers draw as usual again. */
  stop(): void {
    this.#restore();
    this.#restore = () => {};
  }

  /**
   * Compiles the programs taken so far, each in a task of its own once the GPU is idle (2-30 ms
   * each in software rendering). Programs MapLibre has already come from its cache. The layers
   * still draw nothing meanwhile: a frame drawn in between (data arriving, a fade) would
   * otherwise compile them itself, inside the frame; nor are their later requests recorded
   * (new tiles of theirs ask again). `alive` is checked between tasks.
   */
  async compile(map: MapLibreMap, alive: () => boolean): Promise<void> {
    this.#recording.on = false;
    const variants = [...this.#variants.values()].flatMap((byName) => [...byName.values()]);
    this.#variants.clear();
    for (const variant of variants) {
      await gpuDone(map);
      if (!alive()) return;
      this.#compileOne(variant);
    }
  }
}
