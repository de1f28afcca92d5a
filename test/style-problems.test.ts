// Style-spec errors as story problems (src/story/style-problems.ts): the paths MapLibre and its
// validator write become the story's paths.
import { expect } from 'chai';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { messages } from '../src/story/messages.js';
import type { Story } from '../src/story/schema.js';
import { storyAsStyle, styleProblems } from '../src/story/style-problems.js';

const story = {
  version: 1,
  title: 'Layers',
  sources: { route: { type: 'geojson', data: 'route.geojson' } },
  layers: [
    { id: 'background-line', type: 'line', source: 'route' },
    { id: 'route', type: 'line', source: 'route', paint: { 'line-color': '#c00' } },
  ],
  chapters: [{ id: 'a', camera: { center: [0, 0], zoom: 2 } }],
} as unknown as Story;

describe('styleProblems', () => {
  it('a layer named by id (as MapLibre names it) becomes the story\'s index, and the detail the message', () => {
    const [problem] = styleProblems([{ message: 'layers.route.paint.line-color: color expected, "nope" found' }], 'story.json', story);
    expect(problem).to.deep.equal({
      code: 'invalid-style',
      message: messages.invalidStyle('color expected, "nope" found'),
      path: 'layers[1].paint["line-color"]',
      file: 'story.json',
    });
  });

  it('paths with indices (as the validator writes them) keep them', () => {
    const problems = styleProblems(
      [{ message: 'layers[0].paint.line-width: number expected' }, { message: 'layers[1].filter[2][0]: expected one of …' }],
      'story.json',
      story,
    );
    expect(problems.map((p) => p.path)).to.deep.equal(['layers[0].paint["line-width"]', 'layers[1].filter[2][0]']);
  });

  it('sources keep their id; an id no story layer has stays as written', () => {
    const problems = styleProblems(
      [{ message: 'sources.route.data: string expected' }, { message: 'layers.ghost.type: expected one of …' }],
      'story.json',
      story,
    );
    expect(problems.map((p) => p.path)).to.deep.equal(['sources.route.data', 'layers.ghost.type']);
  });

  it('an error without a path is about the story as a whole, its whole text the detail', () => {
    const [problem] = styleProblems([{ message: 'something is wrong' }], 'inline', story);
    expect(problem).to.include({ path: '', file: 'inline', message: messages.invalidStyle('something is wrong') });
  });

  it('maps the errors of MapLibre\'s own validator onto the story', () => {
    const bad = structuredClone(story) as unknown as { layers: { paint?: Record<string, unknown> }[] };
    bad.layers[1]!.paint = { 'line-color': 'not-a-colour', 'line-width': 'wide' };
    const errors = validateStyleMin(storyAsStyle(bad as unknown as Story) as never);
    const problems = styleProblems(errors, 'story.json', bad as unknown as Story);
    expect(problems.map((p) => p.path).sort()).to.deep.equal(['layers[1].paint["line-color"]', 'layers[1].paint["line-width"]']);
    for (const p of problems) expect(p.message).to.match(/^.+\. Sources and layers follow the MapLibre style specification/);
  });
});

describe('storyAsStyle', () => {
  it('is a version 8 style of the story\'s sources and layers', () => {
    expect(storyAsStyle(story)).to.deep.equal({ version: 8, sources: story.sources, layers: story.layers });
  });

  it('a story without them is an empty style, which the validator accepts', () => {
    const bare = { version: 1, title: 'x', chapters: [] } as unknown as Story;
    expect(storyAsStyle(bare)).to.deep.equal({ version: 8, sources: {}, layers: [] });
    expect(validateStyleMin(storyAsStyle(bare) as never)).to.deep.equal([]);
    expect(validateStyleMin(storyAsStyle(story) as never), 'the fixture story itself is valid').to.deep.equal([]);
  });
});
