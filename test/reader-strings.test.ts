// Reader-facing strings through the element: a story's `lang` picks the set (Arabic renders
// right to left in the controls), a story's `strings` overrides single strings.
import { expect } from 'chai';
import { strings as arabic } from '../src/story/strings-ar.js';
import { strings as english } from '../src/story/strings.js';
import type { MapStory } from '../src/map-story.js';
import { loadJson, mount, nextEvent, scrollToChapter, unmountAll, until } from './helpers.js';

async function mountStory(edit: (story: any) => void) {
  const story = await loadJson('compare-story.json');
  edit(story);
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    e.story = story;
  }, { after: '<div style="height:120vh"></div>' });
  await ready;
  await el.updateComplete;
  return el;
}

/** An approximate marker in the first chapter, whose label on the map ends with "(approx.)" in the story's language. */
const approximateMarker = (story: any) => (story.chapters[0].markers = [{ coordinates: story.chapters[0].camera.center, label: 'Tartus', approximate: true }]);

/** The label text of the markers drawn on the map. */
async function markerLabels(el: MapStory): Promise<string[]> {
  const source = el.map!.getSource('map-story-markers') as unknown as { getData(): Promise<{ features: { properties: { label: string } }[] }> };
  return (await source.getData()).features.map((f) => f.properties.label);
}

describe('reader strings', () => {
  afterEach(() => unmountAll());

  it('an Arabic story shows Arabic controls, right to left, and a story override replaces one string', async () => {
    const OVERRIDE = 'الفصل الذي يلي';
    const el = await mountStory((s) => {
      s.lang = 'ar';
      s.strings = { next: OVERRIDE };
      approximateMarker(s);
    });
    const root = el.shadowRoot!;
    const nav = root.querySelector<HTMLElement>('.nav')!;
    expect(nav.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(nav).direction).to.equal('rtl');
    expect(nav.getAttribute('aria-label')).to.equal(arabic.navigation);
    const [previous, next] = [...nav.querySelectorAll('button[part="nav-button"]')];
    expect(previous!.getAttribute('aria-label')).to.equal(arabic.previous);
    expect(next!.getAttribute('aria-label'), 'the override').to.equal(OVERRIDE);
    expect(nav.querySelector('.explore')!.textContent!.trim()).to.equal(arabic.explore);
    // RTL: the first button in the markup (previous) is on the right.
    expect(previous!.getBoundingClientRect().left).to.be.greaterThan(next!.getBoundingClientRect().left);
    expect(root.querySelector('.skip-link')!.textContent).to.equal(arabic.skipLink);
    expect(root.querySelector('.map')!.getAttribute('aria-label')).to.equal(`خريطة: Compare story`);
    expect(await markerLabels(el), 'the map label of an approximate marker').to.deep.equal([`Tartus ${arabic.approximateLabel}`]);
    // MapLibre's own words: the canvas's name and the credits button.
    expect(el.map!.getCanvas().getAttribute('aria-label')).to.equal(arabic.mapUntitled);
    expect(root.querySelector('.maplibregl-ctrl-attrib-button')!.getAttribute('aria-label')).to.equal(arabic.mapCredits);
    await scrollToChapter(el, 'compare');
    await until(() => !!root.querySelector('.compare'), 10_000, 'the divider');
    const compare = root.querySelector<HTMLElement>('.compare')!;
    expect(getComputedStyle(compare).direction).to.equal('rtl');
    expect(compare.querySelector('[role="slider"]')!.getAttribute('aria-label')).to.equal('الفاصل بين Red وBlue');
    expect(root.querySelector('[aria-live]')!.textContent).to.contain('يسار الفاصل: Red');
  });

  it('an English story (or one in a language without a set) keeps English, left to right', async () => {
    const el = await mountStory((s) => {
      s.lang = 'fr';
      approximateMarker(s);
    });
    expect(await markerLabels(el)).to.deep.equal([`Tartus ${english.approximateLabel}`]);
    expect(el.map!.getCanvas().getAttribute('aria-label')).to.equal(english.mapUntitled);
    const nav = el.shadowRoot!.querySelector<HTMLElement>('.nav')!;
    expect(getComputedStyle(nav).direction).to.equal('ltr');
    expect(nav.querySelector('.explore')!.textContent!.trim()).to.equal(english.explore);
  });

  it('an edit that changes the language redraws the map in it (MapLibre\'s words and the markers\')', async () => {
    const el = await mountStory(approximateMarker);
    const ready = nextEvent(el, 'map-story-ready', 30_000);
    el.story = { ...(el.story as object), lang: 'ar' } as MapStory['story'];
    await ready;
    await until(() => el.map?.getCanvas().getAttribute('aria-label') === arabic.mapUntitled, 10_000, 'the canvas named in Arabic');
    expect(await markerLabels(el)).to.deep.equal([`Tartus ${arabic.approximateLabel}`]);
  });
});
