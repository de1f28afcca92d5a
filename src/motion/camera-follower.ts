import { cameraPath, type CameraTarget } from './camera-path.js';
import { TILE, toWorld } from './mercator.js';

/**
 * Time constant of the scrubbed camera's ease towards the scroll position, in ms: it covers
 * 63% of the way in this time, 95% in three times it. Long enough to smooth wheel notches and
 * jumps, short enough to feel attached to the scroll.
 */
export const FOLLOW_MS = 110;
/**
 * Top speed of the scrubbed camera, in lengths of the zoom-pan path per second: twice the
 * average pace of MapLibre's `flyTo` (1.2), the flights between chapters. A small move (a wheel
 * notch while reading) eases in `FOLLOW_MS`; a far one (a scrollbar drag, a fast flick through
 * the chapter) travels like a brisk flight, at a pace the eye can follow, instead of crossing a
 * continent in three frames, and the camera skips what a fast scroll passes by.
 */
export const FOLLOW_SPEED = 2.4;
/** The step a follow starts with: one display frame at 60 Hz (the frame before says nothing). */
const FIRST_STEP_MS = 1000 / 60;
/** A slow frame moves the camera at most this much time's worth: a glide stays a glide (several frames) on a slow device. */
const MAX_STEP_MS = 100;

/** True when `a` and `b` would draw the same picture to within half a pixel. */
export function sameView(a: CameraTarget, b: CameraTarget): boolean {
  const [ax, ay] = toWorld(a.center);
  const [bx, by] = toWorld(b.center);
  let dx = Math.abs(ax - bx);
  dx = Math.min(dx, 1 - dx); // across the antimeridian
  const scale = TILE * 2 ** Math.max(a.zoom, b.zoom);
  const p = a.padding;
  const q = b.padding;
  const sides = ['top', 'right', 'bottom', 'left'] as const;
  return (
    Math.hypot(dx, ay - by) * scale < 0.5 &&
    Math.abs(a.zoom - b.zoom) < 5e-4 &&
    Math.abs(a.bearing - b.bearing) < 0.05 &&
    Math.abs(a.pitch - b.pitch) < 0.05 &&
    sides.every((k) => Math.abs(p[k] - q[k]) < 0.5)
  );
}

/**
 * Moves a camera towards a goal that the scroll keeps moving, a little each frame (exponential
 * smoothing along the smooth zoom-pan path between where it is and where it should be, at most
 * `FOLLOW_SPEED`), and lands exactly on the goal once within half a pixel of it. A goal that
 * jumps (a wheel notch, a scrollbar drag, a flight interrupted mid-way) is reached in a glide
 * instead of a cut. Frame-rate independent: each step covers `1 - exp(-dt / FOLLOW_MS)` of the
 * way, or `FOLLOW_SPEED * dt` of path length if that is less.
 */
export class CameraFollower {
  /** The camera this follower last wrote, while it owns the camera. */
  #written: CameraTarget | undefined;
  #at = 0;
  #moving = false;

  /** Another motion (a flight, a jump) owns the camera now: the next step starts from the map's camera. */
  release(): void {
    this.#written = undefined;
    this.#moving = false;
  }

  /**
   * Takes one step towards `goal` at time `now` (ms), writing the camera at most once through
   * `jumpTo`; `current` gives the map's camera when the follower does not own it yet. Returns
   * true while the goal is not reached (call again next frame). A goal is one object: the same
   * goal again after arriving writes nothing.
   */
  step(goal: CameraTarget, now: number, width: number, current: () => CameraTarget, jumpTo: (c: CameraTarget) => void): boolean {
    const from = this.#written ?? current();
    if (from === goal) {
      this.#moving = false;
      return false;
    }
    const dt = this.#moving ? Math.min(Math.max(now - this.#at, 0), MAX_STEP_MS) : FIRST_STEP_MS;
    this.#at = now;
    let next = goal;
    if (!sameView(from, goal)) {
      const path = cameraPath(from, goal, width);
      next = path(Math.min(1 - Math.exp(-dt / FOLLOW_MS), (FOLLOW_SPEED * dt) / 1000 / path.distance));
    }
    if (next !== goal && sameView(next, goal)) next = goal;
    jumpTo(next);
    this.#written = next;
    this.#moving = next !== goal;
    return this.#moving;
  }
}
