// Issue 22 (hardening), the element: failures found by an outside adversarial run, each shown
// to the reader and fired as exactly one `map-story-error`; nothing uncaught, nothing forever.
import { expect } from 'chai';
import type { MapStory } from '../src/map-story.js';
import { loadJson, mount, nextEvent, unmountAll, until, asStory } from './helpers.js';

/** Uncaught errors and unhandled rejections while a test runs. */
function watchUncaught(): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(String(e.message));
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return { errors, stop: () => (window.removeEventListener('error', onError), window.removeEventListener('unhandledrejection', onRejection)) };
}

/** Mounts an element and collects its error events. */
function mountCounting(setup: (el: MapStory) => void): { el: MapStory; errors: CustomEvent[] } {
  const errors: CustomEvent[] = [];
  const el = mount((e) => {
    e.addEventListener('map-story-error', (event) => errors.push(event as CustomEvent));
    setup(e);
  });
  return { el, errors };
}

/** Resolves once the element has rendered everything it will for now (two frames after an update). */
async function quiet(el: MapStory): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
}

const status = (el: MapStory) => el.shadowRoot!.querySelector('[part="map-status"]')?.textContent ?? '';

describe('hardening: the element (issue 22)', () => {
  let uncaught: ReturnType<typeof watchUncaught>;
  beforeEach(() => (uncaught = watchUncaught()));
  afterEach(() => {
    uncaught.stop();
    unmountAll();
  });

  it('22.1: a hostile legend colour never reaches the style attribute, and is reported', async () => {
    const story = await loadJson('test-story.json');
    story.chapters[0].legend = [{ label: 'beacon', color: 'var(--x, url(/beacon))' }, { label: 'mix', color: 'color-mix(in srgb, var(--a), red)' }];
    const { el, errors } = mountCounting((e) => (e.story = story));
    await until(() => errors.length > 0 || !!el.shadowRoot!.querySelector('.swatch'), 15_000, 'an error or a legend');
    for (const swatch of el.shadowRoot!.querySelectorAll('.swatch')) expect(swatch.getAttribute('style') ?? '').to.not.match(/var\(|url\(/);
    expect(errors.map((e) => e.detail.path)).to.include('chapters[0].legend[0].color');
    expect(errors[0]!.detail.chapterId).to.equal(story.chapters[0].id);
  });

  it('22.2: a layer id named like an Object.prototype member is reported, never thrown later', async () => {
    const story = await loadJson('test-story.json');
    const old = story.layers[0].id;
    story.layers[0].id = 'toString';
    for (const c of story.chapters) {
      if (c.layers?.show) c.layers.show = c.layers.show.map((id: string) => (id === old ? 'toString' : id));
      if (c.layers?.hide) c.layers.hide = c.layers.hide.map((id: string) => (id === old ? 'toString' : id));
      if (c.layers?.paint?.[old]) (c.layers.paint.toString = c.layers.paint[old]), delete c.layers.paint[old];
      if (c.progress?.layer === old) c.progress.layer = 'toString';
    }
    const { errors } = mountCounting((e) => (e.story = story));
    await until(() => errors.length > 0, 15_000, 'an error event');
    expect(errors[0]!.detail.path).to.equal('layers[0].id');
    expect(uncaught.errors).to.deep.equal([]);
  });

  it('22.2: chapter ids named like Object.prototype members work (goTo, hash)', async () => {
    const story = await loadJson('test-story.json');
    const ids = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
    story.chapters.forEach((c: { id: string }, i: number) => (c.id = ids[i]!));
    const { el } = mountCounting((e) => (e.story = story));
    await nextEvent(el, 'map-story-ready', 30_000);
    const entered = nextEvent(el, 'map-story-chapter-enter', 10_000, (e) => e.detail.chapterId === 'toString');
    el.goTo('toString', { smooth: false });
    await entered;
    expect(el.chapterIndex).to.equal(1);
    expect(uncaught.errors).to.deep.equal([]);
  });

  it('22.3: a malformed URL hash is ignored, not thrown; the map loads', async () => {
    const before = location.href;
    history.replaceState(history.state, '', '#%E0%A4%A');
    try {
      const story = await loadJson('test-story.json');
      const { el } = mountCounting((e) => {
        e.hash = true;
        e.story = story;
      });
      await nextEvent(el, 'map-story-ready', 30_000);
      expect(status(el)).to.not.contain('Loading map');
      expect(uncaught.errors).to.deep.equal([]);
    } finally {
      history.replaceState(history.state, '', before);
    }
  });

  it('22.4: a story src that never answers ends in an error after the timeout', async () => {
    const { el, errors } = mountCounting((e) => {
      e.setAttribute('timeout', '400');
      e.src = '/hang/story.json';
    });
    await until(() => errors.length > 0, 15_000, 'an error event');
    expect(errors[0]!.detail.code).to.equal('fetch-failed');
    expect(errors[0]!.detail.message).to.match(/did not answer within 0\.4 s/);
    await quiet(el);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(/did not answer/);
    expect(errors.length).to.equal(1);
  });

  it('22.4: a map style URL that never answers falls back to the embedded basemap after the timeout', async () => {
    const story = await loadJson('test-story.json');
    story.map = { ...story.map, style: '/hang/style.json' };
    const { el, errors } = mountCounting((e) => {
      e.timeout = 400;
      e.story = story;
    });
    await nextEvent(el, 'map-story-ready', 30_000);
    expect(errors.map((e) => e.detail.code)).to.include('style-failed');
    await quiet(el);
    expect(status(el)).to.match(/embedded basemap/);
  });

  it('22.4 and 22.6: a story GeoJSON source that never answers, or 404s, shows a notice on the map', async () => {
    for (const url of ['/hang/data.geojson', '/test/fixtures/no-such-data.geojson']) {
      const story = await loadJson('test-story.json');
      const source = Object.keys(story.sources)[0]!;
      story.sources[source].data = url;
      for (const layer of story.layers) if (layer.source === source) layer.layout = { ...layer.layout, visibility: 'visible' };
      const { el, errors } = mountCounting((e) => {
        e.timeout = 400;
        e.story = story;
      });
      await until(() => /map data/i.test(status(el)), 15_000, `a notice for ${url}`);
      expect(errors.map((e) => e.detail.code), url).to.include('data-failed');
      unmountAll();
    }
  });

  it('22.4: a labelled layer on data that never answers, or 404s, leaves the map settling all the same', async () => {
    // The warm-up copies such a layer with a real feature (its text comes from the data): it
    // waited for that data for ever, and mapSettled() with it.
    for (const url of ['/test/fixtures/no-such-data.geojson', '/hang/data.geojson']) {
      const story = await loadJson('test-story.json');
      story.sources.names = { type: 'geojson', data: url };
      // (Its colour from the data too: a program the basemap's labels do not use, so it is copied.)
      story.layers.push({ id: 'names', type: 'symbol', source: 'names', layout: { 'text-field': ['get', 'name'] }, paint: { 'text-color': ['get', 'colour'] } });
      story.chapters[2].layers = { show: ['names'] };
      const { el } = mountCounting((e) => {
        e.timeout = 400;
        e.story = story;
      });
      await nextEvent(el, 'map-story-ready', 30_000);
      let settled = false;
      void el.mapSettled().then(() => (settled = true));
      await until(() => settled, 15_000, `the map settled with ${url}`);
      unmountAll();
    }
  });

  it('22.4: a story GeoJSON source that loads in time raises no notice (shown or deferred)', async () => {
    const story = await loadJson('test-story.json');
    story.sources.line.data = '/stories/tartus-withdrawal/route.geojson';
    story.sources.late = { type: 'geojson', data: '/stories/tartus-withdrawal/places.geojson' };
    story.layers[0].layout = { visibility: 'visible' };
    story.layers.push({ id: 'late-dots', type: 'circle', source: 'late' }); // shown by no chapter: deferred
    const { el, errors } = mountCounting((e) => {
      e.timeout = 3000;
      e.story = story;
    });
    await nextEvent(el, 'map-story-ready', 30_000);
    const map = el.map!;
    await until(() => map.isSourceLoaded('line') && map.isSourceLoaded('late') && !!map.getSource('late'), 20_000, 'the sources to load');
    // Past the time limit of every watch started so far: none may have reported.
    const since = performance.now();
    await until(() => performance.now() - since > 3500, 10_000, 'the time limit to pass');
    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);
    expect(status(el)).to.equal('');
  });

  it('a tile source whose every tile fails fires one error, not one per tile', async () => {
    const story = await loadJson('test-story.json');
    story.sources.tiles = { type: 'vector', tiles: ["http://127.0.0.1:9/{z}/{x}/{y}.pbf"], maxzoom: 14 };
    story.layers.push({ id: 'tiled', type: 'line', source: 'tiles', 'source-layer': 'roads', layout: { visibility: 'visible' } });
    const { el, errors } = mountCounting((e) => (e.story = story));
    await nextEvent(el, 'map-story-ready', 30_000);
    await until(() => errors.length > 0, 20_000, 'an error event');
    const map = el.map!;
    // Every chapter: each view asks for more tiles (on a port nothing listens on), which fail too.
    for (const id of ['two', 'three', 'four', 'five']) {
      el.goTo(id, { smooth: false });
      await until(() => !map.isMoving(), 20_000, 'the camera to stop');
    }
    await until(() => map.areTilesLoaded(), 20_000, 'every tile to be requested');
    await quiet(el);
    expect(errors.filter((e) => e.detail.code === 'data-failed').length).to.equal(1);
    expect(status(el)).to.match(/map data/i);
  });

  it('22.5: a story body cut short fires one error that says what happened', async () => {
    const { el, errors } = mountCounting((e) => (e.src = '/truncated/test/fixtures/test-story.json'));
    await until(() => errors.length > 0, 15_000, 'an error event');
    await quiet(el);
    expect(errors.length).to.equal(1);
    expect(errors[0]!.detail.message).to.not.match(/CORS/);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.not.equal(null);
  });

  it('22.5: JSON nested 100,000 deep fires one error about the nesting', async () => {
    const deep = `{"version": 1, "title": "x", "chapters": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { el, errors } = mountCounting((e) => {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = deep;
      e.append(script);
    });
    await until(() => errors.length > 0, 15_000, 'an error event');
    await quiet(el);
    expect(errors.length).to.equal(1);
    expect(errors[0]!.detail.message).to.match(/nest/i);
    expect(uncaught.errors).to.deep.equal([]);
  });

  it('22.8: unknown attribute values fall back to the default with one console warning each', async () => {
    const story = await loadJson('test-story.json');
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const { el } = mountCounting((e) => {
        e.setAttribute('theme', 'Dark');
        e.setAttribute('align', 'middle');
        e.setAttribute('map-margin', 'lots');
        e.setAttribute('timeout', 'soon');
        e.story = story;
      });
      await nextEvent(el, 'map-story-ready', 30_000);
      await quiet(el);
      el.requestUpdate();
      await quiet(el);
      expect(el.shadowRoot!.querySelector('.root')!.getAttribute('data-theme')).to.equal('light');
      for (const name of ['theme', 'align', 'map-margin', 'timeout']) {
        expect(warnings.filter((w) => w.includes(`"${name}"`)).length, `${name}: ${warnings.join(' | ')}`).to.equal(1);
      }
      expect(uncaught.errors).to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });

  it('5,000 invalid chapters list the first problems and how many more', async () => {
    const chapters = Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}` }));
    const { el, errors } = mountCounting((e) => (e.story = asStory({ version: 1, title: 'Many', chapters })));
    await until(() => errors.length > 0, 15_000, 'an error event');
    await quiet(el);
    const items = el.shadowRoot!.querySelectorAll('[role="alert"] li');
    expect(items.length).to.be.at.most(51);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(/and 4,?9\d\d more/);
  });
});
