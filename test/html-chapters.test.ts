// Chapters written in HTML (<map-chapter>): one pipeline with JSON chapters, the text slotted
// (never copied), host CSS reaching it, live edits, and problems that name the element, the
// attribute and the line in the page.
import { expect } from 'chai';
import type { MapStory } from '../src/map-story.js';
import type { ErrorDetail } from '../src/events.js';
import { giveStory, loadJson, mount, nextEvent, scrollToChapter, settled, unmountAll, until } from './helpers.js';
import { chapterHtml } from '../src/story/story-html.js';

async function mountHtml(story: any): Promise<MapStory> {
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    giveStory(e, story, 'html');
  }, { after: '<div style="height:120vh"></div>' });
  await ready;
  return el;
}

/** Mounts an element and waits for its first `map-story-error`. */
async function firstError(setup: (el: MapStory) => void): Promise<{ el: MapStory; error: ErrorDetail }> {
  const errors: ErrorDetail[] = [];
  const el = mount((e) => {
    e.addEventListener('map-story-error', (event) => errors.push(event.detail));
    setup(e);
  });
  await until(() => errors.length > 0, 10_000, 'the error');
  return { el, error: errors[0]! };
}

describe('chapters written in HTML', () => {
  afterEach(unmountAll);

  it('shows each <map-chapter> in its card by a slot: the text is in the page once, and host CSS styles it', async () => {
    const style = document.createElement('style');
    style.textContent = 'map-chapter p { color: rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const story = await loadJson('motion-story.json');
      const el = await mountHtml(story);
      const cards = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.chapter')];
      expect(cards.length).to.equal(4);
      const chapters = [...el.querySelectorAll('map-chapter')];
      cards.forEach((card, i) => {
        const slot = card.querySelector('slot')!;
        expect(slot.assignedElements(), `card ${i}`).to.deep.equal([chapters[i]]);
        expect(card.getAttribute('aria-label')).to.equal(story.chapters[i].title);
      });
      // Never copied: the shadow root holds no chapter text of its own.
      expect(el.shadowRoot!.querySelector('.chapter')!.textContent!.includes('First.')).to.equal(false);
      const p = chapters[0]!.querySelector('p')!;
      expect(getComputedStyle(p).color).to.equal('rgb(1, 2, 3)');
      expect(p.getBoundingClientRect().height, 'the text is laid out in its card').to.be.greaterThan(0);
    } finally {
      style.remove();
    }
  });

  it('moves the map to each chapter as the JSON story does', async () => {
    const story = await loadJson('motion-story.json');
    const el = await mountHtml(story);
    const map = el.map!;
    await scrollToChapter(el, 'c');
    await settled(map);
    expect(map.getCenter().lng).to.be.closeTo(40, 0.01);
    expect(map.getZoom()).to.be.closeTo(3, 0.05);
  });

  it('an edited attribute reloads the chapter, on the same map', async () => {
    const story = await loadJson('motion-story.json');
    const el = await mountHtml(story);
    const map = el.map!;
    await scrollToChapter(el, 'c');
    await settled(map);
    const ready = nextEvent(el, 'map-story-ready');
    el.querySelector('#c')!.setAttribute('camera', '{"center": [30, 20], "zoom": 3}');
    await ready;
    expect(el.map, 'the same map').to.equal(map);
    await until(() => Math.abs(map.getCenter().lng - 30) < 0.01, 10_000, 'the edited camera');
    // A page script changing the text's markup (a class, an image) reloads nothing.
    let reloads = 0;
    el.addEventListener('map-story-ready', () => reloads++);
    el.querySelector('#c p')!.classList.add('seen');
    el.querySelector('#c')!.insertAdjacentHTML('beforeend', '<img alt="" src="data:," />');
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await frames();
    await el.updateComplete;
    // The heading changes what the chapter says: that reloads, once.
    el.querySelector('#c h2')!.textContent = 'C, renamed';
    await until(() => el.shadowRoot!.querySelector('#chapter-c')!.getAttribute('aria-label') === 'C, renamed', 10_000, 'the new heading');
    await frames();
    expect(reloads, 'reloads: one for the heading, none for the markup').to.equal(1);
  });

  it('a bad attribute is reported with the chapter id, the attribute and its path; chapters given twice are a problem', async () => {
    const story = await loadJson('motion-story.json');
    story.chapters[1].camera.zoom = 40;
    const { el, error } = await firstError((e) => giveStory(e, story, 'html'));
    const problem = error.problems[0]!;
    expect(problem.chapterId).to.equal('b');
    expect(problem.attribute).to.equal('camera');
    expect(problem.path).to.equal('chapters[1].camera.zoom');
    expect(problem.file).to.equal(location.href.replace(/#.*$/, ''));
    const panel = el.shadowRoot!.querySelector('[part="errors"]')!.textContent!;
    expect(panel).to.contain('camera').and.contain('b');
    el.remove();

    const twice = await firstError((e) => {
      e.innerHTML = chapterHtml(story.chapters[0]);
      e.story = story;
    });
    expect(twice.error.code).to.equal('invalid-value');
    expect(twice.error.path).to.equal('chapters');
  });

  it('in a page, the problem names the line of the attribute', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 700px';
    document.body.append(frame);
    try {
      frame.src = '/test/fixtures/html-chapters-bad.html';
      const panel = () => frame.contentDocument?.querySelector('map-story')?.shadowRoot?.querySelector('[part="errors"]')?.textContent ?? '';
      await until(() => panel().includes('line'), 15_000, 'the problem, with its line');
      const text = panel().replace(/\s+/g, ' ');
      expect(text).to.contain('line 19:');
      expect(text).to.contain('<map-chapter id="b">');
      expect(text).to.contain('camera');
    } finally {
      frame.remove();
    }
  });
});
