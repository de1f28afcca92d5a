// Flying from Tartus to the Baltic fetches the embedded basemap's tiles along the way, as
// MapLibre asks for them (see src/basemap/tiles.ts). A file (a page) of its own: the page keeps
// each tile module once loaded, so the flight is measured from a fresh page.
import { expect } from 'chai';
import { mount, nextEvent, settled, unmountAll, until, asStory, type Map } from './helpers.js';

/** The tile modules (basemap-z-shift-x-y) the page fetched since `since`. */
const tileModules = (since: number) =>
  performance.getEntriesByType('resource').filter((e) => e.startTime >= since && /\/basemap-\d+-\d+-\d+-\d+\./.test(e.name));

/** The gzip size of a file the page loaded (read again from the cache). */
async function gzipSize(url: string): Promise<number> {
  const gzip = (await fetch(url)).body!.pipeThrough(new CompressionStream('gzip'));
  return (await new Response(gzip).arrayBuffer()).byteLength;
}

describe('embedded basemap tiles in a flight', () => {
  afterEach(unmountAll);

  it('flying from Tartus to the Baltic fetches the tiles along the way as MapLibre needs them', async () => {
    let ready!: Promise<unknown>;
    const el = mount((e) => {
      ready = nextEvent(e, 'map-story-ready', 30_000);
      // The Tartus story's first and Baltic cameras (desktop).
      e.story = asStory({
        version: 1, title: 'Flight', map: { style: 'embedded' },
        chapters: [
          { id: 'tartus', title: 'Tartus', camera: { center: [35.55, 35.05], zoom: 7.3 }, transition: { type: 'jump' } },
          { id: 'baltic', title: 'Baltic', camera: { center: [15.3, 55.9], zoom: 5.6 }, transition: { type: 'fly' } },
        ],
      });
    });
    await ready;
    const map = el.map as Map;
    await settled(map);
    const tiles = new Set<string>();
    map.on('sourcedataloading', (e: { sourceId?: string; tile?: { tileID: { canonical: { z: number; x: number; y: number } } } }) => {
      if (e.sourceId === 'basemap' && e.tile) tiles.add(Object.values(e.tile.tileID.canonical).join('/'));
    });
    const start = performance.now();
    el.goTo('baltic');
    await until(() => el.chapterIndex === 1, 5000, 'the Baltic chapter');
    await until(() => !map.isMoving(), 20_000, 'the flight to end');
    await settled(map);
    const modules = tileModules(start);
    const bytes = (await Promise.all(modules.map((e) => gzipSize(e.name)))).reduce((a, b) => a + b, 0);
    const { blocks } = await import('../src/basemap/tiles/basemap-index.js');
    console.log(`Tartus → Baltic: ${tiles.size} tiles requested, ${modules.length} of ${Object.keys(blocks).length} tile modules fetched, ${(bytes / 1024).toFixed(1)} KB gzip`);
    expect(modules.length, 'modules fetched during the flight').to.be.within(1, 40);
    expect(map.queryRenderedFeatures(map.project([14.5, 57.3]) as never, { layers: ['land'] }).length, 'Sweden drawn').to.be.greaterThan(0);
  });
});
