// Issue 22.4: the embedded basemap's data has the same time limit as every other fetch: data
// that never arrives shows a notice on the map. A file (page) of its own: the page keeps each
// basemap tile module, or its pending load, once started.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { blockOf, tileAt } from '../src/basemap/tiles.js';
import { blocks } from '../src/basemap/tiles/basemap-index.js';
import { loadJson, mount, nextEvent, unmountAll, until } from './helpers.js';
import type { MapStory } from '../src/map-story.js';

/**
 * The tile module of the first view's centre (served as .ts by the dev server). One module: the
 * dev server speaks HTTP/1.1, and requests that never end would take all six of the page's
 * connections to it, and with them the element's own modules.
 */
const centre = blockOf(blocks, ...tileAt([35, 34.5], 5))!; // test-story.json's first camera
const DATA = ['js', 'ts'].map((ext) => `/src/basemap/tiles/basemap-${centre.replaceAll('/', '-')}.${ext}`);

describe('map notices, late data', () => {
  afterEach(async () => {
    unmountAll();
    await executeServerCommand('hang-paths', []);
  });

  it('the embedded basemap\'s data never arriving shows a notice on the map after the timeout', async () => {
    await executeServerCommand('hang-paths', DATA);
    const story = await loadJson('test-story.json');
    const errors: CustomEvent[] = [];
    let ready!: Promise<unknown>;
    const el = mount((e: MapStory) => {
      ready = nextEvent(e, 'map-story-ready', 30_000);
      e.addEventListener('map-story-error', (event) => errors.push(event as CustomEvent));
      e.timeout = 1000;
      e.story = story;
    });
    await ready;
    const status = () => el.shadowRoot!.querySelector('[part="map-status"]')?.textContent ?? '';
    await until(() => /map data/i.test(status()), 20_000, 'a notice on the map');
    expect(status()).to.match(/did not answer within 1 s/);
    expect(errors.map((e) => e.detail.code)).to.include('data-failed');
  });
});
