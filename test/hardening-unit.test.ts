// Issue 22 (hardening), pure logic: colours, reserved ids, JSON reading, messages, the importer.
// Each test reproduces a failure found by an outside adversarial run.
import { expect } from 'chai';
import { loadStory } from '../src/story/load.js';
import { validateStory } from '../src/story/validate.js';
import { chapterStates } from '../src/story/chapter-states.js';
import { parseStoryJson } from '../src/story/parse-json.js';
import { quote } from '../src/story/messages.js';
import { inert, safeColor } from '../src/story/sanitize.js';
import { importMapboxConfig } from '../src/import/mapbox.js';
import { base } from './fixtures/bad-stories.js';

const problemsOf = (story: unknown) => validateStory(story, 'x').problems;

describe('colours are accepted by a strict grammar (issue 22.1)', () => {
  const hostile = [
    'var(--x, url(/beacon))',
    'var(--x)',
    'color-mix(in srgb, var(--a), red)',
    'light-dark(var(--a), red)',
    'url(/beacon)',
    'env(safe-area-inset-top)',
    'attr(data-x type(<color>))',
    'red;background-image:url(/beacon)',
    'rgb(var(--r) 0 0)',
    'rgb(calc(1 + 2) 0 0)',
    'expression(alert(1))',
    '#12345',
    'notacolour',
  ];
  const good = ['#c00', '#C0C0C0', '#c00c', '#11223344', 'red', 'RebeccaPurple', 'transparent', 'rgb(10, 20, 30)', 'rgba(10,20,30,0.5)', 'rgb(10 20 30 / 50%)', 'hsl(120deg 50% 50%)', 'hsla(120, 50%, 50%, .3)', 'hwb(90 10% 10%)', 'lab(50% 40 59.5)', 'lch(52.2% 72.2 50 / 0.5)', 'oklab(0.6 0.1 -0.1)', 'oklch(0.7 0.1 120)', 'rgb(none 20 30)'];

  it('a legend colour with var(), url(), env(), attr() or anything but a literal colour is a validation problem with path and chapter id', () => {
    for (const color of hostile) {
      const story = base();
      story.chapters[1].legend = [{ label: 'x', color }];
      const problems = problemsOf(story);
      expect(problems.map((p) => [p.code, p.path, p.chapterId]), color).to.deep.include(['invalid-value', 'chapters[1].legend[0].color', 'second']);
    }
  });

  it('a marker colour is held to the same grammar', () => {
    const story = base();
    story.chapters[0].markers = [{ coordinates: [35, 34], color: 'var(--x, url(/beacon))' }];
    expect(problemsOf(story).map((p) => p.path)).to.include('chapters[0].markers[0].color');
  });

  it('literal colours (hex, named, rgb/hsl/hwb/lab/lch/oklab/oklch with numbers) are valid', () => {
    for (const color of good) {
      const story = base();
      story.chapters[1].legend = [{ label: 'x', color }];
      story.chapters[0].markers = [{ coordinates: [35, 34], color }];
      expect(problemsOf(story), color).to.deep.equal([]);
    }
  });

  it('at render, safeColor falls back for anything the grammar refuses (defence in depth)', () => {
    for (const color of hostile) expect(safeColor(color, 'gray'), color).to.equal('gray');
    for (const color of good) expect(safeColor(color, 'gray'), color).to.equal(color);
  });
});

describe('ids that are Object.prototype names (issue 22.2)', () => {
  const reserved = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

  it('layer and source ids that MapLibre cannot hold are reported, with their path', () => {
    for (const id of reserved) {
      const story = base();
      story.layers[0].id = id;
      story.chapters[1].layers.show = [id];
      expect(problemsOf(story).map((p) => [p.code, p.path]), id).to.deep.include(['invalid-value', 'layers[0].id']);
      const withSource = base();
      withSource.sources = JSON.parse(`{"${id}": {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}}`);
      withSource.layers[0].source = id;
      expect(problemsOf(withSource).map((p) => p.code), `source ${id}`).to.include('invalid-value');
    }
  });

  it('chapter states index nothing by plain objects: such ids and paint names keep their own values', () => {
    const story = base();
    story.layers = reserved.map((id) => ({ id, type: 'circle', source: 'pts', paint: { 'circle-radius': 2 } }));
    story.chapters[0].layers = { show: ['toString'], paint: { constructor: { 'circle-radius': 5, toString: 3 } } };
    story.chapters[1].layers = { hide: ['toString'], show: ['__proto__'] };
    const states = chapterStates(story);
    const get = (i: number, id: string) => states[i]!.layers.get(id);
    expect(get(0, 'toString')!.visible).to.equal(true);
    expect(get(1, 'toString')!.visible).to.equal(false);
    expect(get(1, '__proto__')!.visible).to.equal(true);
    expect(get(0, 'valueOf')!.visible).to.equal(false);
    const paint = get(0, 'constructor')!.paint;
    expect(paint.get('circle-radius')).to.equal(5);
    expect(paint.get('toString')).to.equal(3);
  });
});

describe('reading story JSON (issue 22.5 and weaker spots)', () => {
  it('JSON nested 100,000 deep is a clear problem, not a stack overflow blamed on the URL', async () => {
    const deep = `{"version": 1, "title": "x", "chapters": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const result = await loadStory({ kind: 'inline', text: deep });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems[0]!.message).to.match(/nest/i);
    expect(result.problems[0]!.message).to.not.match(/CORS|URL/);
  });

  it('quoting a deeply nested value does not overflow the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(() => quote(value)).to.not.throw();
  });

  it('a cyclic object given as .story is reported at validation, with the path of the cycle', async () => {
    const story = base();
    story.chapters[0].self = story.chapters[0];
    const result = await loadStory({ kind: 'property', value: story });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems[0]!.message).to.match(/cycl|circular|itself/i);
    expect(result.problems[0]!.path).to.equal('chapters[0].self');
  });

  it('a .story whose getter throws is reported as such, not as a URL or CORS problem', async () => {
    const story = base();
    Object.defineProperty(story, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
    const result = await loadStory({ kind: 'property', value: story });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems[0]!.message).to.contain('boom');
    expect(result.problems[0]!.message).to.not.match(/CORS|URL/);
    expect(result.problems[0]!.path).to.equal('title');
  });

  it('a byte-order mark before the JSON is accepted (inline, src and CLI share the parser)', async () => {
    const text = `\uFEFF${JSON.stringify(base())}`;
    expect(parseStoryJson(text, 'inline').ok).to.equal(true);
    const result = await loadStory({ kind: 'inline', text });
    expect(result.ok, JSON.stringify(result)).to.equal(true);
  });

  it('duplicate keys are reported with their line', async () => {
    const text = '{\n  "version": 1,\n  "title": "A",\n  "chapters": [{"id": "a", "camera": {"center": [0, 0], "zoom": 1}}],\n  "title": "B"\n}';
    const result = await loadStory({ kind: 'inline', text });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems[0]).to.include({ line: 5 });
    expect(result.problems[0]!.message).to.contain('"title"');
  });

  it('1e999 and NaN are quoted as what they are, not as null', () => {
    const story = base();
    story.chapters[0].camera.zoom = Infinity;
    story.chapters[1].camera = { center: [NaN, 1], zoom: 3 };
    const messages = problemsOf(story).map((p) => p.message).join('\n');
    expect(messages).to.contain('Infinity');
    expect(messages).to.not.match(/\bnull\b/);
    expect(quote(NaN)).to.equal('NaN');
    expect(quote([1, -Infinity])).to.equal('[1,-Infinity]');
  });
});

describe('URLs in an inline map style follow the story URL policy (sibling of 22.1)', () => {
  it('javascript: in an inline style\'s sources, glyphs or sprite is a problem with its path', () => {
    const story = base();
    story.map = {
      style: {
        version: 8,
        glyphs: 'javascript:alert(1)//{fontstack}/{range}',
        sprite: [{ id: 'a', url: 'JavaScript:alert(2)' }],
        sources: { t: { type: 'raster', tiles: ['javascript:alert(3)'] }, g: { type: 'geojson', data: 'vbscript:x' } },
        layers: [],
      },
    };
    expect(problemsOf(story).filter((p) => p.code === 'unsafe-url').map((p) => p.path)).to.have.members([
      'map.style.glyphs', 'map.style.sprite[0].url', 'map.style.sources.t.tiles[0]', 'map.style.sources.g.data',
    ]);
    story.map.style = { version: 8, glyphs: 'https://example.org/{fontstack}/{range}.pbf', sprite: '/sprites/s', sources: { t: { type: 'raster', tiles: ['https://t/{z}/{x}/{y}.png'] } }, layers: [] };
    expect(problemsOf(story)).to.deep.equal([]);
  });
});

describe('import-mapbox drops unsafe values (weaker spot)', () => {
  it('an image with a javascript: URL is dropped with a warning; the story is valid', () => {
    const source = `var config = { title: 'T', chapters: [
      { id: 'a', title: 'A', image: 'javascript:alert(1)', location: { center: [1, 2], zoom: 3 } },
      { id: 'b', title: 'B', image: './ok.png', location: { center: [1, 2], zoom: 3 } } ],
      showMarkers: true, markerColor: 'var(--x, url(/beacon))' };`;
    const { story, warnings } = importMapboxConfig(source);
    expect(validateStory(story, 'imported').problems).to.deep.equal([]);
    expect(warnings.map((w) => w.path)).to.include('chapters[0].image');
    expect(warnings.map((w) => w.path)).to.include('markerColor');
    expect((story['chapters'] as { media?: unknown }[])[0]!.media).to.equal(undefined);
  });
});

describe('story HTML made inert before parsing (CSP report noise)', () => {
  it('renames on* and style attributes inside tags, however written; leaves text alone', () => {
    const cases: [string, string][] = [
      ['<img src=x onerror="a()">', '<img src=x x-onerror="a()">'],
      ['<svg/onload=a()>', '<svg/x-onload=a()>'],
      ['<img src="x"onerror="y">', '<img src="x"x-onerror="y">'],
      ['<p title="a>b onclick=x" onclick="y">one = 2 onset=3</p>', '<p title="a>b onclick=x" x-onclick="y">one = 2 onset=3</p>'],
      ['<a href="x" STYLE="color:red" data-onx=1>', '<a href="x" x-STYLE="color:red" data-onx=1>'],
      ["<p don't onclick=x>hi</p>", "<p don't x-onclick=x>hi</p>"],
      ['<img src=onerror onerror = y>', '<img src=onerror x-onerror = y>'],
      ['a < b and c onclick=d', 'a < b and c onclick=d'],
    ];
    for (const [input, output] of cases) expect(inert(input), input).to.equal(output);
  });
});
