// The npm package: what `npm pack` ships, the docs against the manifest, and the packed
// standalone module working in a bare HTML page (no bundler, no node_modules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, chromePath } from '../chrome-path.mjs';
import { serve } from '../consumers/static-server.mjs';

const root = new URL('../../', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack ships dist, types, schema, manifest, README and LICENSE, and no tests, demo or source maps', () => {
  const [info] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  const files = info.files.map((f) => f.path);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/map-story.js', 'dist/standalone/map-story.js', 'dist/standalone/maplibre-gl-worker.mjs', 'dist/types/index.d.ts', 'dist/types/map-story.d.ts', 'dist/cli.js', 'dist/custom-elements.json', 'stories/story.schema.json']) {
    assert.ok(files.includes(needed), `missing ${needed}`);
  }
  assert.ok(files.some((f) => /^dist\/standalone\/basemap-0-0-0-.*\.js$/.test(f)), 'basemap tiles (standalone)');
  assert.ok(files.some((f) => /^dist\/chunks\/basemap-0-0-0-.*\.js$/.test(f)), 'basemap tiles (npm)');
  for (const f of files) {
    assert.ok(!/^(test|demo|src)\//.test(f), `should not ship ${f}`);
    assert.ok(!f.endsWith('.map'), `should not ship source map ${f}`);
  }
});

test('the custom elements manifest names shipped files and types every event', () => {
  const [info] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  const files = new Set(info.files.map((f) => f.path));
  const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
  for (const mod of manifest.modules) {
    assert.ok(files.has(mod.path), `manifest module ${mod.path} is not in the package`);
    for (const e of mod.exports ?? []) if (e.declaration?.module) assert.ok(files.has(e.declaration.module), `export ${e.name} points at ${e.declaration.module}`);
  }
  const definition = manifest.modules.flatMap((m) => m.exports ?? []).find((e) => e.kind === 'custom-element-definition');
  assert.equal(definition?.name, 'map-story');
  const el = manifest.modules.flatMap((m) => m.declarations).find((d) => d.customElement);
  for (const e of el.events) assert.match(e.type?.text ?? '', /^CustomEvent<\w+Detail>$/, `event ${e.name} has no detail type`);
});

test('the README API tables match the custom elements manifest', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
  const el = manifest.modules.flatMap((m) => m.declarations).find((d) => d.customElement);
  assert.equal(el.tagName, 'map-story');
  const mention = (name, what) => assert.ok(readme.includes(`\`${name}\``), `README does not document ${what} \`${name}\``);
  for (const a of el.attributes) mention(a.name, 'attribute');
  for (const m of el.members.filter((m) => m.kind === 'field' || m.kind === 'method')) {
    if (m.kind === 'method') assert.ok(readme.includes(`\`${m.name}(`), `README does not document method ${m.name}`);
    else mention(m.name, 'property');
  }
  for (const e of el.events) mention(e.name, 'event');
  for (const p of el.cssParts) mention(p.name, 'CSS part');
  for (const p of el.cssProperties) mention(p.name, 'custom property');
  // And nothing documented that the element does not have.
  const documentedEvents = [...readme.matchAll(/`(map-story-[a-z-]+)`/g)].map((m) => m[1]);
  for (const e of documentedEvents) assert.ok(el.events.some((x) => x.name === e), `README documents unknown event ${e}`);
});

test('the README story format reference is generated from the schema (not stale)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /<!-- story-format:start -->\n([\s\S]*?)\n<!-- story-format:end -->/.exec(readme)?.[1] ?? '';
  const generated = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'schema', '--markdown'], { encoding: 'utf8' }).stdout.trim();
  assert.equal(section.trim(), generated, 'README story format is stale: run `npm run docs`');
});

test('the browser builds keep the descriptions errors show (required fields) and leave out the optional fields\' ones', async () => {
  const { readdirSync } = await import('node:fs');
  const schema = JSON.parse(readFileSync(join(root, 'stories/story.schema.json'), 'utf8'));
  const chapter = schema.properties.chapters.items;
  // (descriptions without quotes, which a minifier may escape)
  const required = [schema.properties.title.description, schema.properties.chapters.description];
  const optional = [schema.properties.subtitle.description, chapter.properties.markers.items.properties.color.description];
  // The npm build: its entry file and chunks; the standalone build: its folder.
  const builds = { 'dist/standalone': ['dist/standalone'], 'dist (npm)': ['dist', 'dist/chunks'] };
  for (const [dir, folders] of Object.entries(builds)) {
    const code = folders.flatMap((folder) => readdirSync(join(root, folder)).filter((f) => f.endsWith('.js') && f !== 'cli.js').map((f) => readFileSync(join(root, folder, f), 'utf8'))).join('\n');
    for (const d of required) assert.ok(code.includes(d), `${dir}: a required field's description is gone: ${d}`);
    for (const d of optional) assert.ok(!code.includes(d), `${dir}: an optional field's description is shipped: ${d}`);
  }
});

test('the packed standalone module works in a bare HTML page: the map renders and chapters change on scroll', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'map-story-pack-'));
  const [info] = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
  execFileSync('tar', ['-xzf', join(dir, info.filename), '-C', dir]);
  const site = join(dir, 'package', 'dist');
  copyFileSync(join(root, 'test/fixtures/test-story.json'), join(site, 'story.json'));
  writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>packed</title>
<script type="module" src="standalone/map-story.js"></script></head>
<body style="margin:0"><map-story src="story.json"></map-story><div style="height:100vh"></div></body></html>`);
  const server = await serve(site);
  const browser = await chromium.launch({
    executablePath: chromePath(),
    args: CHROME_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}index.html`);
    await page.waitForFunction(() => document.querySelector('map-story')?.map?.loaded(), null, { timeout: 60_000 });
    const colours = await page.evaluate(() => new Promise((resolve) => {
      const map = document.querySelector('map-story').map;
      map.once('idle', () => {
        map.once('render', () => {
          const c = document.createElement('canvas');
          const src = map.getCanvas();
          c.width = src.width;
          c.height = src.height;
          const ctx = c.getContext('2d');
          ctx.drawImage(src, 0, 0);
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          const set = new Set();
          for (let i = 0; i < d.length; i += 4 * 101) set.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
          resolve(set.size);
        });
        map.triggerRepaint();
      });
      map.triggerRepaint();
    }));
    assert.ok(colours > 2, `the map is blank (${colours} colours)`);
    const entered = await page.evaluate(() => new Promise((resolve) => {
      const el = document.querySelector('map-story');
      el.addEventListener('map-story-chapter-enter', (e) => { if (e.detail.chapterId === 'three') resolve(e.detail.chapterId); });
      el.shadowRoot.querySelector('#chapter-three').scrollIntoView({ block: 'center' });
    }));
    assert.equal(entered, 'three');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
