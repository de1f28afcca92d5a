// Where MapLibre's workers cannot load world-worker.ts, the page converts the embedded basemap's
// land itself (see world-worker.test.ts). A file (a page) of its own: MapLibre's workers must
// never have loaded the script.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { loadJson, locatorHasLand, mountCollectingErrors, pageLoaded, unmountAll, until } from './helpers.js';

describe('embedded basemap land without the worker script', () => {
  afterEach(async () => {
    unmountAll();
    await executeServerCommand('block-paths', []);
  });

  it('is converted on the page when the worker script cannot load', async () => {
    await executeServerCommand('block-paths', ['/src/basemap/world-worker.ts']);
    const story = await loadJson('motion-story.json');
    const { el, map, errors } = await mountCollectingErrors(story);
    await until(() => map.querySourceFeatures('world-50m').length > 0, 20_000, '1:50m land drawn');
    await locatorHasLand(el);
    expect(pageLoaded('world-geojson'), 'the converter loaded on the page').to.equal(1);
    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);
  });
});
