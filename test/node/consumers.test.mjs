// The consumer matrix: the packed tarball (`npm pack`) in fresh apps built by Vite (build and
// dev server), webpack 5, esbuild, Rollup and Parcel 2, and the standalone build in a plain
// page; each served by a static server that answers 404 for unknown paths and opened in
// Chromium. What users run, not our own pages (test/consumers/README.md says how to add one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APPS } from '../consumers/apps.mjs';
import { checkPage, launch } from '../consumers/check-page.mjs';
import { serve } from '../consumers/static-server.mjs';

const root = new URL('../../', import.meta.url).pathname;
const consumers = join(root, 'test', 'consumers');
const work = join(consumers, '.work');
const pkg = join(work, 'node_modules', 'map-story');
/** Own JavaScript (everything but MapLibre and the basemap's data) a Vite build may ship, KB gzip. */
const OWN_JS_BUDGET_KB = 40;

let browser;
before(() => {
  // The packed tarball, unpacked where the apps' imports find it (node_modules above them); its
  // dependencies resolve from the repository's node_modules further up, as hoisted ones do.
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
  execFileSync('tar', ['-xzf', join(work, info.filename), '-C', work]);
  renameSync(join(work, 'package'), pkg);
  cpSync(join(consumers, 'story.json'), join(work, 'story.json'));
});
after(async () => {
  await browser?.close();
});

/** The app's folder in the work area, with a package.json of its own. */
function setUp(app) {
  const dir = join(work, app.name);
  cpSync(join(consumers, app.name), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${app.name}`, private: true, type: 'module' }));
  mkdirSync(join(dir, 'public'), { recursive: true });
  app.prepare?.(dir, pkg);
  return dir;
}

/**
 * The warnings in a build's output about this package's code (must be none): a block of lines
 * (webpack `WARNING in …`, Rollup `(!) …`, Vite and Parcel `⚠`; blocks end at a blank line) whose
 * first line names our files. Others are printed: webpack's own size hints (MapLibre's chunk is
 * 1 MiB) and MapLibre's `new URL(variable, import.meta.url)`, whose import trace passes through
 * map-story, are not ours to fix.
 */
function warningsAboutUs(output, name) {
  const warnings = output.split(/\n\s*\n/).filter((block) => /warn|\(!\)|⚠/i.test(block));
  for (const w of warnings) console.log(`${name} warning (not about map-story's code):\n${w.trim()}`);
  return warnings.filter((block) => /map-story/i.test(block.trim().split('\n')[0]));
}

function assertGood(report, name) {
  assert.equal(report.upgraded, true, `${name}: <map-story> did not upgrade`);
  assert.deepEqual(report.errors, [], `${name}: errors`);
  assert.deepEqual(report.failed, [], `${name}: failed requests`);
  assert.ok(report.sea > 0.05, `${name}: too little sea colour (${report.sea})`);
  assert.ok(report.land > 0.02, `${name}: too little land colour (${report.land})`);
  assert.deepEqual(report.entered, report.chapters, `${name}: chapters entered on scroll`);
  assert.ok(report.chapters.length >= 3, `${name}: chapters rendered`);
}

/** `CONSUMERS=vite,parcel npm …` runs only those (names as in apps.mjs, `vite-dev`). */
const only = process.env.CONSUMERS?.split(',');
const wanted = (name) => !only || only.includes(name);

for (const app of APPS.filter((a) => wanted(a.name))) {
  test(`consumer: ${app.name}`, async () => {
    const dir = setUp(app);
    let output = '';
    for (const [command, args] of app.build(root)) {
      const run = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 300_000 });
      output += `${run.stdout}\n${run.stderr}`;
      assert.equal(run.status, 0, `${app.name} build failed:\n${output}`);
    }
    assert.deepEqual(warningsAboutUs(output, app.name), [], `${app.name}: warnings about map-story`);
    app.after?.(dir);
    const server = await serve(join(dir, app.out));
    try {
      browser ??= await launch();
      const report = await checkPage(browser, `${server.url}index.html`);
      assertGood(report, app.name);
      if (app.name === 'vite') {
        reportOwnJs(join(dir, 'dist'), report.scripts, viteRuntimeBytes());
        assertNoWording(join(dir, 'dist'), report.scripts);
        await checkBadStory(browser, server.url, join(dir, 'dist'));
      }
    } finally {
      await server.close();
    }
  });
}

test('consumer: vite dev server', { skip: !wanted('vite-dev') }, async () => {
  const dir = setUp(APPS.find((a) => a.name === 'vite'));
  const server = spawn(join(root, 'node_modules', '.bin', 'vite'), ['--port', '5199', '--strictPort', '--host', '127.0.0.1'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite dev did not start:\n${output}`)), 60_000);
      server.stdout.on('data', () => { if (output.includes('5199')) { clearTimeout(timer); resolve(); } });
      server.on('exit', (code) => reject(new Error(`vite dev exited ${code}:\n${output}`)));
    });
    browser ??= await launch();
    const report = await checkPage(browser, 'http://127.0.0.1:5199/');
    assertGood(report, 'vite dev');
    assert.deepEqual(warningsAboutUs(output, 'vite dev'), [], 'vite dev: warnings about map-story');
  } finally {
    server.kill();
  }
});

/**
 * The bytes (gzip) of Vite's own runtime in an entry chunk (its modulepreload polyfill and
 * preload helper, which every Vite app with a lazy import carries): a baseline app whose
 * whole script is `import('./lazy.js')`, built with the same defaults.
 */
function viteRuntimeBytes() {
  const dir = join(work, 'vite-baseline');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-vite-baseline', private: true, type: 'module' }));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), "import('./lazy.js').then((m) => console.log(m.default));");
  writeFileSync(join(dir, 'lazy.js'), 'export default 1;');
  const run = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const assets = join(dir, 'dist', 'assets');
  const entry = readdirSync(assets).find((f) => /^index-.*\.js$/.test(f));
  return gzipSync(readFileSync(join(assets, entry))).length;
}

/**
 * Prints the JavaScript the Vite-built page loaded, by kind, and checks the budget of our own:
 * everything but MapLibre (main, worker, CSS), the basemap's data (its tiles, their index, the locator's land), DOMPurify (which loads only
 * for a story with HTML text; this one has some) and Vite's own runtime (`runtime` bytes).
 */
function reportOwnJs(out, scripts, runtime) {
  const kinds = { own: 0, maplibre: 0, data: 0, sanitizer: 0 };
  const kindOf = (file) =>
    /^(maplibre-gl|worker-code|maplibre-css)-/.test(file) ? 'maplibre' : /^(basemap|locator-land)-/.test(file) ? 'data' : /^purify/.test(file) ? 'sanitizer' : 'own';
  for (const path of new Set(scripts)) {
    const file = path.split('/').pop();
    kinds[kindOf(file)] += gzipSync(readFileSync(join(out, path))).length;
  }
  const kb = (n) => (n / 1024).toFixed(1);
  const own = kinds.own - runtime;
  console.log(
    `Vite build, JavaScript the page loaded, KB gzip: map-story and its dependencies ${kb(own)} (budget ${OWN_JS_BUDGET_KB}; ` +
      `${kb(kinds.own)} with Vite's runtime, ${kb(runtime)}); DOMPurify (HTML text only) ${kb(kinds.sanitizer)}; ` +
      `MapLibre (main, worker, CSS) ${kb(kinds.maplibre)}; basemap data ${kb(kinds.data)}`,
  );
  assert.ok(own / 1024 <= OWN_JS_BUDGET_KB, `own JavaScript ${kb(own)} KB gzip is over ${OWN_JS_BUDGET_KB}`);
}

/**
 * Sentences of the messages about problems in a story (src/story/messages.ts): the text of its
 * string literals between substitutions, 25 characters or more.
 */
function problemSentences() {
  const text = readFileSync(join(root, 'src', 'story', 'messages.ts'), 'utf8');
  const literals = text.slice(text.indexOf('export const messages')).match(/`(?:[^`$]|\$\{(?:[^{}]|\{[^}]*\})*\}|\$)*`|'[^'\n]*'/g) ?? [];
  return literals.flatMap((l) => l.slice(1, -1).split(/\$\{(?:[^{}]|\{[^}]*\})*\}/)).filter((s) => s.length >= 25 && !/[`$]/.test(s));
}

/**
 * The wording of problems loads only for a story that has one: no script the good story's
 * page loaded holds a sentence of messages.ts (src/story/found.ts says how).
 */
function assertNoWording(out, scripts) {
  const sentences = problemSentences();
  assert.ok(sentences.length >= 20, `only ${sentences.length} sentences read from messages.ts`);
  for (const path of new Set(scripts)) {
    const text = readFileSync(join(out, path), 'utf8');
    const found = sentences.filter((s) => text.includes(s));
    assert.deepEqual(found, [], `${path}, loaded for a good story, holds the wording of problems`);
  }
}

/**
 * The same build with a bad story: its problems are worded in full (after the lazy import),
 * in the component's panel and in `map-story-error` (one event, all the problems in `problems`).
 */
async function checkBadStory(browser, url, out) {
  const story = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8'));
  story.chapters[0].camera.zoom = 40;
  story.chapters[1].titel = 'Misspelt';
  writeFileSync(join(out, 'bad.json'), JSON.stringify(story));
  writeFileSync(join(out, 'bad.html'), readFileSync(join(out, 'index.html'), 'utf8').replace('src="story.json"', 'src="bad.json"'));
  const page = await browser.newPage();
  try {
    await page.addInitScript(() => {
      window.__errors = [];
      document.addEventListener('map-story-error', (e) => window.__errors.push(e.detail));
    });
    await page.goto(`${url}bad.html`);
    await page.waitForFunction(() => window.__errors.length && document.querySelector('map-story').shadowRoot.querySelector('.errors'), null, { timeout: 60_000 });
    const errors = await page.evaluate(() => window.__errors.flatMap((e) => e.problems).map((p) => `${p.path}: ${p.message}`));
    const panel = await page.evaluate(() => document.querySelector('map-story').shadowRoot.querySelector('.errors').textContent.replace(/\s+/g, ' '));
    const expected = ['chapters[0].camera.zoom: 40 is out of range: it must be at most 24.', `chapters[1].titel: Unknown field "titel": did you mean "title"?`];
    assert.deepEqual(errors, expected);
    for (const line of expected) assert.ok(panel.includes(line.slice(line.indexOf(': ') + 2)), `the panel shows "${line}": ${panel}`);
    assert.match(panel, /This story has 2 problems/);
  } finally {
    await page.close();
  }
}

test('consumer: Node imports the package, validates a story, and runs the CLI', { skip: !wanted('node') }, () => {
  const dir = join(work, 'node');
  cpSync(join(consumers, 'node'), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-node', private: true, type: 'module' }));
  const run = spawnSync(process.execPath, ['check.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.element, 'function');
  assert.equal(out.good, true);
  assert.equal(out.bad, false);
  assert.match(out.problem.path, /zoom/);
  assert.match(out.problem.message, /40/);
  assert.equal(out.problem.chapterId, 'one');
  // The CLI, as `npx map-story validate` runs it from the installed package.
  const cli = spawnSync(process.execPath, [join(pkg, 'dist', 'cli.js'), 'validate', join(work, 'story.json')], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /valid \(3 chapters\)/);
});

test('consumer: TypeScript (tsc --strict): typed story and events; a misspelt field is an error', { skip: !wanted('typescript') }, () => {
  const dir = join(work, 'typescript');
  cpSync(join(consumers, 'typescript'), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-typescript', private: true, type: 'module' }));
  // app.ts marks the lines that must not compile with @ts-expect-error: tsc fails if one does.
  const run = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
});
