// Adaptive resolution (src/map/adaptive-resolution.ts): unit tests on a fake map, then a slow
// GPU under the element's real map.
import { expect } from 'chai';
import { emulateMedia } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { AdaptiveResolution, FAST_FRAMES, motionPixelRatio, QUIET_MS, REST_MS, type ResolutionMap } from '../src/map/adaptive-resolution.js';
import { anchors, frame, mapSettled, mountMotion, scrollToChapter, scrollToX, settled, sleep, still, unmountAll, until } from './helpers.js';

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
});
