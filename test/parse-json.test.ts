// Reading story text (src/story/parse-json.ts): syntax errors with their line, keys given twice,
// a byte-order mark.
import { expect } from 'chai';
import { duplicateKeys, lineColumn, parseStoryJson } from '../src/story/parse-json.js';

describe('lineColumn', () => {
  it('turns a character offset into a 1-based line and column', () => {
    const text = 'ab\ncd\n\nef';
    expect(lineColumn(text, 0)).to.deep.equal({ line: 1, column: 1 });
    expect(lineColumn(text, 2), 'the line end itself').to.deep.equal({ line: 1, column: 3 });
    expect(lineColumn(text, 3)).to.deep.equal({ line: 2, column: 1 });
    expect(lineColumn(text, 4)).to.deep.equal({ line: 2, column: 2 });
    expect(lineColumn(text, 7)).to.deep.equal({ line: 4, column: 1 });
  });

  it('an offset past the end is the end', () => {
    expect(lineColumn('ab\ncd', 99)).to.deep.equal({ line: 2, column: 3 });
    expect(lineColumn('', 5)).to.deep.equal({ line: 1, column: 1 });
  });
});

describe('duplicateKeys', () => {
  it('finds a key given twice in one object, at the second one', () => {
    const text = '{"a": 1, "b": 2, "a": 3}';
    expect(duplicateKeys(text)).to.deep.equal([{ key: 'a', offset: text.lastIndexOf('"a"') }]);
  });

  it('each object is its own scope: the same key in sibling or nested objects is fine', () => {
    expect(duplicateKeys('{"a": {"a": 1}, "b": {"a": 2}}')).to.deep.equal([]);
    expect(duplicateKeys('[{"id": "x"}, {"id": "y"}]')).to.deep.equal([]);
  });

  it('after a nested object or list, the outer object\'s keys still count', () => {
    const text = '{"a": {"x": [1, {"y": 2}]}, "a": 0}';
    expect(duplicateKeys(text)).to.deep.equal([{ key: 'a', offset: text.lastIndexOf('"a"') }]);
  });

  it('string values are not keys, even when they look like one or hold quotes', () => {
    expect(duplicateKeys('{"a": "a", "b": "a", "c": ["a", "a"], "d": "x\\"a"}')).to.deep.equal([]);
  });

  it('compares keys as JSON reads them: an escaped key equals its plain spelling', () => {
    const text = '{"\\u0061": 1, "a": 2, "q\\"": 3, "q\\u0022": 4}';
    expect(duplicateKeys(text)).to.deep.equal([
      { key: 'a', offset: text.indexOf('"a"') },
      { key: 'q"', offset: text.indexOf('"q\\u0022"') },
    ]);
  });

  it('walks any depth without recursion', () => {
    const deep = `${'{"a": ['.repeat(20_000)}1${']}'.repeat(20_000)}`;
    expect(duplicateKeys(deep)).to.deep.equal([]);
  });
});

describe('parseStoryJson', () => {
  it('parses valid JSON', () => {
    expect(parseStoryJson('{"version": 1, "chapters": []}', 'story.json')).to.deep.equal({ ok: true, value: { version: 1, chapters: [] } });
  });

  it('skips a byte-order mark', () => {
    expect(parseStoryJson('\uFEFF{"version": 1}', 'story.json')).to.deep.equal({ ok: true, value: { version: 1 } });
  });

  it('a syntax error names the file, line and column, without V8\'s "at position"', () => {
    const result = parseStoryJson('{\n  "a": 1,\n}', 'story.json');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems).to.have.length(1);
    expect(result.problem).to.equal(result.problems[0]);
    expect(result.problem).to.include({ code: 'json-syntax', path: '', file: 'story.json', line: 3, column: 1 });
    expect(result.problem.message).to.contain('(line 3, column 1)');
    expect(result.problem.message).to.not.match(/position \d+/);
  });

  it('text that ends too early is an error at its end', () => {
    for (const [text, column] of [['{"a": ', 7], ['', 1]] as const) {
      const result = parseStoryJson(text, 'inline');
      expect(result.ok, JSON.stringify(text)).to.equal(false);
      if (!result.ok) expect(result.problem, JSON.stringify(text)).to.include({ code: 'json-syntax', line: 1, column });
    }
  });

  it('a BOM does not shift the line and column of an error', () => {
    const result = parseStoryJson('\uFEFF{\n  "a" 1\n}', 'story.json');
    expect(!result.ok && result.problem).to.include({ line: 2, column: 7 });
  });

  it('keys given twice are problems, each at its line, and the value is not returned', () => {
    const result = parseStoryJson('{\n  "title": "a",\n  "title": "b",\n  "x": {"k": 1, "k": 2}\n}', 'story.json');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems.map(({ code, line, column, file }) => ({ code, line, column, file }))).to.deep.equal([
      { code: 'duplicate-key', line: 3, column: 3, file: 'story.json' },
      { code: 'duplicate-key', line: 4, column: 17, file: 'story.json' },
    ]);
    expect(result.problems[0]!.message).to.contain('"title"');
    expect(result.problems[1]!.message).to.contain('"k"');
    expect(result).to.not.have.property('value');
  });
});
