// Comparison chapters (a chapter's `compare`) and per-chapter basemaps (`basemap`), in real
// MapLibre: the divider follows the scroll through the chapter, each side's layers are drawn on
// its side only (colour probes either side of the divider), explore mode hands the divider to
// the reader (keys, drag), and scrolling back restores the chapter before.
import { expect } from 'chai';
import { emulateMedia, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { scrubbedValue } from '../src/compare/divider-position.js';
import { OTHER_THEME, palettes } from '../src/basemap/embedded-style.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { chapterEl, DESKTOP, giveStory, hex, loadJson, mount, nextEvent, readPixels, scrollToChapter, scrollToX, settled, SOURCES, trackWebGLContexts, unmountAll, until, type Map, type StorySourceKind } from './helpers.js';

const RED = '#d62728';
const BLUE = '#1f5fbf';
/** How far from the divider the probes look, px. */
const PROBE = 24;

const slider = (el: MapStory) => el.shadowRoot!.querySelector<HTMLElement>('[role="slider"]');

/** The divider's x, px from the map's left edge, as drawn. */
function dividerX(el: MapStory, map: Map): number {
  const r = slider(el)!.getBoundingClientRect();
  return r.left + r.width / 2 - map.getContainer().getBoundingClientRect().left;
}

/** Where the divider belongs for `value` (share of the map's free width, left of it). */
function expectedX(map: Map, value: number): number {
  const { left = 0, right = 0 } = map.getPadding();
  const width = map.getContainer().clientWidth;
  return left + value * (width - left - right);
}

/** The map's colour at (x, y) px from its top-left corner. */
async function colourAt(map: Map, x: number, y: number): Promise<[number, number, number]> {
  const image = await readPixels(map);
  const ratio = image.width / map.getCanvas().clientWidth;
  const i = (Math.round(y * ratio) * image.width + Math.round(x * ratio)) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

const close = (colour: number[], expected: string, tolerance = 8) => hex(expected).every((c, k) => Math.abs(c - colour[k]!) <= tolerance);

/** The colours just left and right of the divider, halfway down the map. */
async function sides(el: MapStory, map: Map): Promise<{ left: [number, number, number]; right: [number, number, number] }> {
  const x = dividerX(el, map);
  const y = map.getContainer().clientHeight / 2;
  return { left: await colourAt(map, x - PROBE, y), right: await colourAt(map, x + PROBE, y) };
}

async function mountCompare(edit: (story: any) => void = () => {}, source: StorySourceKind = 'json'): Promise<{ el: MapStory; map: Map }> {
  const story = await loadJson('compare-story.json');
  edit(story);
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    giveStory(e, story, source);
  }, { before: '<div style="height:20vh"></div>', after: '<div style="height:120vh"></div>' });
  await ready;
  await el.mapSettled();
  return { el, map: el.map! };
}

/** Scrolls so the trigger line is `share` of the way through chapter `id` (to the next card's top); returns the progress reported. */
async function scrollThrough(el: MapStory, id: string, next: string, share: number): Promise<number> {
  const host = el.getBoundingClientRect().top;
  const top = chapterEl(el, id).getBoundingClientRect().top - host;
  const end = chapterEl(el, next).getBoundingClientRect().top - host;
  const reported = nextEvent(el, 'map-story-progress', 10_000, (e) => e.detail.chapterId === id && Math.abs(e.detail.progress - share) < 0.02);
  scrollToX(el, top + share * (end - top));
  return (await reported).detail.progress;
}

/** Waits for the divider to show `value` (aria-valuenow), then checks where it is drawn. */
async function expectDivider(el: MapStory, map: Map, value: number): Promise<void> {
  await until(() => slider(el)?.getAttribute('aria-valuenow') === String(Math.round(value * 100)), 10_000, `divider at ${value}`);
  expect(dividerX(el, map), 'divider x').to.be.closeTo(expectedX(map, value), 2);
}

describe('comparison chapters', () => {
  afterEach(async () => {
    unmountAll();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  for (const source of SOURCES) it(`at 0%, 50% and 100% of the chapter the divider is in place, "before" left of it and "after" right of it (${source})`, async () => {
    const { el, map } = await mountCompare(() => {}, source);
    await scrollToChapter(el, 'intro');
    expect(slider(el)?.outerHTML ?? null, 'no divider before the comparison').to.equal(null);
    for (const share of [0.003, 0.5, 0.997]) {
      const progress = await scrollThrough(el, 'compare', 'dark', share);
      const value = scrubbedValue(progress, false);
      await expectDivider(el, map, value);
      await settled(map);
      const { left, right } = await sides(el, map);
      expect(close(left, RED), `at ${share}: left of the divider is "before" (${left})`).to.equal(true);
      expect(close(right, BLUE), `at ${share}: right of the divider is "after" (${right})`).to.equal(true);
    }
    // The sweep went from right to left.
    expect(scrubbedValue(0, false)).to.be.greaterThan(scrubbedValue(1, false));
  });

  it('on a phone the labels stay inside the map, each on its own side of the divider', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const { el, map } = await mountCompare((story) => {
        story.chapters[1].compare.before.label = 'Before the storm';
        story.chapters[1].compare.after.label = 'After the storm';
      });
      await scrollToChapter(el, 'intro');
      const box = map.getContainer().getBoundingClientRect();
      const values = new Set<number>();
      // Through the chapter in tenths (the divider sweeps from 90% to 10% of the map's width).
      const span = chapterEl(el, 'dark').getBoundingClientRect().top - chapterEl(el, 'compare').getBoundingClientRect().top;
      for (let i = 0; i < 15; i++) {
        window.scrollBy({ top: span / 10, behavior: 'instant' });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        await settled(map);
        if (!slider(el)) continue;
        const value = Number(slider(el)!.getAttribute('aria-valuenow'));
        values.add(value);
        const share = `${value}%`;
        const divider = box.left + dividerX(el, map);
        const [before, after] = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.compare-label')];
        for (const label of [before!, after!]) {
          const r = label.getBoundingClientRect();
          expect(r.left >= box.left && r.right <= box.right, `at ${share}: "${label.textContent}" (${r.left}-${r.right}) inside the map (${box.left}-${box.right})`).to.equal(true);
        }
        // What shows of each label (its clip) ends before the divider, or starts after it: the
        // clipped part of an element is not hit either, so hits across it measure what shows.
        const shown = (label: HTMLElement) => {
          const r = label.getBoundingClientRect();
          label.style.pointerEvents = 'auto';
          const hit: number[] = [];
          for (let x = Math.ceil(r.left); x < r.right; x++) if (el.shadowRoot!.elementsFromPoint(x, r.top + r.height / 2).includes(label)) hit.push(x);
          label.style.pointerEvents = '';
          return { left: Math.min(...hit), right: Math.max(...hit) };
        };
        expect(shown(before!).right, `at ${share}: "before" shows left of the divider`).to.be.at.most(divider + 1);
        expect(shown(after!).left, `at ${share}: "after" shows right of the divider`).to.be.at.least(divider - 1);
      }
      expect([...values].some((v) => v >= 80) && [...values].some((v) => v <= 30), `the divider near the right edge, and near the left (${[...values]})`).to.equal(true);
    } finally {
      await setViewport(DESKTOP);
    }
  });

  it('scrolling back restores the chapter before: no divider, neither side drawn', async () => {
    const { el, map } = await mountCompare();
    await scrollToChapter(el, 'compare');
    await until(() => !!slider(el), 10_000, 'the divider');
    await scrollToChapter(el, 'intro');
    await until(() => !slider(el), 10_000, 'the divider to go');
    await settled(map);
    const y = map.getContainer().clientHeight / 2;
    for (const x of [0.3, 0.6, 0.9].map((f) => f * map.getContainer().clientWidth)) {
      const colour = await colourAt(map, x, y);
      expect(close(colour, RED, 30) || close(colour, BLUE, 30), `no comparison layer at x=${x} (${colour})`).to.equal(false);
    }
    expect(map.getLayersOrder().filter((id) => id.startsWith('map-story-compare')), 'clip layers removed').to.deep.equal([]);
  });

  it('with reduced motion the divider jumps between the sides instead of sweeping', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, map } = await mountCompare();
    await scrollToChapter(el, 'intro');
    for (const [share, value] of [[0.2, 0.9], [0.4, 0.9], [0.6, 0.1], [0.8, 0.1]] as const) {
      await scrollThrough(el, 'compare', 'dark', share);
      await expectDivider(el, map, value);
    }
  });

  it('in explore mode the divider is a slider the reader moves with keys and by dragging', async () => {
    const { el, map } = await mountCompare();
    await scrollToChapter(el, 'intro');
    await scrollThrough(el, 'compare', 'dark', 0.5);
    await until(() => !!slider(el), 10_000, 'the divider');
    const s = slider(el)!;
    expect(s.getAttribute('aria-disabled'), 'not interactive while reading').to.equal('true');
    expect(s.getAttribute('aria-label')).to.equal('Divider between Red and Blue');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.explore')!.click();
    await until(() => s.getAttribute('aria-disabled') === 'false', 5_000, 'an interactive slider');
    expect(s.tabIndex).to.equal(0);
    s.focus();
    const start = Number(s.getAttribute('aria-valuenow'));
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => Number(s.getAttribute('aria-valuenow')) === start - 5, 5_000, 'ArrowLeft to move it');
    await sendKeys({ press: 'Home' });
    await expectDivider(el, map, 0);
    await sendKeys({ press: 'End' });
    await expectDivider(el, map, 1);
    await sendKeys({ press: 'PageDown' });
    await expectDivider(el, map, 0.8);
    // Drag it to a quarter of the map's free width.
    const box = map.getContainer().getBoundingClientRect();
    const from = s.getBoundingClientRect();
    const y = Math.round(from.top + from.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(from.left + from.width / 2), y] });
    await sendMouse({ type: 'down' });
    const to = Math.round(box.left + expectedX(map, 0.25));
    await sendMouse({ type: 'move', position: [to, y] });
    await sendMouse({ type: 'up' });
    await until(() => Math.abs(Number(s.getAttribute('aria-valuenow')) - 25) <= 1, 5_000, 'the drag to move it');
    await settled(map);
    const { left, right } = await sides(el, map);
    expect(close(left, RED), `left after the drag (${left})`).to.equal(true);
    expect(close(right, BLUE), `right after the drag (${right})`).to.equal(true);
    // The scroll does not take it back while the reader explores.
    const held = s.getAttribute('aria-valuenow');
    await scrollThrough(el, 'compare', 'dark', 0.8);
    expect(s.getAttribute('aria-valuenow')).to.equal(held);
  });

  it('a layer drawn after a clipped layer of the same source is drawn on both sides', async () => {
    const GREEN = '#2ca02c';
    const { el, map } = await mountCompare((story) => {
      const square = (lng: number) => ({ type: 'Feature', properties: { spot: true }, geometry: { type: 'Polygon', coordinates: [[[lng - 1, 34], [lng + 1, 34], [lng + 1, 36], [lng - 1, 36], [lng - 1, 34]]] } });
      const area = story.sources.area.data;
      story.sources.area.data = { type: 'FeatureCollection', features: [area, square(26), square(36)] };
      const [before, after] = story.layers;
      before.filter = ['!', ['has', 'spot']];
      // After the "before" layer, on its source: its tile masks must not be the clipped ones.
      story.layers = [after, before, { id: 'spots', type: 'fill', source: 'area', filter: ['has', 'spot'], paint: { 'fill-color': GREEN } }];
      story.chapters[0].layers = { show: ['spots'] };
    });
    await scrollToChapter(el, 'intro');
    await scrollThrough(el, 'compare', 'dark', 0.5);
    await until(() => !!slider(el), 10_000, 'the divider');
    await settled(map);
    const x = dividerX(el, map);
    for (const lng of [26, 36]) {
      const p = map.project([lng, 35]);
      const colour = await colourAt(map, p.x, p.y);
      expect(close(colour, GREEN), `spot at ${lng} (${p.x < x ? 'left' : 'right'} of the divider): ${colour}`).to.equal(true);
    }
  });

  it('a side with its own basemap theme draws that theme on its side only (sea colour either side of the divider)', async () => {
    const { el, map } = await mountCompare((story) => {
      story.chapters[1].compare = { before: { label: 'Light' }, after: { label: 'Dark', theme: 'dark' } };
      story.chapters[1].camera = { center: [19, 34], zoom: 6 }; // open sea south of Greece
    });
    await scrollToChapter(el, 'intro');
    await scrollThrough(el, 'compare', 'dark', 0.5);
    await until(() => !!slider(el), 10_000, 'the divider');
    await settled(map);
    const { left, right } = await sides(el, map);
    expect(close(left, palettes.light.sea, 3), `left: light sea (${left})`).to.equal(true);
    expect(close(right, palettes.dark.sea, 3), `right: dark sea (${right})`).to.equal(true);
  });

  it('with a side in another theme, each basemap label takes the colours of its side (by a state, the paint untouched), and its own after', async () => {
    const { el, map } = await mountCompare((story) => {
      story.chapters[1].compare = { before: { label: 'Light' }, after: { label: 'Dark', theme: 'dark' } };
      story.chapters[1].camera = { center: [13, 41], zoom: 5 }; // Italy, the Tyrrhenian and Adriatic seas
    });
    await scrollToChapter(el, 'intro');
    const layers = map.getLayersOrder().filter((id) => id.startsWith('label-'));
    // The label colours read the state: the comparison sets states, not paint (a colour turned
    // from a constant into a state-driven one made the worker lay out every basemap tile again).
    const sea = layers.find((id) => id.startsWith('label-sea'))!;
    const paint = JSON.stringify(map.getPaintProperty(sea, 'text-color'));
    expect(paint, 'a sea label\'s colour, by side').to.contain(palettes.dark.seaLabel).and.contain(palettes.light.seaLabel);
    await scrollThrough(el, 'compare', 'dark', 0.5);
    await until(() => !!slider(el), 10_000, 'the divider');
    await settled(map);
    const x = dividerX(el, map);
    const state = (id: string | number) => map.getFeatureState({ source: 'basemap', sourceLayer: 'labels', id })[OTHER_THEME] === true;
    const labels = map.queryRenderedFeatures({ layers }).map((f) => ({ id: f.id!, name: f.properties['name'], x: map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]).x }));
    const right = labels.filter((l) => l.x > x + 1);
    const left = labels.filter((l) => l.x < x - 1);
    expect(left.length, 'labels left of the divider').to.be.greaterThan(0);
    expect(right.length, 'labels right of the divider').to.be.greaterThan(0);
    for (const l of right) expect(state(l.id), `${l.name} (right): dark colours`).to.equal(true);
    for (const l of left) expect(state(l.id), `${l.name} (left): the map's own colours`).to.equal(false);
    expect(JSON.stringify(map.getPaintProperty(sea, 'text-color')), 'the paint as it was').to.equal(paint);
    await scrollToChapter(el, 'intro');
    await until(() => !slider(el), 10_000, 'the comparison gone');
    expect(labels.filter((l) => state(l.id)).map((l) => l.name), 'labels still in the other theme').to.deep.equal([]);
  });

  it('with both sides in another theme, every basemap label takes its colours, and none keeps them after', async () => {
    const { el, map } = await mountCompare((story) => {
      story.chapters[1].compare = { before: { label: 'Dark', theme: 'dark' }, after: { label: 'Dark too', theme: 'dark' } };
      story.chapters[1].camera = { center: [13, 41], zoom: 5 };
    });
    await scrollToChapter(el, 'intro');
    const layers = map.getLayersOrder().filter((id) => id.startsWith('label-'));
    await scrollThrough(el, 'compare', 'dark', 0.5);
    await until(() => !!slider(el), 10_000, 'the divider');
    await settled(map);
    const state = (id: string | number) => map.getFeatureState({ source: 'basemap', sourceLayer: 'labels', id })[OTHER_THEME] === true;
    const labels = map.queryRenderedFeatures({ layers }).map((f) => ({ id: f.id!, name: f.properties['name'] }));
    expect(labels.length, 'labels drawn').to.be.greaterThan(1);
    expect(labels.filter((l) => !state(l.id)).map((l) => l.name), 'labels in the map\'s own colours').to.deep.equal([]);
    await scrollToChapter(el, 'intro');
    await until(() => !slider(el), 10_000, 'the comparison gone');
    expect(labels.filter((l) => state(l.id)).map((l) => l.name), 'labels still in the other theme').to.deep.equal([]);
  });

  it('a chapter that changes the basemap theme turns it dark smoothly, and scrolling back turns it light', async () => {
    const { el, map } = await mountCompare();
    await scrollToChapter(el, 'intro');
    const sea = async () => {
      const p = map.project([22, 33.5]); // the Mediterranean south of Greece
      return colourAt(map, p.x, p.y);
    };
    await scrollToChapter(el, 'end'); // past the comparison
    await until(() => map.getPaintProperty('sea', 'background-color') === palettes.dark.sea, 5_000, 'the dark sea colour set');
    const seen: string[] = [];
    const start = performance.now();
    while (performance.now() - start < 10_000) {
      const c = await sea();
      seen.push(c.join());
      if (close(c, palettes.dark.sea, 3)) break;
    }
    expect(close((await sea()), palettes.dark.sea, 3), `dark sea (${seen.at(-1)})`).to.equal(true);
    expect(new Set(seen).size, 'colours in between: a transition, not a cut').to.be.greaterThan(1);
    await scrollToChapter(el, 'intro');
    await until(() => map.getPaintProperty('sea', 'background-color') === palettes.light.sea, 5_000, 'the light sea colour set');
    await settled(map);
    const deadline = performance.now() + 10_000;
    while (!close(await sea(), palettes.light.sea, 3) && performance.now() < deadline);
    expect(close(await sea(), palettes.light.sea, 3), 'light sea again').to.equal(true);
  });

  it('20 stories with comparisons on one page: every comparison draws, without more live WebGL contexts than before (under 10)', async function () {
    this.timeout(20 * 30_000);
    await executeServerCommand('console-log-start');
    const contexts = trackWebGLContexts();
    try {
      const base = await loadJson('compare-story.json');
      const els: MapStory[] = [];
      for (let i = 0; i < 20; i++) {
        const story = structuredClone(base);
        story.title = `Story ${i + 1}`;
        story.chapters = [story.chapters[1]]; // the comparison is the first chapter: shown as the map starts
        els.push(mount((e) => (e.story = story), { after: '<div style="height:50vh"></div>' }));
      }
      let maxLive = 0;
      for (const [i, el] of els.entries()) {
        el.scrollIntoView({ block: 'start', behavior: 'instant' });
        await until(() => !!el.map && el.map.loaded() && !!slider(el), 20_000, `map and divider ${i + 1}`);
        await settled(el.map!);
        const { left, right } = await sides(el, el.map!);
        expect(close(left, RED) && close(right, BLUE), `story ${i + 1}: both sides (${left} | ${right})`).to.equal(true);
        maxLive = Math.max(maxLive, contexts.live());
      }
      const logs = await executeServerCommand<string[], undefined>('console-log');
      console.log(`most live WebGL contexts at once, 20 comparison stories: ${maxLive}`);
      expect(logs.filter((l) => /too many active webgl contexts/i.test(l))).to.deep.equal([]);
      expect(maxLive).to.be.lessThan(10);
    } finally {
      contexts.restore();
    }
  });
});
