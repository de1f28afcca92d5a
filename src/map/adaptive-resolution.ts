/** What adaptive resolution needs of a MapLibre map. */
export interface ResolutionMap {
  on(type: 'move' | 'render', listener: () => void): unknown;
  off(type: 'move' | 'render', listener: () => void): unknown;
  /** MapLibre documents `null` as "follow `devicePixelRatio` again". */
  setPixelRatio(ratio: number | null): void;
  isMoving(): boolean;
  redraw(): unknown;
  triggerRepaint(): void;
  getCanvas(): HTMLCanvasElement;
}

/** A frame slower than this (under ~22 frames a second) is a slow one. */
export const SLOW_FRAME_MS = 45;
/** Slow frames of motion in a row that make a device a slow one. */
export const SLOW_FRAMES = 3;
/** Frames of motion at the lower ratio in a row, each faster than `FAST_FRAME_MS`, that make a device a fast one again. */
export const FAST_FRAMES = 10;
/** A frame at the lower ratio faster than this (over 40 frames a second) is a fast one. */
export const FAST_FRAME_MS = 25;
/** Repaints the speed probe times at rest. */
export const PROBE_FRAMES = 5;
/** No render for this long before a camera move: the move starts a new motion. */
export const GAP_MS = 200;
/** No camera move for this long (and no animation): the motion is over. */
export const REST_MS = 500;
/** No render for this long before the camera counts as rested; also the wait for the GPU where WebGL2 fences are missing. */
export const QUIET_MS = 100;

/**
 * The pixel ratio the map draws at while its camera moves on a device too slow to keep up:
 * half the device's on high-density screens (never under 1, a standard screen's), and 3/4 of
 * it on standard ones. That is 1/4 to 9/16 of the pixels to fill per frame.
 */
export function motionPixelRatio(deviceRatio: number): number {
  return Math.max(deviceRatio / 2, Math.min(deviceRatio, 0.75));
}

/**
 * Dynamic resolution for camera motion (flights, the scrubbed camera, a reader's drag in
 * explore mode). A device is found slow by a probe at rest (`probe()`: the median of a few
 * repaints in a row over `SLOW_FRAME_MS`) or by its frames of motion (`SLOW_FRAMES` in a row);
 * on a slow device each motion is drawn at `motionPixelRatio` from its start until the camera
 * has rested, then at full resolution again. Fill rate is what a slow GPU (or a software one)
 * runs out of, and a moving picture shows less of the lost sharpness than a still one. A device
 * that keeps up is never touched, and a map at rest is drawn at full resolution.
 *
 * The canvas is resized only where the GPU is idle and a frame is drawn right after: at the
 * start of a motion (inside a flight's or a drag's first frame, or with a synchronous redraw
 * for the scrubbed camera's second jump), and at rest once a fence says the GPU has run all it
 * was given. Resizing a canvas clears it, and waits for the GPU to finish its queue: mid-motion
 * on a slow device that was a stall of 120-170 ms (SwiftShader).
 */
export class AdaptiveResolution {
  #slow = false;
  #inMotion = false;
  /** Renders in a row that each drew a camera move (the last of them at `lastRender`). */
  #movingRenders = 0;
  #movedSinceRender = false;
  #lastMove = 0;
  #lastRender = 0;
  #slowFrames = 0;
  #fastFrames = 0;
  #lowered = false;
  #on = true;
  /** Set while this changes the pixel ratio: the resize's own move events are not motion. */
  #resizing = false;
  #restTimer: ReturnType<typeof setTimeout> | undefined;
  #endProbe: (() => void) | undefined;
  readonly #map: ResolutionMap;
  readonly #deviceRatio: () => number;

  constructor(
    map: ResolutionMap,
    deviceRatio: () => number = () => devicePixelRatio) {
    this.#map = map;
    this.#deviceRatio = deviceRatio;
    map.on('move', this.#onMove);
    map.on('render', this.#onRender);
  }

  /** True while the map draws at the lower motion pixel ratio. */
  get isLowered(): boolean {
    return this.#lowered;
  }

  /** True once the device has been found too slow for full-resolution motion. */
  get isSlow(): boolean {
    return this.#slow;
  }

  /** Turns adapting on (the default) or off; off puts the map back at full resolution now. */
  set enabled(on: boolean) {
    this.#on = on;
    if (!on && this.#lowered) this.#apply(null, true);
  }

  /**
   * Times `PROBE_FRAMES` repaints in a row of the map at rest (call once the first view and
   * shader warm-up are done), so the first motion on a slow device starts at the lower ratio.
   * A camera move during the probe ends it: the motion's frames tell instead. Resolves to
   * whether the device is slow.
   */
  probe(): Promise<boolean> {
    this.#endProbe?.();
    return new Promise((resolve) => {
      const times: number[] = [];
      const since = this.#lastMove;
      const end = () => {
        this.#map.off('render', tick);
        this.#endProbe = undefined;
        resolve(this.#slow);
      };
      const tick = () => {
        if (this.#lastMove !== since) return end();
        times.push(performance.now());
        if (times.length <= PROBE_FRAMES) return this.#map.triggerRepaint();
        const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
        if (gaps[gaps.length >> 1]! > SLOW_FRAME_MS) this.#slow = true;
        end();
      };
      this.#endProbe = end;
      this.#map.on('render', tick);
      this.#map.triggerRepaint();
    });
  }

  /** Stops adapting (the map is being removed: its resolution is left as it is). */
  destroy(): void {
    this.#on = false;
    this.#map.off('move', this.#onMove);
    this.#map.off('render', this.#onRender);
    clearTimeout(this.#restTimer);
    this.#endProbe?.();
  }

  readonly #onMove = () => {
    if (this.#resizing) return;
    const now = performance.now();
    // No render for a while: whatever moved before has stopped.
    if (now - this.#lastRender > GAP_MS) this.#movingRenders = 0;
    this.#movedSinceRender = true;
    this.#lastMove = now;
    if (!this.#inMotion) {
      this.#inMotion = true;
      this.#waitForRest(REST_MS);
    }
    // Only as the camera starts moving (a device found slow during a motion is served from the
    // next): a flight or a drag at its first frame after a frame without a move; jumps at the
    // second in a row (the scrubbed camera), not a single jump (a chapter change with reduced motion).
    const animated = this.#map.isMoving();
    const starting = this.#movingRenders === (animated ? 0 : 1);
    if (starting && this.#slow && this.#on && !this.#lowered) this.#apply(motionPixelRatio(this.#deviceRatio()), !animated);
  };

  /**
   * Times the interval between two renders in a row that each drew a camera move: a jump
   * followed by renders of loading tiles is not a slow motion, and neither is the first frame
   * after a rest.
   */
  readonly #onRender = () => {
    const now = performance.now();
    if (this.#movedSinceRender && this.#movingRenders > 0) {
      const gap = now - this.#lastRender;
      this.#slowFrames = gap > SLOW_FRAME_MS ? this.#slowFrames + 1 : 0;
      this.#fastFrames = this.#lowered && gap < FAST_FRAME_MS ? this.#fastFrames + 1 : 0;
      if (this.#slowFrames >= SLOW_FRAMES) this.#slow = true; // the next motion starts lower
      if (this.#fastFrames >= FAST_FRAMES) this.#slow = false; // the next motion starts at full resolution
    } else {
      this.#slowFrames = 0;
      this.#fastFrames = 0;
    }
    this.#movingRenders = this.#movedSinceRender ? this.#movingRenders + 1 : 0;
    this.#movedSinceRender = false;
    this.#lastRender = now;
  };

  /**
   * One timer per motion, pushed back while moves keep coming (not one per move), while an
   * animation runs, and until the map has not rendered for `QUIET_MS`.
   */
  #waitForRest(ms: number): void {
    this.#restTimer = setTimeout(() => {
      const now = performance.now();
      const still = now - this.#lastMove;
      const quiet = now - this.#lastRender;
      if (this.#map.isMoving()) this.#waitForRest(REST_MS);
      else if (still < REST_MS) this.#waitForRest(REST_MS - still);
      else if (quiet < QUIET_MS) this.#waitForRest(QUIET_MS - quiet);
      else {
        this.#inMotion = false;
        if (this.#lowered) void this.#gpuDone().then(() => this.#on && !this.#inMotion && this.#lowered && this.#apply(null, true));
      }
    }, ms);
  }

  /**
   * Resolves once the GPU has run every command given to the map's context so far (a WebGL2
   * fence, polled; WebGL1 waits `QUIET_MS` more): a software or slow GPU runs frames behind
   * the page, and a canvas resize before it catches up waits for it.
   */
  #gpuDone(): Promise<void> {
    const gl = this.#map.getCanvas().getContext('webgl2');
    const fence = gl?.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!gl || !fence) return new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    gl.flush();
    return new Promise((resolve) => {
      const poll = () => {
        if (gl.isContextLost() || gl.getSyncParameter(fence, gl.SYNC_STATUS) === gl.SIGNALED) {
          gl.deleteSync(fence);
          resolve();
        } else setTimeout(poll, 16);
      };
      poll();
    });
  }

  #apply(ratio: number | null, redraw: boolean): void {
    this.#lowered = ratio !== null;
    this.#resizing = true;
    try {
      this.#map.setPixelRatio(ratio);
      if (redraw) this.#map.redraw();
    } finally {
      this.#resizing = false;
    }
  }
}
