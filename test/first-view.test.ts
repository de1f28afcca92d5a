// The first view and what comes with it: basemap tiles out of view wait, and the shader
// warm-up compiles, invisibly, the WebGL programs later chapters need before the reader
// scrolls to them (a compile blocks the main thread: >100 ms in software rendering), in the
// first view's frames rather than in frames of its own after it.
import { expect } from 'chai';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { MapStory } from '../src/map-story.js';
import { DeferredPrograms } from '../src/map/deferred-programs.js';
import { programSignature } from '../src/map/program-signature.js';
import { loadMapLibre } from '../src/map/load-maplibre.js';
import { faintOpacity, warmUpCopy } from '../src/map/warm-up.js';
import { loadJson, mapSettled, mount, nextEvent, settled, unmountAll, until, type Map } from './helpers.js';

describe('shader warm-up (unit)', () => {
  it('fades opacity to 1/250 and keeps its kind (constant, zoom curve, data-driven)', () => {
    expect(faintOpacity(undefined)).to.equal(0.004);
    expect(faintOpacity(0.5)).to.be.closeTo(0.002, 1e-12);
    expect(faintOpacity(0), 'a layer at opacity 0 is never drawn').to.equal(undefined);
    expect(faintOpacity(['interpolate', ['linear'], ['zoom'], 2, 0.5, 8, 1])).to.deep.equal(['interpolate', ['linear'], ['zoom'], 2, 0.002, 8, 0.004]);
    expect(faintOpacity(['step', ['zoom'], 1, 5, 0.5])).to.deep.equal(['step', ['zoom'], 0.004, 5, 0.002]);
    expect(faintOpacity(['get', 'o'])).to.deep.equal(['*', ['get', 'o'], 0.004]);
    expect(faintOpacity({ stops: [[0, 1]] }), 'legacy functions are left alone').to.equal(undefined);
  });

  it('copies a layer onto the warm-up source, visible, unfiltered, with its paint and layout', () => {
    const line = {
      id: 'route', type: 'line', source: 'routes', 'source-layer': 'r', minzoom: 5, filter: ['==', ['get', 'k'], 'x'],
      layout: { visibility: 'none', 'line-cap': 'round' }, paint: { 'line-color': '#f00', 'line-dasharray': [2, 1] },
    } as LayerSpecification;
    const copy = warmUpCopy(line, 'w', { 'line-gradient': ['interpolate', ['linear'], ['line-progress'], 0, '#f00', 1, '#f00'] }) as any;
    expect(copy).to.deep.equal({
      id: 'w', type: 'line', source: 'map-story-warm-up',
      layout: { visibility: 'visible', 'line-cap': 'round' },
      paint: { 'line-color': '#f00', 'line-dasharray': [2, 1], 'line-gradient': ['interpolate', ['linear'], ['line-progress'], 0, '#f00', 1, '#f00'], 'line-opacity': 0.004 },
    });
    const label = warmUpCopy({ id: 'l', type: 'symbol', source: 's', layout: { 'text-field': 'x' } }, 'w') as any;
    expect(label.layout['text-allow-overlap'], 'never pushes basemap labels aside').to.equal(true);
    expect(label.paint).to.deep.equal({ 'text-opacity': 0.004, 'icon-opacity': 0.004 });
    expect(warmUpCopy({ id: 'r', type: 'raster', source: 's' }, 'w')).to.equal(undefined);
  });

  it('leaves a map whose painter is not as expected to compile in its frames', () => {
    const map = { painter: { programCache: {} } } as unknown as import('maplibre-gl').Map;
    const programs = new DeferredPrograms(map, new Set(['a']));
    expect(programs.active).to.equal(false);
    expect(Object.keys((map as unknown as { painter: object }).painter), 'nothing added').to.deep.equal(['programCache']);
    expect(new DeferredPrograms({} as import('maplibre-gl').Map, new Set()).active, 'no painter').to.equal(false);
  });

  it('gives layers drawn by the same program the same signature, and others another', () => {
    const line = (paint: Record<string, unknown>) => programSignature({ id: 'l', type: 'line', source: 's', paint } as LayerSpecification);
    const same = line({ 'line-color': '#f00', 'line-width': 2 });
    expect(line({ 'line-color': '#00f', 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 1, 8, 4] }), 'values and zoom curves: uniforms all').to.equal(same);
    expect(line({}), 'defaults are uniforms too').to.equal(same);
    expect(line({ 'line-color': ['get', 'c'] }), 'read per feature').to.not.equal(same);
    expect(line({ 'line-color': ['feature-state', 'c'] })).to.equal(line({ 'line-color': ['get', 'c'] }));
    expect(line({ 'line-width': ['interpolate', ['linear'], ['zoom'], 2, ['get', 'w'], 8, 4] }), 'per feature and zoom').to.not.equal(line({ 'line-width': ['get', 'w'] }));
    expect(line({ 'line-dasharray': [2, 1] }), 'dashes: another shader').to.not.equal(same);
    expect(line({ 'line-dasharray': [4, 4] })).to.equal(line({ 'line-dasharray': [2, 1] }));
    expect(line({ 'line-dasharray': [2, 1], 'line-gradient': ['interpolate', ['linear'], ['line-progress'], 0, '#f00', 1, '#00f'] })).to.not.equal(line({ 'line-dasharray': [2, 1] }));
    expect(line({ 'line-opacity-transition': { duration: 0 } }), 'transitions do not bind').to.equal(same);
    const circle = (paint: Record<string, unknown>) => programSignature({ id: 'c', type: 'circle', source: 's', paint } as LayerSpecification);
    expect(circle({ 'circle-color': '#f00' }), 'another type').to.not.equal(same);
    expect(circle({ 'circle-radius': { property: 'n', stops: [[0, 1], [5, 4]] } }), 'a legacy function naming a property').to.equal(circle({ 'circle-radius': ['get', 'n'] }));
    const symbol = (layout: Record<string, unknown>) => programSignature({ id: 's', type: 'symbol', source: 's', layout } as LayerSpecification);
    expect(symbol({ 'text-field': ['get', 'name'] }), 'text or icons: another shader').to.not.equal(symbol({ 'icon-image': 'dot' }));
  });
});

/** Counts program links on every WebGL context from now on. */
function countLinks(): { count: () => number; restore: () => void } {
  let n = 0;
  const proto = WebGL2RenderingContext.prototype;
  const original = proto.linkProgram;
  proto.linkProgram = function (this: WebGL2RenderingContext, program: WebGLProgram) {
    n++;
    return original.call(this, program);
  };
  return { count: () => n, restore: () => (proto.linkProgram = original) };
}

/**
 * Counts, from now on, on `map`: program links inside animation frames while MapLibre draws a
 * story warm-up copy (`inCopies`: the copy compiled in the frame, which the warm-up exists to
 * avoid), and those the story warm-up compiles between frames (DeferredPrograms.compile on the
 * stack). Copies are seen through the painter's prototype: while the warm-up holds the
 * painter it draws them with its own methods, and they never compile.
 */
function linksInFrames(map: Map): { inCopies: number; warmUp: number; restore: () => void } {
  const counts = { inCopies: 0, warmUp: 0 };
  let depth = 0;
  let drawingCopy = false;
  const proto = WebGL2RenderingContext.prototype;
  const { linkProgram } = proto;
  const raf = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) =>
    raf((time) => {
      depth++;
      try {
        callback(time);
      } finally {
        depth--;
      }
    });
  type RenderLayer = (this: unknown, painter: unknown, tiles: unknown, layer: { id: string }, ...rest: unknown[]) => void;
  const painter = Object.getPrototypeOf((map as unknown as { painter: object }).painter) as { renderLayer: RenderLayer };
  const { renderLayer } = painter;
  painter.renderLayer = function (this: unknown, painterArg, tiles, layer, ...rest) {
    drawingCopy = layer.id.startsWith('map-story-warm-up-');
    try {
      renderLayer.call(this, painterArg, tiles, layer, ...rest);
    } finally {
      drawingCopy = false;
    }
  };
  proto.linkProgram = function (this: WebGL2RenderingContext, program: WebGLProgram) {
    if (depth && drawingCopy) counts.inCopies++;
    else if (!depth && byWarmUp(new Error().stack)) counts.warmUp++;
    return linkProgram.call(this, program);
  };
  return Object.assign(counts, {
    restore: () => {
      proto.linkProgram = linkProgram;
      window.requestAnimationFrame = raf;
      painter.renderLayer = renderLayer;
    },
  });
}

/** True for a stack through the story warm-up's compile (deferred-programs.ts). */
const byWarmUp = (stack = '') => stack.split('\n').some((line) => /\bcompile\b/.test(line) && line.includes('deferred-programs'));

/**
 * Calls `added(map)` when a map adds the story warm-up's source (every map, from now on: the
 * warm-up starts with the first view, before a test can reach the element's map).
 */
async function onWarmUp(added: (map: Map) => void): Promise<() => void> {
  const [maplibre] = await loadMapLibre();
  const proto = maplibre.Map.prototype;
  const { addSource } = proto;
  proto.addSource = function (this: Map, id, spec) {
    const result = addSource.call(this, id, spec);
    if (id === 'map-story-warm-up') added(this);
    return result;
  };
  return () => (proto.addSource = addSource);
}

/**
 * Records, in order, each program link of the story warm-up and each time the GPU reported a
 * fence signalled (all work given before it done) on every WebGL context from now on.
 */
function recordLinksAndFences(): { events: ('link' | 'gpu done')[]; restore: () => void } {
  const events: ('link' | 'gpu done')[] = [];
  const proto = WebGL2RenderingContext.prototype;
  const { linkProgram, getSyncParameter } = proto;
  proto.linkProgram = function (this: WebGL2RenderingContext, program: WebGLProgram) {
    if (byWarmUp(new Error().stack)) events.push('link');
    return linkProgram.call(this, program);
  };
  proto.getSyncParameter = function (this: WebGL2RenderingContext, sync: WebGLSync, name: GLenum) {
    const value = getSyncParameter.call(this, sync, name);
    if (name === this.SYNC_STATUS && value === this.SIGNALED) events.push('gpu done');
    return value;
  };
  return { events, restore: () => Object.assign(proto, { linkProgram, getSyncParameter }) };
}

/** Goes to each chapter of `indices` in turn (no smooth scroll), waiting for the map to settle at each. */
async function visit(el: MapStory, map: Map, indices: number[]): Promise<void> {
  for (const i of indices) {
    el.goTo(i, { smooth: false });
    await until(() => el.chapterIndex === i);
    await settled(map);
  }
}

/** Mounts a story (with room to scroll past it when `tall`) and waits for its map. */
async function mountStory(story: unknown, tall = false): Promise<MapStory> {
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    e.story = story as MapStory['story'];
  }, tall ? { after: '<div style="height:120vh"></div>' } : {});
  await ready;
  return el;
}

const warmed = (el: MapStory) => mapSettled(el);

describe('shader warm-up', () => {
  afterEach(unmountAll);

  it('compiles every program the chapters need before the reader reaches them', async () => {
    const links = countLinks();
    try {
      const story = await loadJson('motion-story.json');
      // A dashed line, drawn by scroll (gradient + dash + head marker), and circles only later.
      story.layers[0].paint['line-dasharray'] = [2, 1];
      story.sources.dots = { type: 'geojson', data: { type: 'Feature', properties: { n: 3 }, geometry: { type: 'Point', coordinates: [40, 30] } } };
      story.layers.push({ id: 'dots', type: 'circle', source: 'dots', paint: { 'circle-radius': ['get', 'n'], 'circle-color': '#0a0' } });
      story.chapters[2].layers = { show: ['dots'] };
      // The warm-up compiles between frames: inside one, a compile waits for the frame's work
      // (100-500 ms of blocked main thread in software rendering; 2-30 ms between frames).
      // Counted from when it adds its copies' source, with the map drawing every frame until
      // its programs are compiled, as a reader's map often is (data arriving, fades): a frame
      // between the copies' first and their compile must not compile them itself.
      let framed: ReturnType<typeof linksInFrames> | undefined;
      let compiled = false;
      const stopWatching = await onWarmUp((map) => {
        if (framed) return;
        framed = linksInFrames(map);
        const repaint = () => {
          if (compiled) return;
          map.triggerRepaint();
          requestAnimationFrame(repaint);
        };
        requestAnimationFrame(repaint);
      });
      let el: MapStory;
      try {
        el = await mountStory(story, true);
        await warmed(el);
      } finally {
        compiled = true;
        framed?.restore();
        stopWatching();
      }
      const map = el.map as Map;
      if (!framed) throw new Error('the story warm-up added no copies');
      expect(framed.warmUp, 'programs the warm-up compiled between frames').to.be.at.least(2);
      expect(framed.inCopies, 'warm-up programs compiled inside a frame').to.equal(0);
      // The copies stay, drawing nothing, until the map next moves: taken away at once, they
      // cost a full repaint of their own after first idle.
      const painter = (map as unknown as { painter: { renderLayer: unknown; programCache: { getProgram: unknown } } }).painter;
      const takenOver = () => Object.hasOwn(painter, 'renderLayer') || Object.hasOwn(painter.programCache, 'getProgram');
      expect(map.getSource('map-story-warm-up'), 'the copies, until the map moves').to.not.equal(undefined);
      expect(takenOver(), 'the copies draw nothing meanwhile').to.equal(true);
      await settled(map);
      expect(map.getLayoutProperty('map-story-progress-head', 'visibility'), 'no head yet: its layer is hidden and loads no tiles').to.equal('none');
      // ...but the places the head can take are in the worker already (one per thousandth of the line).
      const places = async () => ((await (map.getSource('map-story-progress-head') as GeoJSONSource).getData()) as FeatureCollection).features.length;
      const start = performance.now();
      while ((await places()) !== 1001 && performance.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
      expect(await places(), 'head places sent before the line starts').to.equal(1001);
      const before = links.count();
      expect(before, 'programs were compiled at all').to.be.greaterThan(3);
      // Half-way through the scrubbed chapter: the line is partly drawn, with its head marker.
      const b = el.shadowRoot!.querySelector<HTMLElement>('#chapter-b')!.getBoundingClientRect();
      window.scrollBy({ top: b.top + b.height / 2 - innerHeight / 2, behavior: 'instant' });
      await until(() => el.chapterIndex === 1);
      await until(() => !map.getSource('map-story-warm-up'), 5000, 'the copies taken away once a chapter is shown');
      expect(takenOver(), "MapLibre's own painter methods back").to.equal(false);
      await settled(map);
      const head = 'map-story-progress-head';
      await until(() => map.querySourceFeatures(head).some((f) => map.getFeatureState({ source: head, id: f.id! })['on']), 5000, 'the head marker');
      expect(map.getLayoutProperty('map-story-progress-head', 'visibility')).to.equal('visible');
      await settled(map);
      await visit(el, map, [2, 3, 0]);
      expect(links.count() - before, 'programs compiled while reading').to.equal(0);
    } finally {
      links.restore();
    }
  });

  it('compiles every program the Tartus story needs before the reader reaches any chapter', async () => {
    const links = countLinks();
    try {
      // The warm-up tiles its copies once: a step per layer (new data each, a worker round
      // trip each) took seconds, and ran on into the reader's first scroll.
      let sources = 0;
      let replaced = 0;
      let copies = 0;
      let gpu: ReturnType<typeof recordLinksAndFences> | undefined;
      const stopWatching = await onWarmUp((map) => {
        sources++;
        gpu ??= recordLinksAndFences();
        const source = map.getSource('map-story-warm-up') as GeoJSONSource;
        const setData = source.setData.bind(source);
        source.setData = (data) => (replaced++, setData(data));
        const addLayer = map.addLayer.bind(map);
        map.addLayer = (layer, before) => {
          if ((layer as { source?: unknown }).source === 'map-story-warm-up') copies++;
          return addLayer(layer, before);
        };
      });
      let ready!: Promise<unknown>;
      const el = mount((e) => {
        ready = nextEvent(e, 'map-story-ready', 30_000);
        e.src = '/stories/tartus-withdrawal.json';
      });
      try {
        await ready;
        await warmed(el);
      } finally {
        gpu?.restore();
        stopWatching();
      }
      const map = el.map as Map;
      if (!gpu) throw new Error('the story warm-up added no copies');
      // Each program is compiled only once the GPU is done with the work before it: asking how a
      // link went waits for all of that work (in software rendering, the previous copy's draw and
      // a frame: 0.3-0.9 s of blocked main thread, where bare MapLibre has none).
      const linked = gpu.events.map((e, i) => (e === 'link' ? i : -1)).filter((i) => i >= 0);
      expect(linked.length, 'programs compiled by the story warm-up').to.be.greaterThan(0);
      for (const [n, i] of linked.entries()) {
        const since = gpu.events.slice(n ? linked[n - 1]! + 1 : 0, i);
        expect(since, `the GPU was done before link ${n + 1} of ${linked.length} (${gpu.events.join(', ')})`).to.include('gpu done');
      }
      expect(copies, 'copies drawn by the story warm-up').to.be.greaterThan(0);
      expect(sources, 'warm-up sources').to.equal(1);
      expect(replaced, 'warm-up data replaced').to.equal(0);
      await settled(map);
      const before = links.count();
      const count = el.shadowRoot!.querySelectorAll('.chapter').length;
      await visit(el, map, Array.from({ length: count }, (_, i) => i));
      expect(links.count() - before, 'programs compiled while reading').to.equal(0);
    } finally {
      links.restore();
    }
  });

  it('changes no pixel while it draws the copies', async () => {
    const story = await loadJson('motion-story.json');
    // A wide magenta line across the first view, hidden in the first chapter.
    story.sources.line.data.geometry.coordinates = [[-10, 45], [10, 45]];
    story.layers[0].paint = { 'line-color': '#ff00ff', 'line-width': 30 };
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    let framesWithCopy = 0;
    let magenta = 0;
    const check = (map: Map) => {
      if (!map.getLayer('map-story-warm-up-0')) return;
      framesWithCopy++;
      const source = map.getCanvas();
      canvas.width = source.width;
      canvas.height = source.height;
      ctx.drawImage(source, 0, 0);
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 200 && d[i + 1]! < 80 && d[i + 2]! > 200) magenta++;
    };
    // From the copies' first frame (they come with the first view's).
    let watched: Map | undefined;
    const onRender = () => check(watched!);
    const stopWatching = await onWarmUp((map) => {
      watched = map;
      map.on('render', onRender);
    });
    let el: MapStory;
    try {
      el = await mountStory(story, true);
      await warmed(el);
    } finally {
      stopWatching();
    }
    const map = el.map as Map;
    // And in a frame after their programs are compiled (they stay until the map moves).
    await new Promise<void>((resolve) => {
      map.once('render', () => resolve());
      map.triggerRepaint();
    });
    map.off('render', onRender);
    expect(framesWithCopy, 'frames drawn with the warm-up copy').to.be.greaterThan(1);
    expect(magenta, 'magenta pixels').to.equal(0);
    el.goTo(1, { smooth: false });
    await until(() => !map.getSource('map-story-warm-up'), 5000, 'the warm-up source removed once a chapter is shown');
  });
});

describe('the story\'s data', () => {
  afterEach(unmountAll);

  // The story warm-up samples each source's features for its copies, with the first view; sent
  // after it, the data's arrival cost a full repaint of its own after first idle.
  it('is sent to the worker with the first view, hidden or not', async () => {
    const story = await loadJson('motion-story.json');
    story.sources.dots = { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [40, 30] } } };
    story.layers.push({ id: 'dots', type: 'circle', source: 'dots', paint: { 'circle-color': '#0a0' } });
    story.chapters[3].layers = { show: ['dots'] };
    const count = async (map: Map, id: string) => {
      const data = (await (map.getSource(id) as import('maplibre-gl').GeoJSONSource).getData()) as GeoJSON.FeatureCollection;
      return data.type === 'FeatureCollection' ? data.features.length : 1;
    };
    const el = await mountStory(story, true);
    const map = el.map as Map;
    // Asked as soon as the map is made, before its first view is drawn (the worker answers in order).
    const [line, dots] = await Promise.all([count(map, 'line'), count(map, 'dots')]);
    expect(line, 'the hidden line').to.equal(1);
    expect(dots, 'the hidden dots').to.equal(1);
  });
});

describe('the first view', () => {
  afterEach(unmountAll);

  // The basemap's tiles arrive within a frame or two of the style (no land to tile from GeoJSON
  // in the worker any more), often with the warm-up's own first frame: the programs are then
  // linked in the frame that first draws the land, and never later in the first view.
  it('compiles the programs of the basemap and markers by the frame that first draws the land, none later', async () => {
    const links = countLinks();
    try {
      const story = await loadJson('motion-story.json');
      story.chapters[0].markers = [{ coordinates: [2, 45], label: 'A marker' }];
      const el = await mountStory(story);
      const map = el.map as Map;
      let before = links.count();
      let landFrameLinks = -1;
      const onRender = () => {
        if (landFrameLinks < 0 && map.queryRenderedFeatures({ layers: ['land'] }).length) landFrameLinks = links.count() - before;
        before = links.count();
      };
      map.on('render', onRender);
      await mapSettled(el, 'first-view');
      map.off('render', onRender);
      const afterLand = links.count() - before;
      expect(landFrameLinks, 'the land drawn').to.be.at.least(0);
      expect(afterLand, 'programs linked after it, in the first view').to.equal(0);
      expect(map.getSource('map-story-first-view-warm-up'), 'the warm-up source is removed').to.equal(undefined);
    } finally {
      links.restore();
    }
  });

  it('shows the first chapters of a long story at once and the rest one frame later', async () => {
    const story = await loadJson('motion-story.json');
    const base = story.chapters[1];
    story.chapters = Array.from({ length: 45 }, (_, i) => ({ ...base, id: `c${i}`, title: `Chapter ${i + 1}`, transition: { type: 'jump' } }));
    story.credits = [{ text: 'Credit line' }];
    let ready!: Promise<unknown>;
    // Chapter cards and credits in the DOM after each render (recorded as Lit commits it).
    const renders: [number, boolean][] = [];
    const el = mount((e) => {
      ready = nextEvent(e, 'map-story-ready', 30_000);
      e.story = story as MapStory['story'];
    });
    const root = el.shadowRoot!;
    const observer = new MutationObserver(() => {
      const cards = root.querySelectorAll('.chapter').length;
      if (cards && cards !== renders.at(-1)?.[0]) renders.push([cards, !!root.querySelector('.credits')]);
    });
    observer.observe(root, { childList: true, subtree: true });
    await ready;
    observer.disconnect();
    expect(renders, '[chapters, credits shown] after each render').to.deep.equal([[10, false], [45, true]]);
    el.goTo(44, { smooth: false });
    await until(() => el.chapterIndex === 44, 5_000, 'the last chapter');
  });
});
