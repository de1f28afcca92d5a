// The pure parts of comparisons, per-chapter basemaps and reader strings: divider arithmetic,
// chapter states, string sets and overrides.
import { expect } from 'chai';
import { DIVIDER_KEYS, dividerX, scrubbedValue, SWEEP_FROM, SWEEP_TO, valueAt } from '../src/compare/divider-position.js';
import { chapterStates } from '../src/story/chapter-states.js';
import { loadStory } from '../src/story/load.js';
import { readerStrings } from '../src/story/reader-strings.js';
import { enteredText, fill, strings as english } from '../src/story/strings.js';
import { strings as arabic } from '../src/story/strings-ar.js';
import { validateStory } from '../src/story/validate.js';
import type { Story } from '../src/story/schema.js';

const story = (chapters: unknown[], extra: Record<string, unknown> = {}) =>
  ({
    version: 1,
    title: 'T',
    sources: { s: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [
      { id: 'a', type: 'fill', source: 's' },
      { id: 'b', type: 'fill', source: 's' },
    ],
    chapters,
    ...extra,
  }) as unknown as Story;
const camera = { center: [0, 0], zoom: 2 };

describe('divider position (unit)', () => {
  it('sweeps from mostly "before" to mostly "after" through the chapter, linearly', () => {
    expect(scrubbedValue(0, false)).to.equal(SWEEP_FROM);
    expect(scrubbedValue(1, false)).to.equal(SWEEP_TO);
    expect(scrubbedValue(0.5, false)).to.be.closeTo((SWEEP_FROM + SWEEP_TO) / 2, 1e-9);
    expect(scrubbedValue(-1, false), 'clamped').to.equal(SWEEP_FROM);
    expect(SWEEP_FROM).to.be.greaterThan(SWEEP_TO);
  });

  it('with reduced motion jumps from one side to the other halfway', () => {
    for (const p of [0, 0.2, 0.49]) expect(scrubbedValue(p, true), `at ${p}`).to.equal(SWEEP_FROM);
    for (const p of [0.5, 0.8, 1]) expect(scrubbedValue(p, true), `at ${p}`).to.equal(SWEEP_TO);
  });

  it('places the divider in the free width between the paddings, and reads it back', () => {
    const padding = { left: 400, right: 100 };
    expect(dividerX(0, 1000, padding)).to.equal(400);
    expect(dividerX(1, 1000, padding)).to.equal(900);
    expect(dividerX(0.5, 1000, padding)).to.equal(650);
    for (const v of [0, 0.25, 0.9, 1]) expect(valueAt(dividerX(v, 1000, padding), 1000, padding)).to.be.closeTo(v, 1e-9);
    expect(valueAt(10, 1000, padding), 'clamped at the text').to.equal(0);
  });

  it('keys: arrows by 5%, pages by 20%, Home and End to the edges, clamped', () => {
    expect(DIVIDER_KEYS['ArrowLeft']!(0.5)).to.be.closeTo(0.45, 1e-9);
    expect(DIVIDER_KEYS['ArrowRight']!(0.5)).to.be.closeTo(0.55, 1e-9);
    expect(DIVIDER_KEYS['PageUp']!(0.9)).to.equal(1);
    expect(DIVIDER_KEYS['Home']!(0.7)).to.equal(0);
    expect(DIVIDER_KEYS['End']!(0.2)).to.equal(1);
  });
});

describe('chapter states: basemap and compare (unit)', () => {
  it('the basemap theme and detail carry forward, and each chapter has its whole state', () => {
    const states = chapterStates(story([
      { id: 'one', camera },
      { id: 'two', camera, basemap: { theme: 'dark' } },
      { id: 'three', camera, basemap: { detail: false } },
      { id: 'four', camera, basemap: { theme: 'light', detail: true } },
    ]));
    expect(states.map((s) => s.basemap)).to.deep.equal([
      { theme: undefined, detail: true },
      { theme: 'dark', detail: true },
      { theme: 'dark', detail: false },
      { theme: 'light', detail: true },
    ]);
  });

  it("a comparison's layers are visible in its chapter only (unless shown), whatever the order chapters are entered in", () => {
    const states = chapterStates(story([
      { id: 'one', camera },
      { id: 'two', camera, compare: { before: { label: 'A', layers: ['a'] }, after: { label: 'B', layers: ['b'] } } },
      { id: 'three', camera },
    ]));
    expect(states.map((s) => [s.layers.get('a')!.visible, s.layers.get('b')!.visible])).to.deep.equal([[false, false], [true, true], [false, false]]);
    expect(states[1]!.compare?.after.label).to.equal('B');
    expect(states[2]!.compare).to.equal(undefined);
  });
});

describe('reader strings (unit)', () => {
  it('fill replaces the named values and leaves unknown ones as written', () => {
    expect(fill('Chapter {number} of {count}', { number: 3 })).to.equal('Chapter 3 of {count}');
    expect(fill('{a}{a}', { a: 'x' })).to.equal('xx');
    expect(fill('{toString}', {}), 'no inherited names').to.equal('{toString}');
  });

  it('Arabic has every key of English, right to left, each translated', () => {
    expect(Object.keys(arabic).sort()).to.deep.equal(Object.keys(english).sort());
    expect(arabic.dir).to.equal('rtl');
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      if (key === 'entered' || key === 'dir') continue;
      expect(arabic[key], key).to.not.equal(english[key]);
      // The same values to fill in.
      expect(arabic[key].match(/\{\w+\}/g)?.sort(), key).to.deep.equal(english[key].match(/\{\w+\}/g)?.sort());
    }
  });

  it("a story's lang picks the set (ar, ar-SY), others get English; overrides replace single strings", async () => {
    expect((await readerStrings('ar', undefined)).next).to.equal(arabic.next);
    expect((await readerStrings('AR-sy', undefined)).dir).to.equal('rtl');
    expect((await readerStrings('fr', undefined)).next).to.equal(english.next);
    expect((await readerStrings(undefined, undefined)).next).to.equal(english.next);
    const over = await readerStrings('ar', { next: 'التالي' });
    expect(over.next).to.equal('التالي');
    expect(over.previous).to.equal(arabic.previous);
  });

  it('a loaded story carries its strings', async () => {
    const result = await loadStory({ kind: 'property', value: story([{ id: 'one', camera }], { lang: 'ar', strings: { explore: 'X' } }) });
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.loaded.strings.explore).to.equal('X');
    expect(result.loaded.strings.backToStory).to.equal(arabic.backToStory);
  });

  it('the announcement of a comparison chapter says what each side shows', () => {
    const text = enteredText(english, { title: 'Port', compare: { before: { label: '25 January' }, after: { label: '27 January' } } }, 0, 'Zoomed in on Tartus.');
    expect(text).to.equal('Port. Zoomed in on Tartus. Left of the divider: 25 January. Right of it: 27 January.');
    expect(enteredText(english, {}, 2, 'A map.')).to.equal('Chapter 3. A map.');
  });

  it('string keys are validated against the English set', () => {
    const result = validateStory(story([{ id: 'one', camera }], { strings: { Next: 'x' } }));
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems[0]!.path).to.equal('strings.Next');
    expect(result.problems[0]!.message).to.match(/did you mean "next"/);
  });
});
