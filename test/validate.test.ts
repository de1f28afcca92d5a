// Story validation: the bad-story corpus, valid stories, and speed.
import { expect } from 'chai';
import { loadStory } from '../src/story/load.js';
import { validateStory } from '../src/story/validate.js';
import { chapterStates } from '../src/story/chapter-states.js';
import { badStories, base } from './fixtures/bad-stories.js';

describe('story validation', () => {
  it('the corpus has at least 30 bad stories', () => {
    expect(badStories.length).to.be.at.least(30);
  });

  for (const bad of badStories) {
    it(`reports: ${bad.name}`, async () => {
      const text = bad.text ?? JSON.stringify(bad.story!(base()), null, 2);
      const result = await loadStory({ kind: 'inline', text });
      expect(result.ok, 'story should be invalid').to.equal(false);
      if (result.ok) return;
      const [first] = result.problems;
      expect(first, JSON.stringify(result.problems)).to.not.equal(undefined);
      expect({ code: first!.code, path: first!.path, chapterId: first!.chapterId }).to.deep.equal({
        code: bad.code,
        path: bad.path,
        chapterId: bad.chapterId,
      });
      if (bad.message) expect(first!.message).to.match(bad.message);
      if (bad.code !== 'json-syntax' && bad.text === undefined && first!.path) {
        expect(first!.line, 'line of the problem in the file').to.be.a('number');
      }
    });
  }

  it('the base story of the corpus is valid', () => {
    expect(validateStory(base(), 'base').problems).to.deep.equal([]);
  });

  it('every story in stories/ is valid, with no problems', async () => {
    for (const name of ['tartus-withdrawal.json']) {
      const result = await loadStory({ kind: 'url', url: new URL(`../stories/${name}`, import.meta.url).href });
      expect(result.ok ? [] : result.problems, name).to.deep.equal([]);
    }
  });

  it('syntax errors carry line and column', async () => {
    const result = await loadStory({ kind: 'inline', text: '{\n  "version": 1,\n  "title": "x",\n  "chapters": [\n    { "id": "a" "camera": {} }\n  ]\n}' });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems[0]).to.include({ code: 'json-syntax', line: 5, column: 17 });
  });

  it('lists every problem at once', () => {
    const story = base() as any;
    story.chapters[0].camera.zoom = 99;
    story.chapters[1].id = 'first';
    story.chapters[1].layers.show = ['x'];
    const { problems } = validateStory(story, 'x');
    expect(problems.map((p) => p.code)).to.have.members(['out-of-range', 'duplicate-id', 'unknown-layer']);
  });

  it('validates a 500-chapter story in under 50 ms', () => {
    const story = base() as any;
    story.chapters = Array.from({ length: 500 }, (_, i) => ({
      id: `c${i}`,
      title: `Chapter ${i}`,
      body: 'Some text.\n\nMore text with <a href="https://example.org">a link</a>.',
      camera: { center: [(i % 360) - 179.5, (i % 160) - 80], zoom: i % 20, pitch: i % 60, bearing: i % 360 },
      transition: { type: 'ease', duration: 500 },
      layers: { [i % 2 ? 'show' : 'hide']: ['dots'] },
      markers: [{ coordinates: [10, 10], label: 'm' }],
    }));
    validateStory(story, 'warm-up');
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const t0 = performance.now();
      const result = validateStory(story, '500');
      times.push(performance.now() - t0);
      expect(result.ok).to.equal(true);
    }
    times.sort((a, b) => a - b);
    const median = times[3]!;
    console.log(`validate 500 chapters: median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[6]!.toFixed(1)})`);
    expect(median).to.be.lessThan(50);
  });
});

describe('chapter states', () => {
  it('layer visibility and paint carry forward and are complete in every state', () => {
    const story = base() as any;
    story.layers.push({ id: 'other', type: 'circle', source: 'pts', layout: { visibility: 'visible' }, paint: { 'circle-color': '#111111' } });
    story.chapters.push(
      { id: 'third', camera: { center: [0, 0], zoom: 1 }, layers: { hide: ['other'], paint: { other: { 'circle-color': '#222222' } } } },
      { id: 'fourth', camera: { center: [0, 0], zoom: 1 }, layers: { hide: ['dots'] } },
    );
    const v = validateStory(story, 'x');
    expect(v.problems).to.deep.equal([]);
    const states = chapterStates(v.ok ? v.story : (null as never));
    const vis = states.map((s) => [s.layers.get('dots')!.visible, s.layers.get('other')!.visible]);
    expect(vis).to.deep.equal([[false, true], [true, true], [true, false], [false, false]]);
    // A paint override later in the story starts from the layer's own value.
    expect(states.map((s) => s.layers.get('other')!.paint.get('circle-color'))).to.deep.equal(['#111111', '#111111', '#222222', '#222222']);
    expect(states[0]!.transition).to.deep.equal({ type: 'fly', duration: undefined });
  });
});
