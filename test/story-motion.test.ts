// Scroll position to chapter and scrubbed camera (src/motion/story-motion.ts): unit tests, then
// through the element.
import { expect } from 'chai';
import { emulateMedia } from '@web/test-runner-commands';
import { toWorld } from '../src/motion/mercator.js';
import { StoryMotion } from '../src/motion/story-motion.js';
import { anchors, frame, frames, mountMotion, scrollToX, settled, SOURCES, still, unmountAll, until, type Map } from './helpers.js';

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

  for (const source of SOURCES) {
    it(`updates the camera at most once per animation frame, however fast the scroll (${source} chapters)`, async () => {
      const { el, map } = await mountMotion(undefined, undefined, source);
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
  }
});
