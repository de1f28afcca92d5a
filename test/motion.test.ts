// Motion and navigation: scrubbed camera, scroll-drawn lines, keys, deep links, reduced motion.
import { expect } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { CameraFollower, FOLLOW_MS, FOLLOW_SPEED, sameView } from '../src/motion/camera-follower.js';
import { cameraPath, type CameraTarget } from '../src/motion/camera-path.js';
import { toWorld } from '../src/motion/mercator.js';
import { MeasuredLine } from '../src/motion/line-progress.js';
import { StoryMotion } from '../src/motion/story-motion.js';
import { AdaptiveResolution, FAST_FRAMES, motionPixelRatio, QUIET_MS, REST_MS, type ResolutionMap } from '../src/map/adaptive-resolution.js';
import { loadJson, mapSettled, mount, nextEvent, scrollToChapter, settled, sleep, unmountAll, until, type Map } from './helpers.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const frames = async (n: number) => { for (let i = 0; i < n; i++) await frame(); };
const pad = { top: 0, right: 0, bottom: 0, left: 0 };
const view = (map: Map) => `${map.getCenter().lng},${map.getCenter().lat},${map.getZoom()},${map.getBearing()}`;
/** Resolves once the camera has not changed for three frames (the scrubbed camera has arrived). */
async function still(map: Map): Promise<void> {
  let last = view(map);
  let same = 0;
  const start = performance.now();
  while (same < 3) {
    await frame();
    const now = view(map);
    same = now === last ? same + 1 : 0;
    last = now;
    if (performance.now() - start > 10_000) throw new Error('timed out waiting for the camera to stop');
  }
}
const cam = (center: [number, number], zoom: number, bearing = 0): CameraTarget => ({ center, zoom, pitch: 0, bearing, padding: pad });

/** Scrolls so that the trigger line sits at `x` (element coordinates). */
function scrollToX(el: MapStory, x: number, offset = 0.5): void {
  const top = el.getBoundingClientRect().top;
  window.scrollBy({ top: x - (offset * innerHeight - top), behavior: 'instant' });
}

function anchors(el: MapStory): number[] {
  const host = el.getBoundingClientRect().top;
  return [...el.shadowRoot!.querySelectorAll('.chapter')].map((c) => {
    const r = c.getBoundingClientRect();
    return r.top - host + r.height / 2;
  });
}

/**
 * Runs `move` (a scroll), then records the camera's distance to `camera` each frame until it
 * stops, and checks that it glided there: several frames, the first only part of the way,
 * never away, landing on it.
 */
async function expectGlide(map: Map, camera: { center: [number, number]; zoom: number }, move: () => void): Promise<void> {
  const gap = () => Math.hypot(...[0, 1].map((k) => toWorld([map.getCenter().lng, map.getCenter().lat])[k]! - toWorld(camera.center)[k]!) as [number, number]);
  const seen = [gap()];
  move();
  while (seen.length < 300 && (seen.length < 5 || seen.at(-1) !== seen.at(-3))) {
    await frame();
    seen.push(gap());
  }
  const moving = seen.filter((g, i) => i > 0 && g < seen[i - 1]! - 1e-9);
  expect(moving.length, 'frames the camera moved in').to.be.at.least(5);
  expect(moving[0]! / seen[0]!, 'first move: part of the way, not a cut').to.be.greaterThan(0.3);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!, `frame ${i}`).to.be.at.most(seen[i - 1]! + 1e-9);
  expect(map.getCenter().lng).to.be.closeTo(camera.center[0], 0.01);
  expect(map.getZoom()).to.be.closeTo(camera.zoom, 0.05);
}

async function mountMotion(setup: (e: MapStory) => void = () => {}, edit: (story: any) => void = () => {}): Promise<{ el: MapStory; map: Map; story: any }> {
  const story = await loadJson('motion-story.json');
  edit(story);
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    setup(e);
    e.story = story;
  }, { before: '<div style="height:20vh"></div>', after: '<div style="height:120vh"></div>' });
  await ready;
  return { el, map: el.map!, story };
}

describe('camera path (unit)', () => {
  it('starts and ends exactly on the two cameras, and moves monotonically between them', () => {
    const a = cam([0, 45], 4);
    const b = cam([20, 40], 5, 20);
    const path = cameraPath(a, b, 1000);
    expect(path(0)).to.deep.equal(a);
    expect(path(1)).to.deep.equal(b);
    const [ax, ay] = toWorld(a.center);
    const [bx, by] = toWorld(b.center);
    let last = -Infinity;
    for (let t = 0.05; t < 1; t += 0.05) {
      const [x, y] = toWorld(path(t).center);
      const along = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2);
      expect(along).to.be.greaterThan(last);
      last = along;
    }
  });

  it('zooms out between far-apart places (a smooth zoom-pan, not a straight pan)', () => {
    const path = cameraPath(cam([-10, 50], 6), cam([35, 35], 6), 1000);
    expect(path(0.5).zoom).to.be.lessThan(5.5);
  });

  it('goes the short way across the antimeridian', () => {
    const path = cameraPath(cam([170, 0], 4), cam([-170, 0], 4), 1000);
    const lng = path(0.5).center[0];
    expect(Math.abs(lng)).to.be.greaterThan(175);
  });

  it('measures lines like line-progress (Web Mercator length)', () => {
    const line = new MeasuredLine([[0, 0], [10, 0], [20, 0]]);
    expect(line.pointAt(0)).to.deep.equal([0, 0]);
    expect(line.pointAt(0.5)[0]).to.be.closeTo(10, 1e-9);
    expect(line.pointAt(1)[0]).to.be.closeTo(20, 1e-9);
  });
});

describe('camera follower (unit)', () => {
  /** Follows `goal` from `from` with frames `dt` ms apart; the cameras written, in order. */
  function follow(from: CameraTarget, goal: CameraTarget, dt: number, frames = 2000, width = 1000): CameraTarget[] {
    const follower = new CameraFollower();
    const written: CameraTarget[] = [];
    let shown = from;
    for (let i = 0; i < frames; i++) {
      const moving = follower.step(goal, i * dt, width, () => shown, (c) => { written.push(c); shown = c; });
      if (!moving) break;
    }
    return written;
  }
  // A near goal (a wheel notch while reading): a tenth of a screenful, under the top speed's reach.
  const from = cam([0, 45], 4);
  const goal = cam([1, 44.7], 4.2, 20);
  const distance = (c: CameraTarget) => Math.hypot(toWorld(c.center)[0] - toWorld(goal.center)[0], toWorld(c.center)[1] - toWorld(goal.center)[1]);
  // A far goal: the Tartus story's warships chapter to its Europe-wide Baltic chapter, 1280 px wide.
  const near = cam([34.7, 34.9], 7);
  const europe = cam([13, 46], 3.4);

  it('glides: each frame covers part of the way, closer every frame, and lands exactly on the goal', () => {
    expect(cameraPath(from, goal, 1000).distance * 1000 / FOLLOW_SPEED, 'within reach of the ease').to.be.lessThan(FOLLOW_MS);
    const written = follow(from, goal, 1000 / 60);
    expect(written.length, 'frames to arrive').to.be.within(10, 120);
    expect(written.at(-1)).to.deep.equal(goal);
    expect(distance(written[0]!) / distance(from), 'first frame').to.be.within(0.5, 0.95);
    for (let i = 1; i < written.length; i++) expect(distance(written[i]!), `frame ${i}`).to.be.at.most(distance(written[i - 1]!) + 1e-12);
    // Through the smooth zoom-pan path: it zooms out on the way between far-apart views.
    const far = follow(cam([-10, 50], 6), cam([35, 35], 6), 1000 / 60);
    expect(Math.min(...far.map((c) => c.zoom))).to.be.lessThan(5.5);
    expect(far.at(-1)!.zoom).to.equal(6);
  });

  it('takes the same time at any frame rate', () => {
    // The first step is one 60 Hz frame (nothing tells how long the frame before took); each
    // later one as long as the time since the last.
    const first = 1000 / 60;
    const at = (dt: number, ms: number) => follow(from, goal, dt)[Math.round((ms - first) / dt)]!;
    for (const ms of [first + 100, first + 300]) {
      const fast = at(1000 / 60, ms);
      const slow = at(50, ms);
      expect(distance(slow) / distance(from), `${ms} ms`).to.be.closeTo(distance(fast) / distance(from), 0.03);
    }
    // About 95% of the way in three time constants.
    expect(1 - distance(at(1000 / 60, first + 3 * FOLLOW_MS)) / distance(from)).to.be.within(0.85, 0.99);
    // A far goal too (at top speed most of the way).
    const fast = follow(near, europe, 1000 / 60, 2000, 1280).length * (1000 / 60);
    const slow = follow(near, europe, 50, 2000, 1280).length * 50;
    expect(slow / fast, `${slow} vs ${fast} ms`).to.be.within(0.95, 1.1);
  });

  it('travels a far jump at the top speed at most, then eases in, and lands exactly', () => {
    const dt = 1000 / 60;
    const length = cameraPath(near, europe, 1280).distance;
    expect(length, 'path length').to.be.within(1.5, 2.5);
    const written = follow(near, europe, dt, 2000, 1280);
    let previous = near;
    written.forEach((c, i) => {
      // The length of the path from one frame's camera to the next.
      expect(cameraPath(previous, c, 1280).distance, `frame ${i}`).to.be.at.most(((FOLLOW_SPEED * dt) / 1000) * (1 + 1e-6));
      previous = c;
    });
    expect(written.at(-1)).to.deep.equal(europe);
    const ms = written.length * dt;
    expect(ms, 'time to arrive').to.be.within((length / FOLLOW_SPEED) * 1000, (length / FOLLOW_SPEED) * 1000 + 8 * FOLLOW_MS);
    // Half-way in time it is about half-way along: a steady pace, not a leap and a crawl.
    const half = written[Math.round(((length / FOLLOW_SPEED) * 1000) / 2 / dt)]!;
    expect(cameraPath(near, half, 1280).distance / length).to.be.within(0.4, 0.6);
  });

  it('writes nothing once arrived, and starts again from the map\'s camera after a release', () => {
    const follower = new CameraFollower();
    let writes = 0;
    let shown = goal;
    const step = (t: number) => follower.step(goal, t, 1000, () => shown, (c) => { writes++; shown = c; });
    expect(step(0)).to.equal(false);
    expect(writes, 'already there').to.equal(0);
    shown = { ...goal }; // the map's camera: the same view, another object
    expect(step(16)).to.equal(false);
    expect(writes, 'the same view: one exact write').to.equal(1);
    expect(step(32)).to.equal(false);
    expect(writes, 'arrived: no more writes').to.equal(1);
    follower.release();
    shown = from; // a flight moved the map
    expect(step(5000), 'moving again').to.equal(true);
    expect(sameView(shown, from)).to.equal(false);
    expect(distance(shown)).to.be.lessThan(distance(from));
  });
});

describe('chapter at a scroll position (unit)', () => {
  // Cards 100 px tall at 0, 500 and 1000, with gaps between them.
  const motion = new StoryMotion([], [0, 500, 1000].map((top) => ({ top, height: 100 })), 1000);

  it('is the card the line is in, whatever was active', () => {
    for (const active of [undefined, 0, 1, 2]) expect(motion.chapterAt(550, active), `from ${active}`).to.equal(1);
  });

  it('between two cards keeps whichever of the two is active, and catches up from farther away', () => {
    expect(motion.chapterAt(300, 0), 'scrolling down').to.equal(0);
    expect(motion.chapterAt(300, 1), 'scrolling up').to.equal(1);
    expect(motion.chapterAt(800, 0), 'jumped down past card 1').to.equal(1);
    expect(motion.chapterAt(300, 2), 'jumped up past card 1').to.equal(1);
    expect(motion.chapterAt(1500, 0), 'past the last card').to.equal(2);
    expect(motion.chapterAt(300, undefined), 'none active yet').to.equal(0);
  });

  it('above the first card: nothing before any chapter, the first after', () => {
    expect(motion.chapterAt(-50, undefined)).to.equal(undefined);
    expect(motion.chapterAt(-50, 2)).to.equal(0);
  });
});

/**
 * True when the map's canvas holds no picture at the end of this task (read before the frame is
 * shown: resizing a canvas clears it, and the page would show it blank until the next render).
 */
function blank(canvas: HTMLCanvasElement): boolean {
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.drawImage(canvas, canvas.width / 2, canvas.height / 2, 1, 1, 0, 0, 1, 1);
  return probe.getImageData(0, 0, 1, 1).data[3] === 0;
}

/** Resolves once the map's shader warm-up (and the speed probe after it) is done. */
function warmedUp(el: MapStory): Promise<void> {
  return mapSettled(el);
}

/** A map for adaptive resolution: records what is done to it; `frame()` is one frame of camera motion. */
class FakeMap implements ResolutionMap {
  calls: string[] = [];
  moving = true;
  /** How long a repaint the map asks for takes to come. */
  repaintMs = 60;
  private canvas = document.createElement('canvas');
  private listeners: Record<string, (() => void)[]> = { move: [], render: [] };
  constructor() {
    this.canvas.getContext('2d'); // no WebGL: the wait for the GPU is a timer
  }
  on(type: 'move' | 'render', listener: () => void): void {
    this.listeners[type]!.push(listener);
  }
  off(type: 'move' | 'render', listener: () => void): void {
    this.listeners[type] = this.listeners[type]!.filter((l) => l !== listener);
  }
  setPixelRatio(ratio: number | null): void {
    this.calls.push(`ratio ${ratio}`);
    if (!this.moving) this.emit('move'); // as MapLibre's resize() does
  }
  isMoving(): boolean {
    return this.moving;
  }
  redraw(): void {
    this.calls.push('redraw');
    this.emit('render');
  }
  triggerRepaint(): void {
    setTimeout(() => this.emit('render'), this.repaintMs);
  }
  getCanvas(): HTMLCanvasElement {
    return this.canvas;
  }
  emit(type: 'move' | 'render'): void {
    for (const l of [...this.listeners[type]!]) l();
  }
  frame(): void {
    this.emit('move');
    this.emit('render');
  }
  /** Frames of camera motion, each `ms` after the one before (the first at once). */
  async frames(n: number, ms: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      if (i) await sleep(ms);
      this.frame();
    }
  }
  /** The camera stops (an animation's last frame), and the map is left to rest. */
  async rest(): Promise<void> {
    if (this.moving) {
      this.moving = false;
      this.emit('move');
    }
    await sleep(REST_MS + QUIET_MS + 150);
  }
}

/** A map whose motion has found the device slow, now at rest. */
async function foundSlow(deviceRatio = 1): Promise<{ map: FakeMap; adaptive: AdaptiveResolution }> {
  const map = new FakeMap();
  const adaptive = new AdaptiveResolution(map, () => deviceRatio);
  await map.frames(6, 55);
  await map.rest();
  return { map, adaptive };
}

/** A GPU that cannot keep up, played by renders that take 60 ms each. */
function slowGpu(): void {
  const end = performance.now() + 60;
  while (performance.now() < end);
}

describe('adaptive resolution (unit)', () => {
  it('slow frames of motion: the next flight draws at the motion ratio from its first frame, and at full resolution once the camera rests', async () => {
    const map = new FakeMap();
    const adaptive = new AdaptiveResolution(map, () => 1);
    await map.frames(6, 55);
    expect(adaptive.isSlow).to.equal(true);
    expect(map.calls, 'not during the motion that found it slow (a resize then waits for the GPU)').to.deep.equal([]);
    await map.rest();
    expect(map.calls).to.deep.equal([]);
    map.moving = true;
    map.frame();
    expect(map.calls, 'a flight\'s first move comes inside the render that draws it: no extra redraw').to.deep.equal(['ratio 0.75']);
    expect(adaptive.isLowered).to.equal(true);
    await map.frames(4, 55);
    await sleep(REST_MS + 100);
    expect(map.calls, 'still lowered while the animation runs, however far apart its frames').to.have.length(1);
    map.moving = false; // the flight's last frame
    map.emit('move');
    await sleep(REST_MS - 150);
    expect(map.calls, 'still lowered before the rest').to.have.length(1);
    await sleep(QUIET_MS + 350);
    expect(map.calls, 'at rest: full resolution, drawn at once').to.deep.equal(['ratio 0.75', 'ratio null', 'redraw']);
    expect(adaptive.isLowered).to.equal(false);
    adaptive.destroy();
  });

  it('leaves a map that keeps up alone, and does not count renders without a camera move or a broken streak', async () => {
    const map = new FakeMap();
    const adaptive = new AdaptiveResolution(map, () => 1);
    await map.frames(12, 5);
    // A jump, then tiles loading for a while: slow renders, but no motion.
    map.frame();
    for (let i = 0; i < 5; i++) {
      await sleep(55);
      map.emit('render');
    }
    // Two slow frames, a quick one, two slow: never three in a row.
    await sleep(55);
    await map.frames(3, 55);
    await sleep(5);
    await map.frames(3, 55);
    expect(adaptive.isSlow).to.equal(false);
    await map.rest();
    map.moving = true;
    await map.frames(3, 5);
    expect(map.calls).to.deep.equal([]);
    adaptive.destroy();
  });

  it('the scrubbed camera (jumps) draws lower from its second jump, with a synchronous redraw; a single jump is left alone', async () => {
    const { map, adaptive } = await foundSlow(2);
    expect(adaptive.isSlow).to.equal(true);
    map.frame(); // a jump (reduced motion)
    await map.rest();
    expect(map.calls).to.deep.equal([]);
    map.frame();
    map.frame();
    expect(map.calls).to.deep.equal(['ratio 1', 'redraw']);
    await map.frames(3, 55);
    expect(map.calls, 'the resize\'s own move is not motion, and nothing more happens while lowered').to.have.length(2);
    await map.rest();
    expect(map.calls).to.deep.equal(['ratio 1', 'redraw', 'ratio null', 'redraw']);
    adaptive.destroy();
  });

  it('a device found fast again at the lower ratio starts its next motion at full resolution', async () => {
    const { map, adaptive } = await foundSlow();
    map.moving = true;
    await map.frames(FAST_FRAMES + 2, 5);
    expect(adaptive.isSlow).to.equal(false);
    await map.rest();
    map.calls = [];
    map.moving = true;
    map.frame();
    expect(map.calls).to.deep.equal([]);
    adaptive.destroy();
  });

  it('the probe at rest times repaints in a row; a camera move ends it', async () => {
    const slow = new FakeMap();
    expect(await new AdaptiveResolution(slow, () => 1).probe()).to.equal(true);
    const fast = new FakeMap();
    fast.repaintMs = 5;
    expect(await new AdaptiveResolution(fast, () => 1).probe()).to.equal(false);
    const moved = new FakeMap();
    const probing = new AdaptiveResolution(moved, () => 1).probe();
    setTimeout(() => moved.emit('move'), 70);
    expect(await probing).to.equal(false);
  });

  it('turned off: back to full resolution at once, and no lowering after', async () => {
    const { map, adaptive } = await foundSlow();
    map.moving = true;
    map.frame();
    expect(map.calls).to.deep.equal(['ratio 0.75']);
    adaptive.enabled = false;
    expect(map.calls).to.deep.equal(['ratio 0.75', 'ratio null', 'redraw']);
    await map.rest();
    map.moving = true;
    await map.frames(6, 55);
    expect(map.calls).to.have.length(3);
    adaptive.destroy();
  });

  it('the motion ratio: 3/4 of a standard screen\'s, half a high-density one\'s, never under 1 there', () => {
    expect(motionPixelRatio(1)).to.equal(0.75);
    expect(motionPixelRatio(1.25)).to.equal(0.75);
    expect(motionPixelRatio(2)).to.equal(1);
    expect(motionPixelRatio(3)).to.equal(1.5);
  });
});

describe('scroll-driven motion', () => {
  afterEach(async () => {
    unmountAll();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('scrub lands exactly on chapter cameras at their anchors and is monotone between them, both ways', async () => {
    const { el, map, story } = await mountMotion();
    const [ma, mb] = anchors(el);
    const [a, b] = [story.chapters[0].camera, story.chapters[1].camera];
    scrollToX(el, ma!);
    await until(() => el.chapterIndex === 0);
    await frames(3);
    await settled(map);
    expect(map.getCenter().lng).to.be.closeTo(a.center[0], 0.01);
    expect(map.getZoom()).to.be.closeTo(a.zoom, 0.05);
    const along = () => {
      const [x] = toWorld([map.getCenter().lng, map.getCenter().lat]);
      return (x - toWorld(a.center)[0]) / (toWorld(b.center)[0] - toWorld(a.center)[0]);
    };
    const down: number[] = [];
    for (let i = 1; i <= 9; i++) {
      scrollToX(el, ma! + ((mb! - ma!) * i) / 10);
      await frames(2);
      down.push(along());
    }
    for (let i = 1; i < down.length; i++) expect(down[i]!, `step ${i} down`).to.be.greaterThan(down[i - 1]!);
    scrollToX(el, mb!);
    await still(map);
    await settled(map);
    expect(map.getCenter().lng).to.be.closeTo(b.center[0], 0.01);
    expect(map.getCenter().lat).to.be.closeTo(b.center[1], 0.01);
    expect(map.getZoom()).to.be.closeTo(b.zoom, 0.05);
    expect(map.getBearing()).to.be.closeTo(20, 0.5);
    const up: number[] = [];
    for (let i = 9; i >= 1; i--) {
      scrollToX(el, ma! + ((mb! - ma!) * i) / 10);
      await frames(2);
      up.push(along());
    }
    for (let i = 1; i < up.length; i++) expect(up[i]!, `step ${i} up`).to.be.lessThan(up[i - 1]!);
    scrollToX(el, ma! - 5);
    await still(map);
    expect(map.getCenter().lng).to.be.closeTo(a.center[0], 0.01);
  });

  it('on a slow device flights draw at a lower resolution from their first frame and sharp at rest; every resize is drawn before the frame ends', async () => {
    // A slow GPU from the map's start.
    const { el, map } = await mountMotion(
      (e) => e.addEventListener('map-story-ready', () => e.map!.on('render', slowGpu), { once: true }),
      (story) => {
        story.chapters[2].transition = { type: 'fly', duration: 2500 };
        story.chapters[3].transition = { type: 'fly', duration: 2500 };
      },
    );
    await warmedUp(el); // and the speed probe after it
    await settled(map);
    const canvas = map.getCanvas();
    const full = canvas.width;
    expect(full).to.equal(Math.floor(canvas.clientWidth * devicePixelRatio));
    const low = Math.floor(canvas.clientWidth * motionPixelRatio(devicePixelRatio));
    // Resizing clears the canvas: a resize not drawn over before the task ends shows a blank frame.
    let resizes = 0;
    let undrawn = 0;
    map.on('resize', () => {
      resizes++;
      queueMicrotask(() => void (blank(canvas) && undrawn++));
    });
    const widths: number[] = [];
    map.on('render', () => {
      if (map.isMoving()) widths.push(canvas.width);
    });
    await scrollToChapter(el, 'c');
    await until(() => !map.isMoving(), 10_000, 'the flight to end');
    expect(widths.length, 'frames of the flight').to.be.at.least(8);
    expect(widths.every((w) => w === low), `the flight's widths ${widths.join(' ')} (low ${low})`).to.equal(true);
    await until(() => canvas.width === full, REST_MS + 2000, 'full resolution at rest');
    expect(resizes).to.equal(2);
    expect(undrawn, 'resizes left undrawn').to.equal(0);
    // full-resolution: the next flight stays at the device's ratio.
    el.fullResolution = true;
    await el.updateComplete;
    widths.length = 0;
    await scrollToChapter(el, 'd');
    await until(() => !map.isMoving(), 10_000, 'the next flight to end');
    map.off('render', slowGpu);
    expect(widths.length).to.be.at.least(3);
    expect(widths.every((w) => w === full), `widths ${widths.join(' ')}`).to.equal(true);
    expect(el.getAttribute('full-resolution')).to.equal('');
  });

  it('on a slow device the scrubbed camera draws at a lower resolution while the scroll moves it, each resize drawn at once', async () => {
    const { el, map } = await mountMotion((e) => e.addEventListener('map-story-ready', () => e.map!.on('render', slowGpu), { once: true }));
    await warmedUp(el);
    const [ma, mb] = anchors(el);
    scrollToX(el, ma!);
    await until(() => el.chapterIndex === 0);
    await still(map);
    await settled(map);
    const canvas = map.getCanvas();
    await until(() => canvas.width === Math.floor(canvas.clientWidth * devicePixelRatio), REST_MS + 2000, 'full resolution at rest');
    const full = canvas.width;
    let undrawn = 0;
    map.on('resize', () => queueMicrotask(() => void (blank(canvas) && undrawn++)));
    const widths: number[] = [];
    for (let i = 1; i <= 30; i++) {
      scrollToX(el, ma! + ((mb! - ma!) * i) / 30);
      await frame();
      widths.push(canvas.width);
    }
    map.off('render', slowGpu);
    expect(Math.min(...widths), `widths ${widths.join(' ')}`).to.equal(Math.floor(canvas.clientWidth * motionPixelRatio(devicePixelRatio)));
    await still(map);
    await until(() => canvas.width === full, REST_MS + 2000, 'full resolution at rest');
    expect(undrawn, 'resizes left undrawn').to.equal(0);
  });

  it('a jump across a scrub region lands exactly on the far chapter', async () => {
    const { el, map, story } = await mountMotion();
    const [ma, mb] = anchors(el);
    scrollToX(el, ma! + (mb! - ma!) * 0.3);
    await frames(3);
    scrollToX(el, mb! + 10); // one big jump past the anchor
    await still(map);
    await settled(map);
    expect(map.getCenter().lng).to.be.closeTo(story.chapters[1].camera.center[0], 0.01);
    expect(map.getZoom()).to.be.closeTo(story.chapters[1].camera.zoom, 0.05);
  });

  it('the scrubbed camera glides to where the scroll is, however far it jumped, and lands exactly', async () => {
    const { el, map, story } = await mountMotion();
    const [ma, mb] = anchors(el);
    scrollToX(el, ma!);
    await until(() => el.chapterIndex === 0);
    await still(map);
    const [x0, x1] = [toWorld(story.chapters[0].camera.center)[0], toWorld(story.chapters[1].camera.center)[0]];
    const along = () => (toWorld([map.getCenter().lng, map.getCenter().lat])[0] - x0) / (x1 - x0);
    scrollToX(el, mb!); // the whole scrub region in one jump (a scrollbar drag, a fast wheel)
    const seen = [along()];
    while (seen.length < 300 && (seen.length < 5 || seen.at(-1) !== seen.at(-3))) {
      await frame();
      seen.push(along());
    }
    const steps = seen.slice(1).map((v, i) => v - seen[i]!);
    const moves = steps.filter((d) => d > 1e-4);
    expect(moves.length, 'frames the camera moved in').to.be.at.least(5);
    expect(moves[0], 'first move (a cut would be 1)').to.be.lessThan(0.5);
    expect(Math.min(...steps), 'always forwards').to.be.at.least(-1e-9);
    expect(map.getCenter().lng).to.be.closeTo(story.chapters[1].camera.center[0], 0.01);
    expect(map.getBearing()).to.be.closeTo(20, 0.5);
  });

  /** From chapter c at rest, scrolls up to `x(mb)` (mb: chapter b's anchor): the camera glides to chapter b's view. */
  async function glideBackToB(x: (mb: number) => number): Promise<void> {
    const { el, map, story } = await mountMotion();
    const [, mb, mc] = anchors(el);
    scrollToX(el, mc!);
    await until(() => el.chapterIndex === 2);
    await settled(map);
    await still(map);
    await expectGlide(map, story.chapters[1].camera, () => scrollToX(el, x(mb!)));
    expect(el.chapterIndex).to.equal(1);
    expect(map.getBearing()).to.be.closeTo(20, 0.5);
  }

  it('scrolling back into a scrub region glides from wherever the camera is', async () => {
    await glideBackToB((mb) => mb - 1); // up, into the region
  });

  it('a scrubbed chapter entered beyond its anchor (scrolling back up from the next) glides to its view, no cut', async () => {
    await glideBackToB((mb) => mb + 20); // up into chapter b's card, below its anchor: outside the scrub region
  });

  it('updates the camera at most once per animation frame, however fast the scroll', async () => {
    const { el, map } = await mountMotion();
    const [ma, mb] = anchors(el);
    scrollToX(el, ma!);
    await frames(3);
    let frameNo = 0;
    let counting = true;
    const tick = () => { frameNo++; if (counting) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const perFrame: Record<number, number> = {};
    const original = map.jumpTo.bind(map);
    map.jumpTo = ((options: Parameters<Map['jumpTo']>[0]) => {
      perFrame[frameNo] = (perFrame[frameNo] ?? 0) + 1;
      return original(options);
    }) as Map['jumpTo'];
    for (let f = 0; f < 30; f++) {
      for (let k = 0; k < 5; k++) scrollToX(el, ma! + ((mb! - ma!) * (f * 5 + k)) / 150); // five scrolls per frame
      await frame();
    }
    counting = false;
    map.jumpTo = original;
    const counts = Object.values(perFrame);
    expect(counts.length, 'frames with a camera update').to.be.greaterThan(10);
    expect(Math.max(...counts), 'camera updates in one frame').to.equal(1);
  });

  it('draws the progress line in proportion to scroll progress, complete at the chapter\'s end', async () => {
    const { el, map } = await mountMotion();
    const host = el.getBoundingClientRect().top;
    const top = el.shadowRoot!.querySelector<HTMLElement>('#chapter-b')!.getBoundingClientRect().top - host;
    const end = el.shadowRoot!.querySelector<HTMLElement>('#chapter-c')!.getBoundingClientRect().top - host;
    const r = { height: end - top };
    const drawn = () => {
      // ['interpolate', ['linear'], ['line-progress'], stop, colour, stop, colour...]: the drawn
      // fraction is where the first transparent stop begins.
      const g = map.getPaintProperty('line', 'line-gradient') as unknown[];
      const stops = g.slice(3);
      const none = stops.findIndex((v, i) => i % 2 === 1 && v === 'rgba(0,0,0,0)');
      if (none < 0) return 1;
      return none === 1 ? 0 : (stops[none - 3] as number);
    };
    const values: number[] = [];
    for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      scrollToX(el, top + r.height * f);
      await frames(3);
      values.push(drawn());
    }
    for (let i = 1; i < values.length; i++) expect(values[i]!).to.be.greaterThan(values[i - 1]!);
    expect(values[2]).to.be.closeTo(0.5, 0.02);
    scrollToX(el, top + r.height + 5);
    await frames(3);
    expect(drawn()).to.equal(1);
    scrollToX(el, top - 5);
    await frames(3);
    expect(drawn()).to.equal(0);
  });

  it('moves the head marker with the end of the drawn line, sending no data while scrolling', async () => {
    const { el, map, story } = await mountMotion();
    const HEAD = 'map-story-progress-head';
    const host = el.getBoundingClientRect().top;
    const top = el.shadowRoot!.querySelector<HTMLElement>('#chapter-b')!.getBoundingClientRect().top - host;
    const end = el.shadowRoot!.querySelector<HTMLElement>('#chapter-c')!.getBoundingClientRect().top - host;
    const line = new MeasuredLine(story.sources.line.data.geometry.coordinates);
    /** The head features shown (feature state `on`), by id. */
    const lit = () => {
      const shown = new Map<unknown, [number, number]>();
      for (const f of map.querySourceFeatures(HEAD)) {
        if (map.getFeatureState({ source: HEAD, id: f.id! })['on']) shown.set(f.id, (f.geometry as GeoJSON.Point).coordinates as [number, number]);
      }
      return [...shown.values()];
    };
    scrollToX(el, anchors(el)[0]!);
    await until(() => el.chapterIndex === 0);
    scrollToX(el, anchors(el)[1]!);
    await until(() => el.chapterIndex === 1);
    await until(() => lit().length === 1, 5000, 'the head marker');
    const source = map.getSource(HEAD) as unknown as { setData: (d: unknown) => unknown };
    let sent = 0;
    const setData = source.setData.bind(source);
    source.setData = (d: unknown) => { sent++; return setData(d); };
    for (const f of [0.35, 0.5, 0.65, 0.8]) {
      scrollToX(el, top + (end - top) * f);
      await frames(3);
      await settled(map);
      const heads = lit();
      expect(heads.length, `heads at ${f}`).to.equal(1);
      const [lng, lat] = line.pointAt(f);
      expect(heads[0]![0], `head longitude at ${f}`).to.be.closeTo(lng, 0.05);
      expect(heads[0]![1], `head latitude at ${f}`).to.be.closeTo(lat, 0.05);
    }
    expect(sent, 'data sent to the head source while scrolling').to.equal(0);
    expect(map.getLayoutProperty(HEAD, 'visibility')).to.equal('visible');
    scrollToX(el, end + 5); // complete: no head
    await frames(3);
    expect(lit().length).to.equal(0);
    expect(map.getLayoutProperty(HEAD, 'visibility'), 'hidden when no line has a head').to.equal('none');
  });

  it('fires map-story-progress for the active chapter, at most once per frame', async () => {
    const { el } = await mountMotion();
    const host = el.getBoundingClientRect().top;
    const [ma, mb] = [el.shadowRoot!.querySelector('#chapter-a')!, el.shadowRoot!.querySelector('#chapter-b')!].map((c) => c.getBoundingClientRect().top - host);
    scrollToX(el, ma! + 2);
    await until(() => el.chapterIndex === 0);
    await frames(2);
    const events: { index: number; progress: number; t: number }[] = [];
    let frameNo = 0;
    let on = true;
    const tick = () => { frameNo++; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    el.addEventListener('map-story-progress', (e) => events.push({ ...e.detail, t: frameNo }));
    for (let i = 1; i < 20; i++) {
      scrollToX(el, ma! + ((mb! - ma! - 4) * i) / 20);
      scrollToX(el, ma! + ((mb! - ma! - 4) * (i + 0.5)) / 20);
      await frame();
    }
    on = false;
    expect(events.length).to.be.greaterThan(5);
    expect(events.every((e) => e.index === 0)).to.equal(true);
    const perFrame = new Set(events.map((e) => e.t));
    expect(perFrame.size).to.equal(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i]!.progress).to.be.at.least(events[i - 1]!.progress);
  });
});

describe('navigation', () => {
  afterEach(async () => {
    unmountAll();
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('the keyboard traverses every chapter, down and up, Home and End', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, story } = await mountMotion();
    const cards = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.chapter')];
    expect(cards.every((c) => c.tabIndex === 0)).to.equal(true);
    cards[0]!.focus();
    const visited: string[] = [];
    el.addEventListener('map-story-chapter-enter', (e) => visited.push(e.detail.chapterId));
    for (let i = 1; i < story.chapters.length; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await until(() => el.chapterIndex === i, 5000, `chapter ${i}`);
      expect(el.shadowRoot!.activeElement).to.equal(cards[i]);
    }
    await sendKeys({ press: 'Home' });
    await until(() => el.chapterIndex === 0);
    await sendKeys({ press: 'End' });
    await until(() => el.chapterIndex === story.chapters.length - 1);
    await sendKeys({ press: 'PageUp' });
    await until(() => el.chapterIndex === story.chapters.length - 2);
    expect(visited.slice(0, 3)).to.deep.equal(['b', 'c', 'd']);
  });

  it('a jump that carries whole cards past the line (scrollbar, Home) still lands on their chapter', async () => {
    const { el } = await mountMotion();
    const [ma] = anchors(el);
    const box = (id: string) => {
      const r = el.shadowRoot!.querySelector<HTMLElement>(`#chapter-${id}`)!.getBoundingClientRect();
      const host = el.getBoundingClientRect().top;
      return { top: r.top - host, bottom: r.bottom - host };
    };
    scrollToX(el, ma!);
    await until(() => el.chapterIndex === 0);
    const [b, c] = [box('b'), box('c')];
    expect(c.top - b.bottom, 'the fixture has a gap between cards').to.be.greaterThan(100);
    scrollToX(el, (b.bottom + c.top) / 2); // over card b in one jump, into the gap after it
    await until(() => el.chapterIndex === 1, 3000, 'chapter b');
    scrollToX(el, box('d').top + 10);
    await until(() => el.chapterIndex === 3);
    const [a2, b2] = [box('a'), box('b')];
    scrollToX(el, (a2.bottom + b2.top) / 2); // up over cards c and b, into the gap after a
    await until(() => el.chapterIndex === 1, 3000, 'chapter b, the card below the gap');
    scrollToX(el, box('a').top - 50); // above the first card (Home)
    await until(() => el.chapterIndex === 0, 3000, 'the first chapter');
  });

  it('an element removed while a skipped card waits for the scroll to rest does nothing more', async () => {
    const { el } = await mountMotion();
    const [ma] = anchors(el);
    scrollToX(el, ma!);
    await until(() => el.chapterIndex === 0);
    const b = el.shadowRoot!.querySelector<HTMLElement>('#chapter-b')!.getBoundingClientRect();
    const host = el.getBoundingClientRect().top;
    scrollToX(el, b.bottom - host + 50); // over card b: its chapter waits for the scroll to rest
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.chapterIndex, 'still waiting for the rest').to.equal(0);
    const after: string[] = [];
    for (const type of ['map-story-progress', 'map-story-chapter-enter'] as const) el.addEventListener(type, () => after.push(type));
    el.remove();
    await sleep(600);
    expect(after, 'events from the removed element').to.deep.equal([]);
  });

  it('previous and next buttons move between chapters and show where the reader is', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el } = await mountMotion();
    const [prev, next] = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="nav-button"]')];
    next!.click();
    await until(() => el.chapterIndex === 0);
    next!.click();
    await until(() => el.chapterIndex === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="nav-status"]')!.textContent!.trim()).to.equal('2 / 4');
    prev!.click();
    await until(() => el.chapterIndex === 0);
  });

  it('a deep link (#id) opens at that chapter, and the hash follows the reader', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    history.replaceState(null, '', '#c');
    const { el, map, story } = await mountMotion((e) => (e.hash = true));
    await until(() => el.chapterIndex === 2, 5000, 'chapter c');
    await settled(map);
    expect(map.getCenter().lng).to.be.closeTo(story.chapters[2].camera.center[0], 0.01);
    el.goTo('d');
    await until(() => location.hash === '#d', 5000, 'the hash to follow');
    expect(history.length).to.be.lessThan(60); // replaceState, not pushState (a sanity bound)
  });

  it('with reduced motion, chapter changes jump instead of flying, and scrub snaps per chapter', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, map, story } = await mountMotion();
    let flights = 0;
    const flyTo = map.flyTo.bind(map);
    const easeTo = map.easeTo.bind(map);
    map.flyTo = ((o: Parameters<Map['flyTo']>[0]) => { flights++; return flyTo(o); }) as Map['flyTo'];
    map.easeTo = ((o: Parameters<Map['easeTo']>[0]) => { flights++; return easeTo(o); }) as Map['easeTo'];
    const [ma, mb] = anchors(el);
    scrollToX(el, ma!);
    await until(() => el.chapterIndex === 0);
    scrollToX(el, ma! + (mb! - ma!) * 0.5);
    await frames(3);
    expect(map.getCenter().lng, 'no scrubbing half-way').to.be.closeTo(story.chapters[0].camera.center[0], 0.01);
    for (const id of ['b', 'c', 'd']) {
      el.goTo(id);
      await until(() => el.chapterIndex === story.chapters.findIndex((c: any) => c.id === id));
      await frame();
      expect(map.isMoving(), `${id} moving`).to.equal(false);
      const c = story.chapters.find((ch: any) => ch.id === id).camera;
      expect(map.getCenter().lng).to.be.closeTo(c.center[0], 0.01);
    }
    expect(flights).to.equal(0);
  });

  it('explore mode unlocks the map, and one control returns to the story\'s camera', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, map, story } = await mountMotion();
    el.goTo('a');
    await until(() => el.chapterIndex === 0);
    expect(map.dragPan.isEnabled()).to.equal(false);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="explore-button"]')!;
    button.click();
    await el.updateComplete;
    expect(map.dragPan.isEnabled()).to.equal(true);
    expect(map.scrollZoom.isEnabled()).to.equal(true);
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    map.jumpTo({ center: [100, -20], zoom: 2 });
    button.click();
    await el.updateComplete;
    await settled(map);
    expect(map.dragPan.isEnabled()).to.equal(false);
    expect(map.getCenter().lng).to.be.closeTo(story.chapters[0].camera.center[0], 0.01);
  });

  it('a skip link moves focus past the story', async () => {
    const { el } = await mountMotion();
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="skip-link"]')!;
    link.click();
    expect(el.shadowRoot!.activeElement?.classList.contains('story-end')).to.equal(true);
  });

  it('the locator map outlines the main view', async () => {
    const { el, map } = await mountMotion();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
    expect(canvas).to.not.equal(null);
    await settled(map);
    await until(() => {
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let outline = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 150 && d[i + 1]! < 90 && d[i + 2]! < 60) outline++;
      return outline > 10;
    }, 10_000, 'the outline to be drawn');
  });

  it('the locator redraws only when its outline moves on it', async () => {
    const { el, map } = await mountMotion();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
    await settled(map);
    await frames(3);
    const ctx = canvas.getContext('2d')!;
    let redraws = 0;
    const clearRect = ctx.clearRect.bind(ctx);
    ctx.clearRect = (...args: Parameters<CanvasRenderingContext2D['clearRect']>) => { redraws++; clearRect(...args); };
    try {
      // A street's width at zoom 4 moves the view by far less than a pixel of a 160 px world map.
      const { lng, lat } = map.getCenter();
      for (let i = 1; i <= 5; i++) {
        map.jumpTo({ center: [lng + i * 1e-4, lat] });
        await frame();
      }
      expect(redraws, 'redraws for sub-pixel moves').to.equal(0);
      map.jumpTo({ center: [lng + 30, lat] }); // 30° east: 13 px on a 160 px world map
      await frames(2);
      expect(redraws, 'redraws for a visible move').to.equal(1);
    } finally {
      ctx.clearRect = clearRect;
    }
  });
});
