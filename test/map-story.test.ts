// <map-story> end to end: JSON in, scroll-driven MapLibre map out (real Chromium, real MapLibre).
import { expect } from 'chai';
import { setViewport } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { palettes } from '../src/basemap/embedded-style.js';
import {
  DESKTOP, fixture, giveStory, loadJson, mount, SOURCES, unmountAll, nextEvent, settled, scrollToChapter, readPixels, shareOf,
  trackWebGLContexts, sleep, until, type Map,
} from './helpers.js';

const spacer = (vh: number) => `<div style="height:${vh}vh"></div>`;

async function mountReady(setup: (el: MapStory) => void): Promise<{ el: MapStory; map: Map }> {
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    setup(e);
  }, { before: spacer(30), after: spacer(100) });
  await ready;
  return { el, map: el.map! };
}

function visibility(map: Map, id: string): string {
  return (map.getLayoutProperty(id, 'visibility') as string | undefined) ?? 'visible';
}

describe('<map-story>', () => {
  afterEach(unmountAll);

  it('renders a title, every chapter, and a map with both land and sea', async () => {
    const { el, map } = await mountReady((e) => (e.src = fixture('test-story.json')));
    const root = el.shadowRoot!;
    expect(root.querySelector('h1')!.textContent).to.equal('Test story');
    expect(root.querySelectorAll('.chapter').length).to.equal(5);
    await settled(map);
    // The basemap arrives asynchronously: wait until both colours are drawn.
    let image = await readPixels(map);
    await until(() => shareOf(image, palettes.light.land) > 0.02, 15_000, 'land pixels').catch(() => {});
    for (let i = 0; i < 50 && (shareOf(image, palettes.light.land) < 0.02 || shareOf(image, palettes.light.sea) < 0.02); i++) {
      await sleep(200);
      image = await readPixels(map);
    }
    expect(shareOf(image, palettes.light.land), 'land share').to.be.greaterThan(0.02);
    expect(shareOf(image, palettes.light.sea), 'sea share').to.be.greaterThan(0.02);
  });

  for (const source of SOURCES) {
    it(`scrolling to each chapter puts the map at that chapter's camera (${source} chapters)`, async () => {
      const story = await loadJson('test-story.json');
      const { el, map } = await mountReady((e) => giveStory(e, story, source));
      for (const chapter of story.chapters) {
        await scrollToChapter(el, chapter.id);
        await settled(map);
        const c = map.getCenter();
        expect(Math.abs(c.lng - chapter.camera.center[0]), `${chapter.id} lng`).to.be.lessThan(0.01);
        expect(Math.abs(c.lat - chapter.camera.center[1]), `${chapter.id} lat`).to.be.lessThan(0.01);
        expect(Math.abs(map.getZoom() - chapter.camera.zoom), `${chapter.id} zoom`).to.be.lessThan(0.05);
        expect(map.getPitch()).to.be.closeTo(chapter.camera.pitch ?? 0, 0.5);
        expect(map.getBearing()).to.be.closeTo(chapter.camera.bearing ?? 0, 0.5);
      }
    });

    it(`a jump from the first to the last chapter lands on the last camera and layers; scrolling back restores them (${source} chapters)`, async () => {
      const story = await loadJson('test-story.json');
      const { el, map } = await mountReady((e) => giveStory(e, story, source));
      await scrollToChapter(el, 'two');
      await settled(map);
      expect(visibility(map, 'a')).to.equal('visible');
      expect(visibility(map, 'b')).to.equal('none');

      await scrollToChapter(el, 'five');
      await settled(map);
      const last = story.chapters[4].camera;
      expect(map.getCenter().lng).to.be.closeTo(last.center[0], 0.01);
      expect(map.getCenter().lat).to.be.closeTo(last.center[1], 0.01);
      expect(map.getZoom()).to.be.closeTo(last.zoom, 0.05);
      // Chapter five's state: "a" hidden by four, "b" shown by three, "a" painted green by three.
      expect(visibility(map, 'a')).to.equal('none');
      expect(visibility(map, 'b')).to.equal('visible');
      expect(map.getPaintProperty('a', 'line-color')).to.equal('#00ff00');

      await scrollToChapter(el, 'two');
      await settled(map);
      expect(visibility(map, 'a')).to.equal('visible');
      expect(visibility(map, 'b')).to.equal('none');
      expect(map.getPaintProperty('a', 'line-color')).to.equal('#ff0000');
    });
  }

  it('fires chapter enter and exit events with index, id and direction', async () => {
    const story = await loadJson('test-story.json');
    const { el } = await mountReady((e) => (e.story = story));
    const log: string[] = [];
    const record = (e: CustomEvent<{ index: number; chapterId: string; direction: string }>) =>
      log.push(`${e.type.replace('map-story-chapter-', '')} ${e.detail.index} ${e.detail.chapterId} ${e.detail.direction}`);
    el.addEventListener('map-story-chapter-enter', record);
    el.addEventListener('map-story-chapter-exit', record);
    // Events bubble out of the shadow root and the element (composed).
    const bubbled: string[] = [];
    document.addEventListener('map-story-chapter-enter', (e) => bubbled.push((e as CustomEvent<{ chapterId: string }>).detail.chapterId));
    await scrollToChapter(el, 'one');
    await scrollToChapter(el, 'two');
    await scrollToChapter(el, 'one');
    expect(log).to.deep.equal(['enter 0 one down', 'exit 0 one down', 'enter 1 two down', 'exit 1 two up', 'enter 0 one up']);
    expect(bubbled).to.include('two');
  });

  it('when src changes while loading, the later story wins', async () => {
    const el = mount((e) => (e.src = '/slow/test/fixtures/test-story.json'));
    await sleep(50);
    const ready = nextEvent(el, 'map-story-ready', 30_000);
    el.src = fixture('other-story.json');
    await ready;
    await sleep(1500); // longer than the slow response takes
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('Other story');
    expect(el.shadowRoot!.querySelectorAll('.chapter').length).to.equal(1);
  });

  it('removing the element removes the map, its WebGL context and its observers', async () => {
    const contexts = trackWebGLContexts();
    const observed = new Set<unknown>();
    const OriginalIO = window.IntersectionObserver;
    const OriginalRO = window.ResizeObserver;
    class TrackedIO extends OriginalIO {
      override observe(t: Element) { observed.add(this); super.observe(t); }
      override disconnect() { observed.delete(this); super.disconnect(); }
    }
    class TrackedRO extends OriginalRO {
      override observe(t: Element, o?: ResizeObserverOptions) { observed.add(this); super.observe(t, o); }
      override disconnect() { observed.delete(this); super.disconnect(); }
    }
    window.IntersectionObserver = TrackedIO;
    window.ResizeObserver = TrackedRO;
    try {
      const story = await loadJson('test-story.json');
      const { el, map } = await mountReady((e) => (e.story = story));
      expect(contexts.live()).to.be.greaterThan(0);
      const container = map.getContainer();
      el.remove();
      await sleep(100);
      expect(contexts.live(), 'live WebGL contexts').to.equal(0);
      expect(el.map).to.equal(undefined);
      expect(container.querySelector('canvas')?.outerHTML ?? null).to.equal(null);
      // MapLibre's own observers aside, none of ours may stay connected.
      const ours = [...observed].filter((o) => o instanceof TrackedIO || o instanceof TrackedRO);
      expect(ours.length, 'connected observers').to.equal(0);
      // Events no longer fire.
      let fired = false;
      el.addEventListener('map-story-chapter-enter', () => (fired = true));
      window.scrollTo(0, document.body.scrollHeight);
      await sleep(300);
      expect(fired).to.equal(false);
    } finally {
      window.IntersectionObserver = OriginalIO;
      window.ResizeObserver = OriginalRO;
      contexts.restore();
    }
  });

  it('reconnecting the element brings the map back', async () => {
    const story = await loadJson('test-story.json');
    const { el } = await mountReady((e) => (e.story = story));
    const parent = el.parentElement!;
    const ready = nextEvent(el, 'map-story-ready', 30_000);
    el.remove();
    parent.append(el);
    await ready;
    expect(el.map).to.not.equal(undefined);
  });

  it('a JSON syntax error shows where it is and fires map-story-error', async () => {
    const el = mount((e) => {
      e.innerHTML = '<script type="application/json">{\n  "version": 1,\n  "title": "x"\n  "chapters": []\n}</script>';
    });
    const error = await nextEvent(el, 'map-story-error');
    expect(error.detail.code).to.equal('json-syntax');
    expect(error.detail.line).to.equal(4);
    const panel = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(panel.textContent).to.contain('line 4');
  });

  it('a missing chapter id is reported with its path, in the component and as an event', async () => {
    const story = await loadJson('test-story.json');
    delete story.chapters[2].id;
    let error!: Promise<CustomEvent>;
    const el = mount((e) => {
      error = nextEvent(e, 'map-story-error');
      e.story = story;
    });
    const { detail } = await error;
    expect(detail.code).to.equal('missing-field');
    expect(detail.path).to.equal('chapters[2].id');
    const panel = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(panel.textContent).to.contain('chapters[2].id');
    expect(panel.textContent).to.contain('"id" is missing');
    expect(el.map).to.equal(undefined);
  });

  it('a layer MapLibre rejects is reported with its path; the story and the other layers still work', async () => {
    const story = await loadJson('test-story.json');
    story.layers[0].paint['line-color'] = 'not-a-colour';
    let error!: Promise<CustomEvent>;
    let ready!: Promise<unknown>;
    const el = mount((e) => {
      error = nextEvent(e, 'map-story-error', 30_000);
      ready = nextEvent(e, 'map-story-ready', 30_000);
      e.story = story;
    });
    const { detail } = await error;
    expect(detail.code).to.equal('invalid-style');
    expect(detail.path).to.equal('layers[0].paint["line-color"]');
    await ready;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('layers[0].paint["line-color"]');
    expect(el.map!.getLayer('a')).to.equal(undefined);
    expect(el.map!.getLayer('b')).to.not.equal(undefined);
    await scrollToChapter(el, 'three'); // applies a state that names the refused layer: no throw
  });

  it('a story URL that does not exist is reported', async () => {
    let error!: Promise<CustomEvent>;
    const el = mount((e) => {
      error = nextEvent(e, 'map-story-error');
      e.src = fixture('nope.json');
    });
    const { detail } = await error;
    expect(detail.code).to.equal('fetch-failed');
    expect(detail.message).to.contain('404');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.not.equal(null);
  });
});

describe('<map-story> resized', () => {
  afterEach(async () => {
    await setViewport(DESKTOP);
    unmountAll();
  });

  const story = {
    version: 1,
    title: 'Resize',
    chapters: [
      { id: 'wide', title: 'A wide view', body: 'Fitted to bounds.', camera: { bounds: [[20, 30], [45, 45]] } },
      { id: 'close', title: 'A close view', body: 'A city.', camera: { center: [35.8, 34.9], zoom: 9 } },
    ],
  };
  const NARROWER = { width: 1000, height: 800 };
  const view = (map: Map) => ({ zoom: map.getZoom(), center: map.getCenter(), padding: { left: map.getPadding().left ?? 0, right: map.getPadding().right ?? 0 } });

  it('a resize within the same layout fits the chapter to the new size; a flight under way is re-aimed, not cut', async () => {
    // What a page opened at the narrower size shows.
    await setViewport(NARROWER);
    const fresh = await mountReady((e) => (e.story = structuredClone(story) as MapStory['story']));
    await settled(fresh.map);
    const want = view(fresh.map);
    unmountAll();

    await setViewport(DESKTOP);
    const { el, map } = await mountReady((e) => (e.story = structuredClone(story) as MapStory['story']));
    await settled(map);
    expect(Math.abs(map.getZoom() - want.zoom), 'the bounds fit differently at 1280 px').to.be.above(0.05);

    await setViewport(NARROWER);
    const same = () => {
      const now = view(map);
      return Math.abs(now.zoom - want.zoom) < 0.005 && Math.abs(now.center.lng - want.center.lng) < 0.01
        && Math.abs(now.center.lat - want.center.lat) < 0.01 && Math.abs(now.padding.left - want.padding.left) < 1
        && Math.abs(now.padding.right - want.padding.right) < 1;
    };
    await until(same, 5_000, `the view at 1000 px (${JSON.stringify(want)}), not ${JSON.stringify(view(map))}`);

    // Mid-flight to the next chapter, the window grows: the camera flies on to the refitted view.
    await scrollToChapter(el, 'close');
    await until(() => map.isMoving() && map.getZoom() > want.zoom + 0.3, 10_000, 'the flight to be under way');
    await setViewport(DESKTOP);
    const zooms: number[] = [];
    await until(() => {
      zooms.push(map.getZoom());
      return !map.isMoving();
    }, 15_000, 'the flight to end');
    // Re-aimed, not cut: the camera passes through zooms between where it was and where it
    // ends (a cut jumps straight there). How many depends on how often a busy machine draws.
    const between = new Set(zooms.filter((z) => z > zooms[0]! + 1e-3 && z < 9 - 1e-3).map((z) => z.toFixed(4)));
    expect(between.size, `zoom samples after the resize: ${zooms.map((z) => z.toFixed(2)).join(' ')}`).to.be.at.least(1);
    expect(map.getZoom()).to.be.closeTo(9, 0.01);
  });
});
