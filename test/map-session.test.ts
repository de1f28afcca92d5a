// MapSession, directly: a host with a map container; real MapLibre. Creating, dropping a start
// that a newer one replaced, releasing (the WebGL context with it), reuse for an edit, and what
// the map tells the reader when its style fails or a layer is refused.
import { expect } from 'chai';
import { LitElement, css, html } from 'lit';
import { MapSession } from '../src/map/map-session.js';
import { loadStory, type LoadedStory } from '../src/story/load.js';
import type { StoryProblem } from '../src/story/messages.js';
import { trackWebGLContexts, until } from './helpers.js';

const padding = { top: 0, right: 0, bottom: 0, left: 0 };

class SessionHost extends LitElement {
  static override styles = css`.map { position: relative; width: 600px; height: 400px; }`;
  theme: 'light' | 'dark' = 'light';
  readonly started: number[] = [];
  readonly problems: StoryProblem[] = [];
  readonly session = new MapSession(this, {
    theme: () => this.theme,
    timeout: () => 5_000,
    narrow: () => false,
    framing: () => ({ padding, narrow: false }),
    file: () => 'test.json',
    onStarted: (_, first) => this.started.push(first),
    onProblems: (problems) => this.problems.push(...problems),
  });
  override render() {
    return html`<div class="map"></div>`;
  }
}
customElements.define('session-host', SessionHost);

const baseStory = () => ({
  version: 1,
  title: 'Session',
  sources: { dot: { type: 'geojson', data: { type: 'Point', coordinates: [10, 50] } } },
  layers: [{ id: 'dot', type: 'circle', source: 'dot' }],
  chapters: [
    { id: 'a', camera: { center: [10, 50], zoom: 4 }, layers: { show: ['dot'] } },
    { id: 'b', camera: { center: [12, 45], zoom: 5 } },
  ],
});

async function load(story: unknown): Promise<LoadedStory> {
  const result = await loadStory({ kind: 'property', value: story }, { timeout: 5_000 });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.loaded;
}

async function mountSession(): Promise<SessionHost> {
  const host = document.createElement('session-host') as SessionHost;
  document.body.append(host);
  await host.updateComplete;
  return host;
}

describe('MapSession', () => {
  let contexts: ReturnType<typeof trackWebGLContexts>;
  beforeEach(() => (contexts = trackWebGLContexts()));
  afterEach(() => {
    document.querySelectorAll('session-host').forEach((h) => h.remove());
    contexts.restore();
  });

  it('creates a map, then releases it and its WebGL context', async () => {
    const host = await mountSession();
    const loaded = await load(baseStory());
    expect(host.session.active).to.equal(false);
    const start = host.session.start(loaded, 1, true);
    expect(host.session.active, 'active while starting').to.equal(true);
    await start;
    expect(host.session.ready).to.equal(true);
    expect(host.started).to.deep.equal([1]);
    expect(host.session.driver!.map.getZoom()).to.be.closeTo(5, 0.01);
    expect(host.renderRoot.querySelector('.maplibregl-canvas'), 'MapLibre CSS adopted and canvas made').to.not.equal(null);
    host.session.release();
    expect(host.session.driver).to.equal(undefined);
    expect(host.session.ready).to.equal(false);
    expect(host.session.active).to.equal(false);
    await until(() => contexts.live() === 0, 10_000, 'the WebGL context released');
  });

  it('drops a start that a newer start or a release replaced', async () => {
    const host = await mountSession();
    const loaded = await load(baseStory());
    const first = host.session.start(loaded, 0, true);
    const second = host.session.start(loaded, 1, true);
    await Promise.all([first, second]);
    expect(host.started, 'only the newer start shows').to.deep.equal([1]);
    await until(() => contexts.live() === 1, 10_000, 'one live context');
    const third = host.session.start(loaded, 0, true);
    host.session.release();
    await third;
    expect(host.session.driver).to.equal(undefined);
    await until(() => contexts.live() === 0, 10_000, 'no live context');
  });

  it('keeps its map for an edit that leaves the map as it was, not for another map or theme', async () => {
    const host = await mountSession();
    const loaded = await load(baseStory());
    await host.session.start(loaded, 0, true);
    const edited = baseStory();
    edited.title = 'Edited text';
    expect(host.session.keeps(await load(edited))).to.equal(true);
    const otherLayers = baseStory();
    otherLayers.layers[0]!.type = 'heatmap';
    expect(host.session.keeps(await load(otherLayers))).to.equal(false);
    host.theme = 'dark';
    expect(host.session.keeps(await load(edited))).to.equal(false);
  });

  it('says on the map that the style failed (and draws the embedded one), and lists refused layers', async () => {
    const host = await mountSession();
    const story = { ...baseStory(), map: { style: '/test/fixtures/no-such-style.json' }, layers: [{ id: 'dot', type: 'circle', source: 'dot', paint: { 'circle-radius': 'big' } }] };
    await host.session.start(await load(story), 0, true);
    expect(host.session.ready).to.equal(true);
    expect(host.session.notice).to.contain('no-such-style.json');
    const styleProblem = host.problems.find((p) => p.code === 'style-failed')!;
    expect(styleProblem.path).to.equal('map.style');
    expect(styleProblem.file).to.equal('test.json');
    await until(() => host.session.layerProblems.length > 0, 10_000, 'the refused layer');
    expect(host.session.layerProblems[0]!.path).to.contain('layers[0]');
    expect(host.problems.some((p) => p.path.startsWith('layers[0]'))).to.equal(true);
    host.session.teardown();
    expect(host.session.notice).to.equal(undefined);
    expect(host.session.layerProblems.length, 'layer problems stay with the story').to.be.greaterThan(0);
  });

  it('turns explore mode on and off with the map handlers', async () => {
    const host = await mountSession();
    const loaded = await load(baseStory());
    await host.session.start(loaded, 0, true);
    const map = host.session.driver!.map;
    expect(map.dragPan.isEnabled()).to.equal(false);
    host.session.explore(true, loaded.story);
    expect(host.session.exploring).to.equal(true);
    expect(map.dragPan.isEnabled()).to.equal(true);
    host.session.explore(false, loaded.story);
    expect(map.dragPan.isEnabled()).to.equal(false);
    host.session.explore(true, loaded.story);
    host.session.release();
    expect(host.session.exploring, 'a released map is not explored').to.equal(false);
  });
});
