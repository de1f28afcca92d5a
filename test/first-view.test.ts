// The first view and what comes with it: basemap tiles out of view wait, and the shader
// warm-up compiles, invisibly, the WebGL programs later chapters need before the reader
// scrolls to them (a compile blocks the main thread: >100 ms in software rendering), in the
// first view's frames rather than in frames of its own after it.
import { expect } from 'chai';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { MapStory } from '../src/map-story.js';
import { programSignature } from '../src/map/program-signature.js';
import { loadMapLibre } from '../src/map/load-maplibre.js';
import { drawsOnlyWith } from '../src/map/warm-up-story.js';
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

  it('asks for a real feature only where its values decide whether a copy draws at all', () => {
    const layer = (type: string, layout: Record<string, unknown>, paint: Record<string, unknown> = {}) => drawsOnlyWith({ id: 'x', type, source: 's', layout, paint } as LayerSpecification);
    expect(layer('symbol', { 'text-field': ['get', 'name'] }), 'a text read from the feature').to.equal(true);
    expect(layer('symbol', { 'icon-image': ['coalesce', ['get', 'icon'], 'dot'] }), 'an icon read from it').to.equal(true);
    expect(layer('symbol', { 'text-field': '{name} ({kind})' }), 'a legacy token').to.equal(true);
    expect(layer('symbol', { 'text-field': 'Tartus' }), 'a constant text').to.equal(false);
    expect(layer('fill', {}, { 'fill-pattern': ['get', 'p'] }), 'a pattern read from it').to.equal(true);
    expect(layer('circle', {}, { 'circle-color': ['get', 'c'], 'circle-radius': ['get', 'r'] }), 'paint read from it: drawn whatever the value').to.equal(false);
    expect(layer('line', { 'line-cap': 'round' }, { 'line-width': ['get', 'w'] })).to.equal(false);
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
      const el = await mountStory(story, true);
      // The copies draw in the first view's frames, which compile their programs: none is
      // left for after first idle (compiled between frames, after the land's first frame, they
      // came there or held it back, waiting for the GPU's raster: 200-470 ms each on a slow phone).
      await mapSettled(el, 'first-view');
      const atIdle = links.count();
      await warmed(el);
      const map = el.map as Map;
      await settled(map);
      expect(links.count() - atIdle, 'programs compiled after first idle').to.equal(0);
      // The copies (the first view's and the story's) stay until the map next moves: taken
      // away once drawn, they cost a full repaint of their own (before first idle, or after it).
      expect(map.getSource('map-story-warm-up'), 'the copies, until the map moves').to.not.equal(undefined);
      expect(map.getSource('map-story-first-view-warm-up'), "the first view's copies too").to.not.equal(undefined);
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
      await until(() => !map.getSource('map-story-warm-up') && !map.getSource('map-story-first-view-warm-up'), 5000, 'the copies taken away once a chapter is shown');
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
      // Its copies are added when the map is made, without waiting for the story's data to load
      // (with it, and a lazy chunk, the copies came a frame after the land's on a slow phone).
      const loadedAtCopies: boolean[] = [];
      const stopWatching = await onWarmUp((map) => {
        sources++;
        loadedAtCopies.push(...['route', 'places', 'annotations'].map((id) => map.isSourceLoaded(id)));
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
        stopWatching();
      }
      const map = el.map as Map;
      expect(loadedAtCopies, "the story's sources loaded when the copies were added").to.deep.equal([false, false, false]);
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
      // Its copies stay until the map moves: removed once drawn, they cost a full repaint before first idle.
      expect(map.getSource('map-story-first-view-warm-up'), 'the copies, until the map moves').to.not.equal(undefined);
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
