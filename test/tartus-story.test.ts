// Provenance on demand: each chapter of the Tartus story lists where its marks come from in a
// closed "Sources for the map" disclosure. (The data side, that every mark is a sourced feature,
// is test/node/tartus-story.test.mjs.)
import { expect } from 'chai';
import { render } from 'lit';
import { chapterStates } from '../src/story/chapter-states.js';
import type { Story } from '../src/story/schema.js';
import { validateStory } from '../src/story/validate.js';
import { renderStory } from '../src/view/story-view.js';

const storyUrl = new URL('../stories/tartus-withdrawal.json', import.meta.url).href;

describe('Tartus story: sources for the map', () => {
  let story: Story;
  let root: HTMLElement;

  before(async () => {
    const result = validateStory(await (await fetch(storyUrl)).json());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    story = result.story;
    root = document.createElement('div');
    document.body.append(root);
    render(renderStory(story, chapterStates(story), 0, () => 'left'), root);
  });

  after(() => root.remove());

  it('every marker of the story names its source', () => {
    const unsourced = story.chapters.flatMap((c) => (c.markers ?? []).filter((m) => !m.source).map((m) => `${c.id}: ${m.label}`));
    expect(unsourced).to.deep.equal([]);
  });

  it('every chapter with markers has a closed disclosure listing each marker with its source', () => {
    for (const chapter of story.chapters) {
      const section = root.querySelector<HTMLElement>(`#chapter-${chapter.id}`)!;
      const details = section.querySelector('details[part="sources"]') as HTMLDetailsElement | null;
      const markers = chapter.markers ?? [];
      if (!markers.length) {
        expect(details, chapter.id).to.equal(null);
        continue;
      }
      expect(details, chapter.id).to.be.instanceOf(HTMLDetailsElement);
      expect(details!.open, `${chapter.id}: closed until asked for`).to.equal(false);
      expect(details!.querySelector('summary')!.textContent!.trim()).to.equal('Sources for the map');
      const items = [...details!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(items.length, chapter.id).to.equal(markers.length);
      markers.forEach((m, i) => {
        expect(items[i], `${chapter.id} item ${i}`).to.contain(m.label!).and.to.contain(m.source!.replace(/\s+/g, ' '));
        if (m.approximate) expect(items[i]).to.contain('(approximate)');
      });
    }
  });

  it('a marker without a source is left out of the list, and no list is drawn when none has one', () => {
    const plain: Story = {
      ...story,
      chapters: [
        { id: 'a', camera: { center: [0, 0], zoom: 1 }, markers: [{ coordinates: [0, 0], label: 'Here', source: 'A survey' }, { coordinates: [1, 1], label: 'There' }] },
        { id: 'b', camera: { center: [0, 0], zoom: 1 }, markers: [{ coordinates: [1, 1], label: 'There' }] },
      ],
    };
    const box = document.createElement('div');
    render(renderStory(plain, chapterStates(plain), 0, () => 'left'), box);
    expect([...box.querySelectorAll('#chapter-a details li')].map((li) => li.textContent!.trim())).to.deep.equal(['Here: A survey']);
    expect(box.querySelector('#chapter-b details')).to.equal(null);
  });
});
