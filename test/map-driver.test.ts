// MapDriver, directly, in real MapLibre: the story's projection and the scale bar of close views.
import { expect } from 'chai';
import { MapDriver } from '../src/map/map-driver.js';
import { SCALE_MIN_ZOOM, SCALE_REST_MS } from '../src/map/scale-bar.js';
import { loadStory, type LoadedStory } from '../src/story/load.js';
import { readPixels, until } from './helpers.js';

const padding = { top: 0, right: 0, bottom: 0, left: 0 };
const drivers: MapDriver[] = [];

async function load(map: Record<string, unknown>, zooms = [1.5, 10]): Promise<LoadedStory> {
  const story = { version: 1, title: 'Driver', map, chapters: zooms.map((zoom, i) => ({ id: `c${i}`, camera: { center: [35.9, 34.9], zoom } })) };
  const result = await loadStory({ kind: 'property', value: story }, { timeout: 5_000 });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.loaded;
}

async function create(loaded: LoadedStory): Promise<MapDriver> {
  const container = document.createElement('div');
  container.style.cssText = 'width: 600px; height: 400px; position: relative';
  document.body.append(container);
  const driver = await MapDriver.create(
    { container, story: loaded.story, strings: loaded.strings, theme: 'light', timeout: 5_000, onError: () => {}, onLayerErrors: () => {} },
    loaded.states[0]!,
    { padding, narrow: false },
  );
  drivers.push(driver);
  return driver;
}

describe('MapDriver', () => {
  afterEach(() => {
    for (const d of drivers.splice(0)) {
      const container = d.map.getContainer();
      d.destroy();
      container.remove();
    }
  });

  it('draws the globe when the story asks for it, Web Mercator by default', async () => {
    const globe = await create(await load({ projection: 'globe' }));
    expect(globe.map.getProjection()?.type).to.equal('globe');
    await globe.firstView;
    // Far out, the globe leaves the corners of the map empty (transparent); Mercator fills them.
    const cornerAlpha = async (driver: MapDriver) => (await readPixels(driver.map)).data[3];
    expect(await cornerAlpha(globe), 'a corner outside the globe').to.equal(0);
    const flat = await create(await load({}));
    expect(flat.map.getProjection()?.type ?? 'mercator').to.equal('mercator');
    await flat.firstView;
    expect(await cornerAlpha(flat), 'a corner of the Mercator map').to.equal(255);
    const mercator = await create(await load({ projection: 'mercator', style: { version: 8, projection: { type: 'globe' }, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#fff' } }] } }));
    expect(mercator.map.getProjection()?.type, "the story's projection wins over the style's").to.equal('mercator');
  });

  it('shows a scale bar in close views only, when the story asks for it', async () => {
    const loaded = await load({ scale: true });
    const driver = await create(loaded);
    const bar = () => driver.map.getContainer().querySelector<HTMLElement>('.maplibregl-ctrl-scale');
    // (Its code loads only for a story that shows one: it comes a moment after the map.)
    await until(() => bar() !== null, 5_000, 'the control is added');
    expect(getComputedStyle(bar()!).display, `hidden below zoom ${SCALE_MIN_ZOOM}`).to.equal('none');
    driver.apply(loaded.states[1]!, { padding, narrow: false }, { instant: true, moveCamera: true });
    await until(() => getComputedStyle(bar()!).display !== 'none', 5_000, 'the bar in a close view');
    expect(bar()!.textContent).to.match(/\d+\s?(m|km)$/);
    // Shown, it fades while the camera moves and measures the view once it rests: a flight
    // changes neither its width nor its text, which would be a layout, paint and raster per frame.
    const width = () => bar()!.style.width;
    const close = width();
    const zoom = driver.map.getZoom();
    const during = new Set<string>();
    const measure = () => during.add(`${width()} ${bar()!.textContent}`);
    driver.map.on('move', measure);
    driver.map.easeTo({ zoom: zoom + 1.5, duration: 600 });
    await new Promise((resolve) => driver.map.once('moveend', resolve));
    driver.map.off('move', measure);
    expect([...during], 'one width and text through the flight').to.have.length(1);
    expect(bar()!.style.opacity, 'faded while the camera moves').to.equal('0');
    expect(bar()!.getAttribute('aria-hidden')).to.equal('true');
    await until(() => width() !== close && bar()!.style.opacity === '', 5_000, 'measured again at rest');
    expect(bar()!.getAttribute('aria-hidden')).to.equal('false');
    driver.map.jumpTo({ zoom: 3 });
    await until(() => getComputedStyle(bar()!).display === 'none', 5_000, 'hidden again far out');
    const far = width();
    driver.map.jumpTo({ zoom: 4.3 });
    await new Promise((resolve) => setTimeout(resolve, SCALE_REST_MS * 2));
    expect(width(), 'a hidden bar is not updated').to.equal(far);
    const plain = await create(await load({}));
    expect(plain.map.getContainer().querySelector('.maplibregl-ctrl-scale')?.outerHTML ?? null, 'no bar unless asked').to.equal(null);
  });
});
