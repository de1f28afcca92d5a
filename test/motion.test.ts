// Motion and navigation: scrubbed camera, scroll-drawn lines, keys, deep links, reduced motion.
import { expect } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { cameraPath, toWorld, type CameraTarget } from '../src/motion/camera-path.js';
import { MeasuredLine } from '../src/motion/line-progress.js';
import { loadJson, mount, nextEvent, settled, unmountAll, until, type Map } from './helpers.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const frames = async (n: number) => { for (let i = 0; i < n; i++) await frame(); };
const pad = { top: 0, right: 0, bottom: 0, left: 0 };
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

async function mountMotion(setup: (e: MapStory) => void = () => {}): Promise<{ el: MapStory; map: Map; story: any }> {
  const story = await loadJson('motion-story.json');
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
    await frames(3);
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
    await frames(3);
    expect(map.getCenter().lng).to.be.closeTo(a.center[0], 0.01);
  });

  it('a jump across a scrub region lands exactly on the far chapter', async () => {
    const { el, map, story } = await mountMotion();
    const [ma, mb] = anchors(el);
    scrollToX(el, ma! + (mb! - ma!) * 0.3);
    await frames(3);
    scrollToX(el, mb! + 10); // one big jump past the anchor
    await frames(3);
    await settled(map);
    expect(map.getCenter().lng).to.be.closeTo(story.chapters[1].camera.center[0], 0.01);
    expect(map.getZoom()).to.be.closeTo(story.chapters[1].camera.zoom, 0.05);
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
    el.addEventListener('map-story-chapter-enter', (e) => visited.push(e.detail.id));
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
});
