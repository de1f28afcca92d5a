// The embedded basemap's land is parsed and converted in MapLibre's worker (world-worker.ts),
// from the TopoJSON bytes the page fetched once; where that script cannot load, the page does it.
// Files (pages) of their own: they check which modules the page itself loaded, and the page
// keeps each data file and module once loaded. The page's fallback: world-fallback.test.ts.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { loadJson, locatorHasLand, mountCollectingErrors, pageLoaded, unmountAll, until } from './helpers.js';

describe('embedded basemap land in the worker', () => {
  let start = 0;
  beforeEach(() => (start = performance.now()));
  afterEach(async () => {
    unmountAll();
    await executeServerCommand('block-paths', []);
  });

  it('names the file when the land cannot load, and the text stays', async () => {
    await executeServerCommand('block-paths', ['/src/basemap/data/world-50m.ts']);
    const story = await loadJson('motion-story.json');
    story.title = 'Land fails';
    const { el, errors } = await mountCollectingErrors(story);
    await until(() => errors.length > 0, 20_000, 'an error event');
    expect(errors[0]!.detail.code).to.equal('data-failed');
    expect(errors[0]!.detail.message).to.contain('world-50m').and.to.contain('could not load');
    expect(el.shadowRoot!.querySelector('h1')?.textContent).to.contain('Land fails');
  });

  it('is converted in MapLibre\'s worker: the page fetches the file once and never loads the converter', async () => {
    const story = await loadJson('motion-story.json'); // zoom 4 (1:50m), with a locator
    const { el, map, errors } = await mountCollectingErrors(story);
    await until(() => map.querySourceFeatures('world-50m').length > 0, 20_000, '1:50m land drawn');
    await locatorHasLand(el); // from the 1:110m source's data, not converted again
    expect(pageLoaded('world-50m.ts', start), '1:50m file fetched by the page').to.equal(1);
    // (1:110m: the test before may have fetched it already, after its failed first view)
    expect(pageLoaded('world-110m.ts'), '1:110m file fetched by the page, since it opened').to.equal(1);
    // Since the page opened (modules load once): not in this test, nor in the one before.
    expect(pageLoaded('topojson-client'), 'topojson-client loaded on the page').to.equal(0);
    expect(pageLoaded('world-geojson'), 'the converter loaded on the page').to.equal(0);
    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);
  });
});
