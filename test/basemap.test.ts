// The embedded basemap, external styles and PMTiles, rendered by real MapLibre in Chromium.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { CITY_RANKS, cityLayers, palettes } from '../src/basemap/embedded-style.js';
import { colorAt, hex, mount, nextEvent, readPixels, settled, shareOf, unmountAll, until, type Map, asStory } from './helpers.js';
import { writePMTiles } from './pmtiles-writer.js';

const detail = new URL('../stories/tartus-withdrawal/coast-detail.geojson', import.meta.url).href;

function storyAt(center: [number, number], zoom: number, map: Record<string, unknown> = {}, theme = 'light') {
  return {
    version: 1,
    title: 'Basemap test',
    map: { style: 'embedded', detail: [detail], ...map },
    layout: { theme },
    chapters: [{ id: 'only', title: 'Only', camera: { center, zoom }, transition: { type: 'jump' } }],
  };
}

async function show(story: object): Promise<{ el: MapStory; map: Map }> {
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    e.story = asStory(story);
  });
  await ready;
  const map = el.map!;
  await settled(map);
  return { el, map };
}

/** Waits until the colour at a point stops changing (the data arrives asynchronously). */
async function stableColorAt(map: Map, point: [number, number]): Promise<[number, number, number]> {
  let previous = await colorAt(map, point);
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 150));
    await settled(map);
    const next = await colorAt(map, point);
    if (next.join() === previous.join() && i > 3) return next;
    previous = next;
  }
  return previous;
}

function near(actual: number[], color: string, tolerance = 8): boolean {
  return hex(color).every((v, i) => Math.abs(v - actual[i]!) <= tolerance);
}

describe('embedded basemap', () => {
  afterEach(unmountAll);

  it('renders Tartus port at zoom 14 offline: the breakwater is land, the harbour basin is sea', async () => {
    await executeServerCommand('network-log-start');
    const { map } = await show(storyAt([35.868, 34.912], 14));
    // Breakwater: inside the northern breakwater's spit in the OSM-derived coastline.
    const breakwater: [number, number] = [35.87232, 34.9154];
    // Naval basin: between the northernmost pier and the northern breakwater.
    const basin: [number, number] = [35.86489, 34.91161];
    const land = await stableColorAt(map, breakwater);
    const sea = await stableColorAt(map, basin);
    expect(near(land, palettes.light.land), `breakwater colour ${land}`).to.equal(true);
    expect(near(sea, palettes.light.sea), `basin colour ${sea}`).to.equal(true);
    const foreign = await executeServerCommand<string[], undefined>('network-log');
    expect(foreign, 'requests beyond localhost').to.deep.equal([]);
  });

  it('draws Khmeimim\'s runway at zoom 14', async () => {
    const { map } = await show(storyAt([35.9485, 35.4013], 14));
    const color = await stableColorAt(map, [35.94845, 35.4013]);
    expect(near(color, palettes.light.runway), `runway colour ${color}`).to.equal(true);
  });

  it('fills whole continents at small scale (polygons are cut at the antimeridian)', async () => {
    const { map } = await show(storyAt([13, 46], 3.3));
    // Inland points that a wrongly wound or uncut Eurasia polygon leaves sea-coloured.
    for (const point of [[-3.7, 40.4], [-1, 47], [26, 62], [10, 51], [2.35, 48.86]] as [number, number][]) {
      const color = await stableColorAt(map, point);
      expect(near(color, palettes.light.land), `land at ${point}: ${color} ${JSON.stringify(map.project(point))} ${map.getCanvas().width}x${map.getCanvas().height}`).to.equal(true);
    }
    const sea = await stableColorAt(map, [18, 34.4]);
    expect(near(sea, palettes.light.sea), `sea colour ${sea}`).to.equal(true);
  });

  it('follows the story theme (dark)', async () => {
    const { map } = await show(storyAt([35.5, 35], 6, {}, 'dark'));
    let image = await readPixels(map);
    for (let i = 0; i < 30 && shareOf(image, palettes.dark.land) < 0.05; i++) {
      await new Promise((r) => setTimeout(r, 150));
      image = await readPixels(map);
    }
    expect(shareOf(image, palettes.dark.sea), 'dark sea').to.be.greaterThan(0.05);
    expect(shareOf(image, palettes.dark.land), 'dark land').to.be.greaterThan(0.05);
  });

  it('names a place once: a marker labelled like a city hides the city\'s own dot and name while it is shown', async () => {
    const camera = { center: [35.85, 35.1], zoom: 8 };
    const story = {
      ...storyAt([35.85, 35.1], 8),
      chapters: [
        { id: 'marked', title: 'Marked', camera, transition: { type: 'jump' }, markers: [{ coordinates: [35.886, 34.889], label: 'tartus ' }] },
        { id: 'plain', title: 'Plain', camera, transition: { type: 'jump' } },
      ],
    };
    const { el, map } = await show(story);
    const layers = CITY_RANKS.flatMap(cityLayers);
    // A hidden city is drawn at opacity 0 (its feature state says a marker names it).
    const cities = () => new Set(map.queryRenderedFeatures({ layers }).filter((f) => !f.state['named']).map((f) => String(f.properties['name'])));
    const markerLabels = () => map.queryRenderedFeatures({ layers: ['map-story-markers-label'] }).map((f) => String(f.properties['label']));
    await until(() => cities().has('Latakia') && markerLabels().length === 1, 10_000, 'Latakia and the marker label drawn');
    expect([...cities()], 'the cities drawn').not.to.include('Tartus');
    // Hiding and showing a city lays out no basemap tile again (a filter change made the worker
    // redo every tile in view, 82 over the Tartus story).
    await settled(map);
    let tiles = 0;
    const onData = (e: { sourceId?: string; tile?: unknown }) => {
      if (e.sourceId === 'basemap' && e.tile) tiles++;
    };
    map.on('sourcedata', onData);
    el.goTo('plain');
    await until(() => cities().has('Tartus'), 10_000, `the city of Tartus drawn again without its marker (drawn: ${[...cities()].join(', ')})`);
    expect(cities().has('Latakia')).to.equal(true);
    el.goTo('marked');
    await until(() => !cities().has('Tartus'), 10_000, 'Tartus hidden again');
    await settled(map);
    map.off('sourcedata', onData);
    expect(tiles, 'basemap tiles loaded again').to.equal(0);
  });

  it('credits Natural Earth and OpenStreetMap', async () => {
    const { el } = await show(storyAt([35.868, 34.912], 12));
    const text = el.shadowRoot!.querySelector('.maplibregl-ctrl-attrib')!.textContent!;
    expect(text).to.contain('Natural Earth');
    expect(text).to.contain('OpenStreetMap');
  });
});

describe('other basemaps', () => {
  afterEach(unmountAll);

  it('uses a PMTiles archive as the basemap (pmtiles:// URL)', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 256;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#3366cc';
    ctx.fillRect(0, 0, 256, 256);
    const png = new Uint8Array(await (await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'))).arrayBuffer());
    const archive = writePMTiles([{ z: 0, x: 0, y: 0, data: png }], 2, { name: 'test' });
    const url = `${location.origin}/mem/test-${Date.now()}.pmtiles`;
    await fetch(url, { method: 'PUT', body: new Blob([archive as Uint8Array<ArrayBuffer>]) });
    const { map } = await show({ ...storyAt([10, 20], 2), map: { style: `pmtiles://${url}` } });
    let image = await readPixels(map);
    for (let i = 0; i < 30 && shareOf(image, '#3366cc', 4) < 0.5; i++) {
      await new Promise((r) => setTimeout(r, 150));
      image = await readPixels(map);
    }
    expect(shareOf(image, '#3366cc', 4), 'share of the tile colour').to.be.greaterThan(0.5);
  });

  it('falls back to the embedded style when a style URL fails, with a notice and an event', async () => {
    let error!: Promise<CustomEvent>;
    let ready!: Promise<unknown>;
    const el = mount((e) => {
      error = nextEvent(e, 'map-story-error', 30_000);
      ready = nextEvent(e, 'map-story-ready', 30_000);
      e.story = asStory({ ...storyAt([35.5, 35], 6), map: { style: '/no/such/style.json' } });
    });
    const { detail } = await error;
    expect(detail.code).to.equal('style-failed');
    expect(detail.path).to.equal('map.style');
    await ready;
    const map = el.map!;
    await settled(map);
    expect(map.getStyle().name).to.contain('map-story embedded');
    const notice = el.shadowRoot!.querySelector('[part="map-status"]')!;
    expect(notice.textContent).to.contain('embedded basemap');
  });

  it('falls back when MapLibre rejects an inline style', async () => {
    let error!: Promise<CustomEvent>;
    let ready!: Promise<unknown>;
    const el = mount((e) => {
      error = nextEvent(e, 'map-story-error', 30_000);
      ready = nextEvent(e, 'map-story-ready', 30_000);
      e.story = asStory({ ...storyAt([35.5, 35], 6), map: { style: { version: 8, sources: {}, layers: [{ id: 'x', type: 'fill', source: 'missing' }] } } });
    });
    expect((await error).detail.code).to.equal('style-failed');
    await ready;
    expect(el.map!.getStyle().name).to.contain('map-story embedded');
  });
});
