// Where each value of a JSON text is (src/story/json-positions.ts): what points problems at
// their line, and what the studio edits when it captures a camera.
import { expect } from 'chai';
import fc from 'fast-check';
import type { StoryProblem } from '../src/story/messages.js';
import { jsonPositions, locate, withPositions } from '../src/story/json-positions.js';
import { formatPath, type PathKey } from '../src/story/paths.js';

const STORY = `{
  "title": "A",
  "chapters": [
    { "id": "a", "camera": { "zoom": 5, "center": [35.87, 34.91] } },
    {"id":"b"}
  ]
}`;

/** The text of the value at `path`. */
const textAt = (text: string, path: string) => {
  const at = jsonPositions(text).get(path);
  if (!at) throw new Error(`no position for ${JSON.stringify(path)}`);
  return text.slice(at.from, at.to);
};

describe('jsonPositions', () => {
  it('gives each value its 1-based line and column, and its character range', () => {
    const positions = jsonPositions(STORY);
    expect(positions.get('')).to.deep.equal({ line: 1, column: 1, from: 0, to: STORY.length });
    expect(positions.get('title')).to.deep.include({ line: 2, column: 12 });
    expect(positions.get('chapters')).to.deep.include({ line: 3, column: 15 });
    expect(positions.get('chapters[0]')).to.deep.include({ line: 4, column: 5 });
    expect(positions.get('chapters[1].id')).to.deep.include({ line: 5, column: 11 });
    expect(textAt(STORY, 'title')).to.equal('"A"');
    expect(textAt(STORY, 'chapters[0].camera.zoom')).to.equal('5');
    expect(textAt(STORY, 'chapters[0].camera.center')).to.equal('[35.87, 34.91]');
    expect(textAt(STORY, 'chapters[0].camera.center[1]')).to.equal('34.91');
    expect(textAt(STORY, 'chapters[1]')).to.equal('{"id":"b"}');
  });

  it('names keys as problems do: quoted when they are not identifiers', () => {
    const text = '{"a b": {"x.y": [1, 2], "line-color": "red", "": null}}';
    expect(textAt(text, '["a b"]["x.y"][1]')).to.equal('2');
    expect(textAt(text, '["a b"]["line-color"]')).to.equal('"red"');
    expect(textAt(text, '["a b"][""]')).to.equal('null');
  });

  it('reads escaped strings, numbers with exponents, literals, empty objects and lists', () => {
    const text = '{"k": "a\\"b\\\\", "n": -1.5e3, "t": true, "f": false, "o": {}, "l": [], "u": "\\u00e9"}';
    expect(textAt(text, 'k')).to.equal('"a\\"b\\\\"');
    expect(textAt(text, 'n')).to.equal('-1.5e3');
    expect(textAt(text, 't')).to.equal('true');
    expect(textAt(text, 'f')).to.equal('false');
    expect(textAt(text, 'o')).to.equal('{}');
    expect(textAt(text, 'l')).to.equal('[]');
    expect(textAt(text, 'u')).to.equal('"\\u00e9"');
  });

  it('counts lines the same with CRLF line ends and tabs', () => {
    const positions = jsonPositions('{\r\n\t"a": 1,\r\n\t"b": [\r\n\t\t2\r\n\t]\r\n}');
    expect(positions.get('a')).to.deep.include({ line: 2, column: 7 });
    expect(positions.get('b[0]')).to.deep.include({ line: 4, column: 3 });
  });

  it('every value of any JSON text is found, and its range parses to that value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed: unknown = JSON.parse(text);
        const positions = jsonPositions(text);
        let count = 0;
        const walk = (v: unknown, path: PathKey[]) => {
          count++;
          const key = formatPath(path);
          const at = positions.get(key);
          expect(at, key).to.not.equal(undefined);
          expect(JSON.parse(text.slice(at!.from, at!.to)), key).to.deep.equal(v);
          const before = text.slice(0, at!.from).split('\n');
          expect([at!.line, at!.column], key).to.deep.equal([before.length, before.at(-1)!.length + 1]);
          if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
          else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
        };
        walk(parsed, []);
        expect(positions.size).to.equal(count);
      }),
      { numRuns: 300 },
    );
  });
});

describe('locate', () => {
  const positions = jsonPositions(STORY);

  it('finds a path that exists', () => {
    expect(locate(positions, 'chapters[1].id')).to.equal(positions.get('chapters[1].id'));
  });

  it('falls back to the nearest enclosing value that exists (a missing field is shown where it belongs)', () => {
    expect(locate(positions, 'chapters[1].camera')).to.equal(positions.get('chapters[1]'));
    expect(locate(positions, 'chapters[0].camera.bearing')).to.equal(positions.get('chapters[0].camera'));
    expect(locate(positions, 'chapters[7].id')).to.equal(positions.get('chapters'));
    expect(locate(positions, 'layers[0].paint["line-color"]')).to.equal(positions.get(''));
    expect(locate(positions, '')).to.equal(positions.get(''));
  });

  it('finds nothing in an empty map', () => {
    expect(locate(new Map(), 'chapters[0]')).to.equal(undefined);
  });
});

describe('withPositions', () => {
  const problem = (path: string): StoryProblem => ({ code: 'missing-field', message: 'm', path, file: 'story.json' });

  it('adds the line and column of each problem\'s path (or of its nearest enclosing value)', () => {
    const problems = [problem('chapters[0].camera.zoom'), problem('chapters[1].camera'), problem('')];
    expect(withPositions(STORY, problems)).to.deep.equal([
      { ...problems[0], line: 4, column: 38 },
      { ...problems[1], line: 5, column: 5 },
      { ...problems[2], line: 1, column: 1 },
    ]);
  });

  it('leaves the problems it was given as they were', () => {
    const problems = [problem('title')];
    withPositions(STORY, problems);
    expect(problems).to.deep.equal([problem('title')]);
  });
});
