// The embedded basemap is vector tiles in modules (src/basemap/tiles.ts): a view loads only the
// modules of its tiles. A file (a page) of its own: the page keeps each module once loaded, so
// what a test sees loaded depends on the tests before it in the same page.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { locatorHasLand, mountCollectingErrors, settled, unmountAll, until, asStory } from './helpers.js';

/** The tile modules (basemap-z-shift-x-y) the page fetched since `since`, by file name. */
const tileModules = (since = 0) =>
  performance.getEntriesByType('resource').filter((e) => e.startTime >= since && /\/basemap-\d+-\d+-\d+-\d+\./.test(e.name)) as PerformanceResourceTiming[];
const fileName = (e: PerformanceResourceTiming) => e.name.split('/').pop()!.split('?')[0]!;

function story(chapters: { id: string; center: [number, number]; zoom: number }[], title = 'Tiles') {
  return asStory({
    version: 1, title, map: { style: 'embedded', inset: true },
    chapters: chapters.map(({ id, center, zoom }) => ({ id, title: id, camera: { center, zoom }, transition: { type: 'fly', duration: 2500 } })),
  });
}

describe('embedded basemap tiles', () => {
  afterEach(async () => {
    unmountAll();
    await executeServerCommand('block-paths', []);
  });

  it('the first view loads only the tile modules it draws, at its zoom, and the locator its own land', async () => {
    const { el, map, errors } = await mountCollectingErrors(story([{ id: 'france', center: [0, 45], zoom: 4 }]));
    await until(() => map.querySourceFeatures('basemap', { sourceLayer: 'land' }).length > 0, 20_000, 'land drawn');
    await settled(map);
    const names = tileModules().map(fileName);
    expect(names.length, `tile modules: ${names.join(', ')}`).to.be.within(1, 8); // a 1280x800 view shows ~6 tiles
    for (const name of names) expect(name, 'a module of zoom 4 tiles').to.match(/^basemap-4-/);
    await locatorHasLand(el);
    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);
  });

  it('a tile module that cannot load is reported, naming its tiles, and the text stays', async () => {
    const { blocks } = await import('../src/basemap/tiles/basemap-index.js');
    await executeServerCommand('block-paths', Object.keys(blocks).map((b) => `/src/basemap/tiles/basemap-${b.replaceAll('/', '-')}.ts`));
    const { el, errors } = await mountCollectingErrors(story([{ id: 'andes', center: [-65, -20], zoom: 5 }], 'Tiles fail'));
    await until(() => errors.length > 0, 20_000, 'an error event');
    expect(errors[0]!.detail.code).to.equal('data-failed');
    expect(errors[0]!.detail.message).to.match(/embedded basemap: tile 5\/\d+\/\d+ could not load/);
    expect(el.shadowRoot!.querySelector('h1')?.textContent).to.contain('Tiles fail');
  });
});
