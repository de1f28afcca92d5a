// Issue 22.6: when the embedded basemap's data cannot load, readers and authors see a short
// notice on the map, not only an event. A file (page) of its own: the page keeps each basemap
// data file, or its failure, once loaded.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { blocks } from '../src/basemap/tiles/basemap-index.js';
import { loadJson, mountCollectingErrors, unmountAll, until } from './helpers.js';

/** The basemap's tile modules (served as .ts by the dev server). */
const DATA = Object.keys(blocks).flatMap((block) => ['js', 'ts'].map((ext) => `/src/basemap/tiles/basemap-${block.replaceAll('/', '-')}.${ext}`));

describe('map notices', () => {
  afterEach(async () => {
    unmountAll();
    await executeServerCommand('block-paths', []);
  });

  it('the embedded basemap\'s data failing to load shows a notice on the map', async () => {
    await executeServerCommand('block-paths', DATA);
    const story = await loadJson('test-story.json');
    const { el, errors } = await mountCollectingErrors(story);
    const status = () => el.shadowRoot!.querySelector('[part="map-status"]')?.textContent ?? '';
    await until(() => /map data/i.test(status()), 20_000, 'a notice on the map').catch((e) => { throw new Error(`${e.message}: status "${status()}", errors ${JSON.stringify(errors.map((x) => x.detail.message))}`); });
    expect(errors.map((e) => e.detail.code)).to.include('data-failed');
    expect(el.shadowRoot!.querySelector('h1')?.textContent).to.equal('Test story');
  });
});
