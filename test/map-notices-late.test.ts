// Issue 22.4: the embedded basemap's data has the same time limit as every other fetch: data
// that never arrives shows a notice on the map. A file (page) of its own: the page keeps each
// basemap data module, or its pending load, once started.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { loadJson, mount, nextEvent, unmountAll, until } from './helpers.js';
import type { MapStory } from '../src/map-story.js';

/** The basemap's data files, as data files or as modules (served as .ts by the dev server). */
const DATA = ['labels', 'world-110m', 'world-50m'].flatMap((name) => ['json', 'js', 'ts'].map((ext) => `/src/basemap/data/${name}.${ext}`));

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
