// The Tartus story: every chapter's featured places are on screen and not under the text,
// at desktop (1280x800) and phone (390x844) sizes.
import { expect } from 'chai';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { labelSide } from '../src/map/marker-labels.js';
import { DESKTOP, mount, nextEvent, settled, unmountAll, until, type Map } from './helpers.js';

const storyUrl = new URL('../stories/tartus-withdrawal.json', import.meta.url).href;

/** Scrolls so that a chapter's card sits where it becomes active (its middle on the trigger line). */
async function readChapter(el: MapStory, id: string, offset: number): Promise<HTMLElement> {
  const card = el.shadowRoot!.querySelector<HTMLElement>(`#chapter-${id}`)!;
  const rect = card.getBoundingClientRect();
  window.scrollBy({ top: rect.top + rect.height / 2 - innerHeight * offset + 2, behavior: 'instant' });
  await until(() => card.hasAttribute('aria-current'), 10_000, `chapter ${id} to become active`);
  return card;
}

/** The Tartus story, mounted with room to scroll past its end, once its map is ready. */
async function mountTartus(): Promise<{ el: MapStory; map: Map; story: any }> {
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    e.src = storyUrl;
  }, { after: '<div style="height:100vh"></div>' });
  await ready;
  return { el, map: el.map!, story: await (await fetch(storyUrl)).json() };
}

/**
 * Marker labels that are cut by the map's left or right edge, or (with `all`) not shown at all.
 * On a phone, places a few pixels apart (Tobruk and Al-Khadim in the Libya chapter) cannot
 * all have labels: MapLibre hides the one that collides.
 */
function labelProblems(map: Map, chapter: { id: string; markers?: { label?: string }[] }, area: DOMRect, all: boolean): string[] {
  const problems: string[] = [];
  const layers = ['map-story-markers-label'];
  const edges = [[[0, 0], [2, area.height]], [[area.width - 2, 0], [area.width, area.height]]] as const;
  for (const box of edges) {
    for (const f of map.queryRenderedFeatures(box as never, { layers })) {
      problems.push(`${chapter.id}: the label "${f.properties['label']}" runs off the map's ${box[0][0] === 0 ? 'left' : 'right'} edge`);
    }
  }
  const shown = new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties['label']).replace(/ \(approx\.\)$/, '')));
  for (const m of chapter.markers ?? []) if (all && m.label && !shown.has(m.label)) problems.push(`${chapter.id}: the label "${m.label}" is not shown`);
  return problems;
}

for (const [name, size, offset] of [['desktop', DESKTOP, 0.5], ['phone', { width: 390, height: 844 }, 0.7]] as const) {
  describe(`Tartus story at ${name} size`, () => {
    before(async () => {
      await setViewport(size);
      await emulateMedia({ reducedMotion: 'reduce' }); // jumps: same end cameras, faster test
    });
    after(async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      await setViewport(DESKTOP);
      unmountAll();
    });

    it('shows every chapter\'s markers inside the map and outside the text card', async () => {
      const { el, map, story } = await mountTartus();
      const failures: string[] = [];
      for (const chapter of story.chapters) {
        const card = await readChapter(el, chapter.id, offset);
        await settled(map);
        const area = el.shadowRoot!.querySelector('.map-area')!.getBoundingClientRect();
        const cardBox = card.getBoundingClientRect();
        const controls = [...el.shadowRoot!.querySelectorAll('[part="nav"], [part="inset"]')]
          .map((c) => c.getBoundingClientRect())
          .filter((r) => r.width > 0);
        for (const marker of chapter.markers ?? []) {
          const p = map.project(marker.coordinates);
          const x = area.left + p.x;
          const y = area.top + p.y;
          const inMap = p.x >= 8 && p.y >= 8 && p.x <= area.width - 8 && p.y <= area.height - 8;
          const underText = x >= cardBox.left && x <= cardBox.right && y >= cardBox.top && y <= cardBox.bottom;
          const underControls = controls.some((r) => x >= r.left - 4 && x <= r.right + 4 && y >= r.top - 4 && y <= r.bottom + 4);
          if (!inMap || underText || underControls) {
            failures.push(`${chapter.id}: "${marker.label}" at ${Math.round(p.x)},${Math.round(p.y)} ${!inMap ? 'is off the map' : underText ? 'is under the text' : 'is under the controls'}`);
          }
        }
        failures.push(...labelProblems(map, chapter, area, name === 'desktop'));
      }
      expect(failures).to.deep.equal([]);
    });

    it('places every marker label inside the map after flights too (labels keep their side between chapters)', async () => {
      unmountAll();
      await emulateMedia({ reducedMotion: 'no-preference' });
      const { el, map, story } = await mountTartus();
      const failures: string[] = [];
      for (const chapter of story.chapters.slice(1, 7)) {
        await readChapter(el, chapter.id, offset);
        await settled(map);
        failures.push(...labelProblems(map, chapter, el.shadowRoot!.querySelector('.map-area')!.getBoundingClientRect(), name === 'desktop'));
      }
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(failures).to.deep.equal([]);
    });
  });
}

describe('marker label sides (unit)', () => {
  const pad = { top: 0, right: 0, bottom: 0, left: 0 };
  const at = (lng: number, padding = pad) => ({ center: [lng, 0] as [number, number], zoom: 2, pitch: 0, bearing: 0, padding });
  // At zoom 2 a 400 px map spans 400 / 2048 of the world: 70.3 degrees, 5.7 px a degree.
  it('faces the middle, and leaves out sides and centred places where the label would be cut', () => {
    expect(labelSide([1, 0], 'Tartus', at(0), 400), 'near the middle').to.equal('e11');
    expect(labelSide([-1, 0], 'Tartus', at(0), 400)).to.equal('w11');
    expect(labelSide([30, 0], 'Russian naval facility', at(0), 400), 'near the right edge').to.equal('e00');
    expect(labelSide([26, 0], 'Tartus', at(0), 400), 'short label near the edge').to.equal('e10');
    expect(labelSide([-34, 0], 'Russian naval facility', at(0), 400)).to.equal('w00');
  });

  it('measures from the middle of the padded view, across the antimeridian too', () => {
    // A 300 px card on the left: the view's middle is at 650 px of a 1000 px map.
    expect(labelSide([-10, 0], 'A place', at(0, { ...pad, left: 300 }), 1000)[0], 'right of the map\'s centre, left of the padded view\'s middle').to.equal('w');
    expect(labelSide([-179, 0], 'A place', at(179), 400)[0], 'east across the antimeridian').to.equal('e');
  });
});

describe('Tartus story data', () => {
  it('every marker is a sourced feature of the story\'s data, marked approximate where the data says so', async () => {
    const story = await (await fetch(storyUrl)).json();
    const features: any[] = [];
    for (const file of ['places', 'annotations']) {
      const fc = await (await fetch(new URL(`../stories/tartus-withdrawal/${file}.geojson`, import.meta.url))).json();
      features.push(...fc.features);
    }
    for (const f of features) expect(f.properties.source, f.properties.name).to.be.a('string').and.not.equal('');
    const problems: string[] = [];
    for (const chapter of story.chapters) {
      for (const marker of chapter.markers ?? []) {
        const match = features.find((f) => f.geometry.type === 'Point'
          && Math.abs(f.geometry.coordinates[0] - marker.coordinates[0]) < 1e-4
          && Math.abs(f.geometry.coordinates[1] - marker.coordinates[1]) < 1e-4);
        if (!match) problems.push(`${chapter.id}: "${marker.label}" has no sourced feature`);
        else if (Boolean(match.properties.approximate) !== Boolean(marker.approximate)) problems.push(`${chapter.id}: "${marker.label}" approximate flag differs from the data`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('every feature of the route is marked approximate and has a source', async () => {
    const route = await (await fetch(new URL('../stories/tartus-withdrawal/route.geojson', import.meta.url))).json();
    for (const f of route.features) {
      expect(f.properties.approximate).to.equal(true);
      expect(f.properties.source).to.be.a('string');
    }
  });
});
