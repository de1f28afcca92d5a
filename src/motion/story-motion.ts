import type { ChapterState } from '../story/chapter-states.js';
import { CameraFollower } from './camera-follower.js';
import { cameraPath, type CameraTarget } from './camera-path.js';
import { PROGRESS_STEPS } from './line-progress.js';

/** What scroll-driven motion needs from the map (implemented by the map driver). */
export interface MotionMap {
  resolve(state: ChapterState): CameraTarget;
  /** The camera the map shows now. */
  current(): CameraTarget;
  jumpTo(target: CameraTarget): void;
  setLineProgress(layerId: string, fraction: number, head: boolean): void;
}

/** Card geometry, relative to the element's top, measured once per layout. */
export interface CardBox {
  top: number;
  height: number;
}

/**
 * Everything that follows the reader's scroll continuously rather than on chapter changes:
 * the scrubbed camera between chapters, lines drawn by progress, and the progress of the
 * active chapter. It is driven by one number per frame, the position of the trigger line in
 * the element (`line`, a vertical position in pixels), and uses layout measured on resize only.
 */
export class StoryMotion {
  #mids: number[] = [];
  #tops: number[] = [];
  #targets = new Map<number, CameraTarget>();
  #paths = new Map<number, (t: number) => CameraTarget>();
  #region: number | undefined;
  /** Where the scrubbed camera is going (the scroll position's camera), until it gets there. */
  #goal: CameraTarget | undefined;
  #goalKey = '';
  /** A scrubbed chapter entered outside its scrub region: the camera glides to its view. */
  #landing: number | undefined;
  readonly #follower = new CameraFollower();

  #states: ChapterState[];
  #boxes: CardBox[];
  #width: number;

  constructor(
    states: ChapterState[],
    boxes: CardBox[],
    width: number,
  ) {
    this.#states = states;
    this.#boxes = boxes;
    this.#width = width;
    this.#mids = boxes.map((b) => b.top + b.height / 2);
    this.#tops = boxes.map((b) => b.top);
  }

  /** New layout (resize): card boxes and map width; cached cameras are recomputed lazily. */
  relayout(boxes: CardBox[], width: number): void {
    this.#boxes = boxes;
    this.#width = width;
    this.#mids = boxes.map((b) => b.top + b.height / 2);
    this.#tops = boxes.map((b) => b.top);
    this.#targets.clear();
    this.#paths.clear();
    this.#goalKey = '';
  }

  /** A chapter change moves the camera (a flight, a jump): scrubbing lets go of it until the next scroll. */
  release(): void {
    this.#follower.release();
    this.#goal = undefined;
    this.#goalKey = '';
    this.#landing = undefined;
  }

  /**
   * Chapter `index`, a scrubbed one, became active: its camera is the scroll's to move. Inside
   * its scrub region the scroll position sets the goal as usual; entered beyond its anchor (a
   * fast scroll, a jump, scrolling back up from the chapter after it) the camera glides to the
   * chapter's view instead of cutting to it.
   */
  land(index: number): void {
    this.#landing = index;
  }

  /**
   * Progress (0-1) through chapter `index` when the trigger line is at `line`: 0 when the line
   * reaches the top of its card, 1 when it reaches the next card (or, for the last chapter,
   * the bottom of its own card).
   */
  progressOf(index: number, line: number): number {
    const box = this.#boxes[index];
    if (!box) return 0;
    const end = this.#boxes[index + 1]?.top ?? box.top + box.height;
    if (end <= box.top) return 0;
    return Math.min(1, Math.max(0, (line - box.top) / (end - box.top)));
  }

  #target(map: MotionMap, index: number): CameraTarget {
    let t = this.#targets.get(index);
    if (!t) {
      t = map.resolve(this.#states[index]!);
      this.#targets.set(index, t);
    }
    return t;
  }

  /**
   * The chapter the reader is on with the trigger line at `line`, given the `active` one, by the
   * rule scrollama applies as cards cross the line: the card the line is in; between two cards,
   * whichever of the two is active (the one above when scrolling down, the one below when
   * scrolling up); above the first card, the first once one was active. A jump that carries
   * whole cards past the line (a scrollbar drag, Home, End) is never seen by scrollama's
   * observers; this catches up with it.
   */
  chapterAt(line: number, active: number | undefined): number | undefined {
    const j = lastAtMost(this.#tops, line);
    if (j < 0) return active === undefined ? undefined : 0;
    if (active === undefined || active < j || line <= this.#tops[j]! + this.#boxes[j]!.height) return j;
    return Math.min(active, j + 1);
  }

  /**
   * Applies scroll-driven effects for trigger line position `line` at time `now` (ms). Inside a scrub
   * region the camera's goal is the point of the path between the two chapters that the scroll
   * has reached, and the camera glides to it (`CameraFollower`); leaving a region (perhaps in
   * one big jump), the goal is exactly the chapter beyond it. The camera is written at most once
   * per call, and only for a scrub region, so it never fights the flights that chapter changes
   * start elsewhere. `scrub` is false with reduced motion or while the reader explores the map.
   * Returns true while the camera is still on its way (call again next frame).
   */
  frame(map: MotionMap, line: number, scrub: boolean, now: number): boolean {
    // Lines drawn by progress: each layer follows the last chapter (in order) that drives it
    // and whose card the trigger line has reached; before that, its first chapter's progress.
    const lineProgress = new Map<string, { value: number; head: boolean }>();
    this.#states.forEach((state, i) => {
      const p = state.progress;
      if (!p) return;
      if (!lineProgress.has(p.layer) || (this.#boxes[i] && line >= this.#boxes[i]!.top)) {
        lineProgress.set(p.layer, { value: this.progressOf(i, line), head: p.head ?? true });
      }
    });
    for (const [layer, { value, head }] of lineProgress) map.setLineProgress(layer, Math.round(value * PROGRESS_STEPS) / PROGRESS_STEPS, head);

    if (!scrub) {
      this.#region = undefined;
      this.release();
      return false;
    }
    const j = lastAtMost(this.#mids, line);
    const next = j + 1;
    const inRegion = j >= 0 && next < this.#states.length && this.#states[next]!.transition.type === 'scrub';
    if (inRegion) {
      // Within a pixel and a half of an anchor, land exactly on it (scroll positions are whole pixels).
      const span = this.#mids[next]! - this.#mids[j]! || 1;
      const raw = (line - this.#mids[j]!) / span;
      const t = raw * span < 1.5 ? 0 : (1 - raw) * span < 1.5 ? 1 : raw;
      let path = this.#paths.get(next);
      if (!path) {
        path = cameraPath(this.#target(map, j), this.#target(map, next), this.#width);
        this.#paths.set(next, path);
      }
      const key = `${next}:${t}`;
      if (key !== this.#goalKey) this.#goal = path(t); // the same goal object while the scroll rests
      this.#goalKey = key;
      this.#region = next;
    } else if (this.#region !== undefined) {
      this.#goal = this.#target(map, line >= this.#mids[this.#region]! ? this.#region : this.#region - 1);
      this.#goalKey = '';
      this.#region = undefined;
    } else if (this.#landing !== undefined) {
      this.#goal = this.#target(map, this.#landing);
      this.#goalKey = '';
    }
    this.#landing = undefined;
    if (!this.#goal) return false;
    const moving = this.#follower.step(this.#goal, now, this.#width, () => map.current(), (c) => map.jumpTo(c));
    if (!moving && this.#region === undefined) this.#goal = undefined;
    return moving;
  }
}

/** Index of the last of the ascending `values` at or below `at` (-1 if none). */
function lastAtMost(values: number[], at: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
