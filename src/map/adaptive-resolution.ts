/** What adaptive resolution needs of a MapLibre map. */
export interface ResolutionMap {
  on(type: 'move' | 'render', listener: () => void): unknown;
  off(type: 'move' | 'render', listener: () => void): unknown;
  /** MapLibre documents `null` as "follow `devicePixelRatio` again". */
  setPixelRatio(ratio: number | null): void;
  isMoving(): boolean;
  redraw(): unknown;
}

/** A frame of camera motion slower than this (under ~22 frames a second) is a slow one. */
export const SLOW_FRAME_MS = 45;
/** Slow frames in a row, during one motion, before the map draws at its motion pixel ratio. */
export const SLOW_FRAMES = 3;
/** No camera move for this long: the motion is over and the map draws at full resolution again. */
export const REST_MS = 250;

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
 * explore mode): when the map's frames during a motion come slower than `SLOW_FRAME_MS`,
 * `SLOW_FRAMES` in a row, it draws at `motionPixelRatio` until the camera has rested for
 * `REST_MS`, then at full resolution again. Fill rate is what a slow GPU (or a software one)
 * runs out of, and a moving picture shows less of the lost sharpness than a still one. A
 * device that keeps up is never touched, and a map at rest is drawn at full resolution.
 *
 * Resizing the canvas clears it, so a new ratio is applied only where a frame is drawn right
 * after: at a camera move inside MapLibre's render (a flight's or a drag's frame), or with a
 * synchronous redraw (a jump, or the end of the rest).
 */
export class AdaptiveResolution {
  private movedSinceRender = false;
  private lastMove = 0;
  /** When the last render that drew a camera move happened; undefined after one that did not. */
  private lastMovingRender: number | undefined;
  private slowFrames = 0;
  private lowered = false;
  /** A ratio to apply at the next camera move (`null`: full resolution). */
  private pending: number | null | undefined;
  private on = true;
  /** Set while this changes the pixel ratio: the resize's own move events are not motion. */
  private resizing = false;
  private restTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly map: ResolutionMap,
    private readonly deviceRatio: () => number = () => devicePixelRatio,
  ) {
    map.on('move', this.onMove);
    map.on('render', this.onRender);
  }

  /** True while the map draws at the lower motion pixel ratio. */
  get isLowered(): boolean {
    return this.lowered;
  }

  /** Turns adapting on (the default) or off; off puts the map back at full resolution now. */
  set enabled(on: boolean) {
    this.on = on;
    if (!on) this.restore();
  }

  /** Stops adapting (the map is being removed: its resolution is left as it is). */
  destroy(): void {
    this.map.off('move', this.onMove);
    this.map.off('render', this.onRender);
    clearTimeout(this.restTimer);
  }

  private readonly onMove = () => {
    if (this.resizing) return;
    this.movedSinceRender = true;
    this.lastMove = performance.now();
    if (this.pending !== undefined) this.apply(!this.map.isMoving());
  };

  /**
   * Times the interval between two renders in a row that each drew a camera move: a jump
   * followed by renders of loading tiles is not a slow motion, and neither is the first frame
   * after a rest.
   */
  private readonly onRender = () => {
    const now = performance.now();
    if (this.movedSinceRender && this.lastMovingRender !== undefined) {
      this.slowFrames = now - this.lastMovingRender > SLOW_FRAME_MS ? this.slowFrames + 1 : 0;
      if (this.slowFrames >= SLOW_FRAMES && this.on && !this.lowered && this.pending === undefined) {
        this.pending = motionPixelRatio(this.deviceRatio());
        this.waitForRest(REST_MS);
      }
    } else this.slowFrames = 0;
    this.lastMovingRender = this.movedSinceRender ? now : undefined;
    this.movedSinceRender = false;
  };

  /** One timer while lowered, pushed back while moves keep coming (not one per move). */
  private waitForRest(ms: number): void {
    this.restTimer = setTimeout(() => {
      const still = performance.now() - this.lastMove;
      if (still < REST_MS) this.waitForRest(REST_MS - still);
      else this.restore();
    }, ms);
  }

  private restore(): void {
    clearTimeout(this.restTimer);
    this.pending = this.lowered ? null : undefined;
    if (this.pending !== undefined) this.apply(true);
  }

  private apply(redraw: boolean): void {
    const ratio = this.pending!;
    this.pending = undefined;
    this.lowered = ratio !== null;
    this.resizing = true;
    try {
      this.map.setPixelRatio(ratio);
      if (redraw) this.map.redraw();
    } finally {
      this.resizing = false;
    }
  }
}
