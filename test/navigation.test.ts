// Navigating a story through the element (the Reading controller, src/scroll/reading.ts, as the
// page drives it): progress events, keys, buttons, deep links and the hash, reduced motion,
// explore mode, the skip link. (test/reading.test.ts tests Reading directly.)
import { expect } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { anchors, frame, frames, mountMotion, scrollToX, settled, sleep, SOURCES, unmountAll, until, type Map } from './helpers.js';

describe('scroll-driven motion', () => {
  afterEach(async () => {
    unmountAll();
    await emulateMedia({ reducedMotion: 'no-preference' });
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

  for (const source of SOURCES) {
    it(`the keyboard traverses every chapter, down and up, Home and End (${source} chapters)`, async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const { el, story } = await mountMotion(undefined, undefined, source);
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
  }

  for (const source of SOURCES) {
    it(`a jump that carries whole cards past the line (scrollbar, Home) still lands on their chapter (${source} chapters)`, async () => {
      const { el } = await mountMotion(undefined, undefined, source);
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
      await until(() => el.chapterIndex === 1, 10_000, 'chapter b');
      scrollToX(el, box('d').top + 10);
      await until(() => el.chapterIndex === 3);
      const [a2, b2] = [box('a'), box('b')];
      scrollToX(el, (a2.bottom + b2.top) / 2); // up over cards c and b, into the gap after a
      await until(() => el.chapterIndex === 1, 10_000, 'chapter b, the card below the gap');
      scrollToX(el, box('a').top - 50); // above the first card (Home)
      await until(() => el.chapterIndex === 0, 10_000, 'the first chapter');
    });
  }

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

  for (const source of SOURCES) {
    it(`a deep link (#id) opens at that chapter, and the hash follows the reader (${source} chapters)`, async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      history.replaceState(null, '', '#c');
      const { el, map, story } = await mountMotion((e) => (e.hash = true), undefined, source);
      await until(() => el.chapterIndex === 2, 5000, 'chapter c');
      await settled(map);
      expect(map.getCenter().lng).to.be.closeTo(story.chapters[2].camera.center[0], 0.01);
      el.goTo('d');
      await until(() => location.hash === '#d', 5000, 'the hash to follow');
      expect(history.length).to.be.lessThan(60); // replaceState, not pushState (a sanity bound)
    });
  }

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
});
