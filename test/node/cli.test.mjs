// The `map-story` CLI, run as a process (node's test runner). Needs `npm run build` (npm test does it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const cli = (...args) => {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'map-story-cli-'));
const write = (name, value) => {
  const path = join(tmp, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};

test('every story in stories/ validates', () => {
  const files = readdirSync(join(root, 'stories')).filter((f) => f.endsWith('.json') && f !== 'story.schema.json');
  assert.ok(files.length >= 1);
  const r = cli('validate', ...files.map((f) => `stories/${f}`));
  assert.equal(r.code, 0, r.out + r.err);
  for (const f of files) assert.match(r.out, new RegExp(`${f}: valid`));
});

test('validate: a syntax error exits 1 and names line and column', () => {
  const r = cli('validate', 'test/fixtures/broken.json');
  assert.equal(r.code, 1);
  assert.match(r.out, /broken\.json: 1 problem/);
  assert.match(r.out, /4:3 \[json-syntax\]/);
});

test('validate --json: machine-readable problems with code, path, chapter id and line', () => {
  const story = JSON.parse(readFileSync(join(root, 'test/fixtures/test-story.json'), 'utf8'));
  story.chapters[1].camera.zoom = 30;
  const file = write('zoom.json', story);
  const r = cli('validate', '--json', file);
  assert.equal(r.code, 1);
  const [report] = JSON.parse(r.out);
  assert.equal(report.valid, false);
  const [problem] = report.problems;
  assert.equal(problem.code, 'out-of-range');
  assert.equal(problem.path, 'chapters[1].camera.zoom');
  assert.equal(problem.chapterId, 'two');
  assert.equal(typeof problem.line, 'number');
  assert.match(problem.message, /30.*at most 24/);
});

test('validate: layers are checked against the MapLibre style spec', () => {
  const story = JSON.parse(readFileSync(join(root, 'test/fixtures/test-story.json'), 'utf8'));
  story.layers[1].paint['line-color'] = 'not-a-colour';
  story.layers[0].type = 'lne';
  const r = cli('validate', '--json', write('layers.json', story));
  assert.equal(r.code, 1);
  const problems = JSON.parse(r.out)[0].problems;
  assert.ok(problems.every((p) => p.code === 'invalid-style'), JSON.stringify(problems));
  assert.ok(problems.some((p) => p.path === 'layers[1].paint["line-color"]'), JSON.stringify(problems));
  assert.ok(problems.some((p) => p.path === 'layers[0].type'), JSON.stringify(problems));
});

test('usage errors exit 2', () => {
  assert.equal(cli().code, 2);
  assert.equal(cli('frobnicate').code, 2);
  assert.equal(cli('validate').code, 2);
  assert.equal(cli('validate', '--yaml', 'stories/tartus-withdrawal.json').code, 2);
  const missing = cli('validate', 'no/such/file.json');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read no\/such\/file\.json/);
  assert.equal(cli('--help').code, 0);
});

test('the committed JSON Schema is generated from the schema in src/ (not stale)', () => {
  const r = cli('schema');
  assert.equal(r.code, 0);
  const committed = readFileSync(join(root, 'stories/story.schema.json'), 'utf8');
  assert.equal(committed.trim(), r.out.trim(), 'stories/story.schema.json is stale: run `npm run build && npm run schema`');
  const schema = JSON.parse(r.out);
  assert.equal(schema.properties.chapters.type, 'array');
  assert.match(schema.properties.chapters.items.properties.camera.description, /center/);
});

for (const [name, expectations] of Object.entries({
  'template-default.js': [/style: mapbox:\/\/styles/, /accessToken/, /inset/, /rotateAnimation/, /chapters\[0\]\.image.*alt/],
  'newsroom-layers.js': [/callback/, /flood-1997/, /chapters\[1\]\.id.*2002-flood|chapters\[1\]\.id.*"2002 flood"/, /speed/, /hidden/],
  'exported-module.js': [/chapters\[0\]\.callback.*function|function cannot be imported/, /chapters\[1\]\.id/, /mapAnimation/, /chapters\[2\]\.location\.center/],
})) {
  test(`import-mapbox ${name}: a valid story, and a list of what was not carried over`, () => {
    const r = cli('import-mapbox', `test/fixtures/mapbox/${name}`);
    assert.equal(r.code, 0, r.err);
    const story = JSON.parse(r.out);
    assert.equal(story.version, 1);
    const check = cli('validate', write(`imported-${name}.json`, story));
    assert.equal(check.code, 0, check.out);
    for (const pattern of expectations) assert.match(r.err, pattern);
    assert.doesNotMatch(r.out, /pk\.eyJ/, 'the access token must not be copied');
  });
}

test('import-mapbox maps alignment "fully", animations, markers and theme', () => {
  const story = JSON.parse(cli('import-mapbox', 'test/fixtures/mapbox/template-default.js').out);
  assert.equal(story.layout.theme, 'dark');
  assert.equal(story.chapters[2].align, 'full');
  assert.deepEqual(story.chapters[0].camera, { center: [-122.418398, 37.759483], zoom: 8.5, pitch: 60 });
  assert.deepEqual(story.chapters[0].markers, [{ coordinates: [-122.418398, 37.759483], color: '#3FB1CE' }]);
  assert.equal(story.chapters[1].camera.bearing, -43.2);
  const news = JSON.parse(cli('import-mapbox', 'test/fixtures/mapbox/newsroom-layers.js').out);
  assert.equal(news.map.style, 'https://demotiles.maplibre.org/style.json');
  assert.equal(news.map.projection, 'globe');
  assert.equal(news.chapters[0].transition.type, 'ease');
  assert.equal(news.chapters[1].transition.type, 'jump');
  assert.equal(news.chapters[0].body, '<p>The river rose four metres in <strong>two days</strong>.</p>');
  assert.equal(news.subtitle, 'Three decades of high water,\nmapped');
  const mod = JSON.parse(cli('import-mapbox', 'test/fixtures/mapbox/exported-module.js').out);
  assert.deepEqual(mod.chapters.map((c) => c.id), ['north', 'north-2', 'Untitled-id']);
});

test('import-mapbox never runs the config', () => {
  const file = write('evil.js', "require('fs').writeFileSync('" + join(tmp, 'pwned') + "', 'x');\nvar config = { title: 'x', chapters: [{ id: 'a', location: { center: [0, 0], zoom: 1 } }] };");
  const r = cli('import-mapbox', file);
  assert.equal(r.code, 0, r.err);
  assert.throws(() => readFileSync(join(tmp, 'pwned')));
});

test('import-mapbox: a file without a config exits 1 with a reason', () => {
  const r = cli('import-mapbox', write('empty.js', 'const x = 1;'));
  assert.equal(r.code, 1);
  assert.match(r.err, /no config object/);
});

// ---- HTML pages: <map-story> with chapters written as <map-chapter> elements ----------------

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const page = readFileSync(join(root, 'test/fixtures/cli-page.html'), 'utf8');

test('validate page.html: a good page (inline JSON, chapters in HTML) passes; so does one whose JSON is in a file (src)', () => {
  const r = cli('validate', 'test/fixtures/cli-page.html', 'test/fixtures/cli-page-src.html');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /cli-page\.html: valid \(2 chapters\)/);
  assert.match(r.out, /cli-page-src\.html: valid \(2 chapters\)/);
});

test('validate page.html: a zoom of 40 in a camera attribute is reported with the chapter id, the attribute and its line', () => {
  const bad = page.replace(`"center": [20, 40], "zoom": 6}`, `"center": [20, 40], "zoom": 40}`);
  const file = write('zoom-40.html', bad);
  const line = lineOf(bad, '"zoom": 40');
  assert.ok(line > 10);
  const r = cli('validate', file);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /zoom-40\.html: 1 problem/);
  assert.ok(r.out.includes(`  ${line} <map-chapter id="b"> camera (chapters[1].camera.zoom) [out-of-range] 40 is out of range`), r.out);
  const [report] = JSON.parse(cli('validate', '--json', file).out);
  assert.deepEqual(
    (({ code, path, chapterId, attribute, line, file }) => ({ code, path, chapterId, attribute, line, file }))(report.problems[0]),
    { code: 'out-of-range', path: 'chapters[1].camera.zoom', chapterId: 'b', attribute: 'camera', line, file },
  );
});

test('validate page.html: problems in the map part point at their file (src) or at their line in the page (inline)', () => {
  const json = readFileSync(join(root, 'test/fixtures/cli-page-map.json'), 'utf8').replace('"line-width": 4', '"line-width": "wide"');
  write('map-part.json', json);
  const withSrc = write('with-src.html', readFileSync(join(root, 'test/fixtures/cli-page-src.html'), 'utf8').replace('cli-page-map.json', 'map-part.json'));
  const r = cli('validate', withSrc);
  assert.equal(r.code, 1, r.out);
  assert.ok(r.out.includes(`${join(tmp, 'map-part.json')}:${lineOf(json, '"wide"')}:`), r.out);
  assert.match(r.out, /layers\[0\]\.paint\["line-width"\] \[invalid-style\]/);

  const broken = page.replace('"title": "HTML story",', '"title": "HTML story" "oops",');
  const r2 = cli('validate', '--json', write('broken-inline.html', broken));
  assert.equal(r2.code, 1);
  const [problem] = JSON.parse(r2.out)[0].problems;
  assert.equal(problem.code, 'json-syntax');
  assert.equal(problem.line, lineOf(broken, '"oops"'));
  assert.equal(problem.column, broken.split('\n')[problem.line - 1].indexOf('"oops"') + 1);

  const missing = cli('validate', write('missing-src.html', '<map-story src="nowhere.json"></map-story>'));
  assert.equal(missing.code, 1);
  assert.match(missing.out, /\[fetch-failed\] Cannot read the map part "nowhere\.json"/);
});

test('validate page.html: chapters given both in the JSON and as <map-chapter> elements are an error', () => {
  const twice = page.replace('"title": "HTML story",', '"title": "HTML story", "chapters": [{"id": "json", "camera": {"center": [0, 0], "zoom": 2}}],');
  const r = cli('validate', '--json', write('twice.html', twice));
  assert.equal(r.code, 1, r.out);
  const [problem] = JSON.parse(r.out)[0].problems;
  assert.equal(problem.path, 'chapters');
  assert.match(problem.message, /given twice/);
  assert.equal(problem.line, lineOf(twice, '"chapters"'));
});

test('validate page.html: each <map-story> of a page is validated; a page without one is a problem', () => {
  const second = page.replace(`"zoom": 6}`, `"zoom": 60}`);
  const both = write('two-stories.html', `${page}\n${second}`);
  const r = cli('validate', both);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /two-stories\.html \(<map-story> 1 of 2, line \d+\): valid \(2 chapters\)/);
  const line = page.split('\n').length + lineOf(second, '"zoom": 60');
  assert.match(r.out, new RegExp(`two-stories\\.html \\(<map-story> 2 of 2, line \\d+\\): 1 problem\\n  ${line} <map-chapter id="b"> camera`));
  const none = cli('validate', write('no-story.html', '<p>An article</p>\n<!-- <map-story></map-story> -->\n<script>const s = "<map-story>";</script>'));
  assert.equal(none.code, 1);
  assert.match(none.out, /\[no-story\] No <map-story> element/);
});
