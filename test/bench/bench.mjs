#!/usr/bin/env node
// npm run bench: map-story against bare MapLibre (same style, same cameras, IntersectionObserver
// + flyTo), in headless Chromium, on two devices (harness.mjs MODES): a desktop at this
// machine's speed, and a phone with a 4x slower CPU. Several runs, medians and min-max, ratios
// ours/bare pair by pair. Needs `npm run build` (the bench measures the standalone bundle readers get).
//   node test/bench/bench.mjs [--runs=5] [--modes=normal,slow] [--json=bench-results/latest.json]
//   [--only=load] page load only (text paint, first idle), [--only=scrub] scrub vs trigger mode,
//   [--only=profile] where the scroll's main-thread time goes, map-story and the reference,
//   [--only=compare] a comparison chapter against the same chapter as a plain flight (frames)
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODES, startHarness } from './harness.mjs';
import { measure } from './measure.mjs';
import { ScrollProfile, printProfiles } from './profile.mjs';
import { reportMode, reportSynthetic } from './report.mjs';
import { fmt, pad, pooled, ratio, stat } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const RUNS = Number(arg('runs', 5));
const modes = arg('modes', 'normal,slow').split(',');
for (const mode of modes) if (!MODES[mode]) throw new Error(`--modes: ${mode} is not one of ${Object.keys(MODES).join(', ')}`);
const jsonOut = arg('json', 'bench-results/latest.json');
if (!existsSync(join(root, 'dist/standalone/map-story.js'))) {
  console.error('Run `npm run build` first: the bench measures dist/standalone.');
  process.exit(2);
}

// ---- synthetic stories ------------------------------------------------------------------
mkdirSync(join(root, 'bench-results'), { recursive: true });
const synthetic = (n) => ({
  version: 1,
  title: `Synthetic story, ${n} chapters`,
  chapters: Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    title: `Chapter ${i + 1}`,
    body: `Chapter ${i + 1} of ${n}. A paragraph of text long enough to wrap over a few lines, as chapters do in real stories.\n\nA second paragraph.`,
    camera: { center: [((i * 37) % 300) - 150, ((i * 23) % 120) - 60], zoom: 2 + (i % 5) },
    transition: { type: 'fly', duration: 600 },
  })),
});
for (const n of [10, 200]) writeFileSync(join(root, `bench-results/synthetic-${n}.json`), JSON.stringify(synthetic(n)));
const tartusStory = JSON.parse(readFileSync(join(root, 'stories/tartus-withdrawal.json'), 'utf8'));
/** The chapters whose camera follows the scroll (scrubbed); the reference flies to them. */
const SCRUBBED = new Set(tartusStory.chapters.flatMap((c, i) => (c.transition?.type === 'scrub' ? [i] : [])));
// The Tartus story in trigger mode: every scrubbed chapter flies instead (URLs made absolute).
{
  const story = structuredClone(tartusStory);
  const abs = (u) => `/stories/${u}`;
  for (const src of Object.values(story.sources)) src.data = abs(src.data);
  story.map.detail = story.map.detail.map(abs);
  for (const c of story.chapters) if (c.transition?.type === 'scrub') c.transition = { type: 'fly' };
  writeFileSync(join(root, 'bench-results/tartus-trigger.json'), JSON.stringify(story));
}

// A comparison chapter (two clipped layers, the after side's basemap in the other theme), and
// the same story with that chapter a plain flight showing both layers: what a comparison costs
// while scrolling through it.
const compareStory = (compare) => {
  const area = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[5, 30], [25, 30], [25, 42], [5, 42], [5, 30]]] } };
  const text = 'A paragraph of text long enough to wrap over a few lines, as chapters do in real stories.\n\n'.repeat(4);
  const chapter = (id, center, zoom, extra = {}) => ({ id, title: id, body: text, camera: { center, zoom }, transition: { type: 'fly', duration: 600 }, ...extra });
  return {
    version: 1,
    title: `Comparison (${compare ? 'divider' : 'plain flight'})`,
    sources: { a: { type: 'geojson', data: area }, b: { type: 'geojson', data: area } },
    layers: [
      { id: 'before', type: 'fill', source: 'a', paint: { 'fill-color': '#d62728', 'fill-opacity': 0.5 } },
      { id: 'after', type: 'fill', source: 'b', paint: { 'fill-color': '#1f5fbf', 'fill-opacity': 0.5 } },
    ],
    chapters: [
      chapter('start', [30, 35], 4),
      chapter('compare', [14.2, 37.4], 6, compare
        ? { compare: { before: { label: 'Before', layers: ['before'] }, after: { label: 'After', layers: ['after'], theme: 'dark' } } }
        : { layers: { show: ['before', 'after'] } }),
      chapter('end', [14.2, 37.4], 6, { layers: { hide: ['before', 'after'] } }),
    ],
  };
};
writeFileSync(join(root, 'bench-results/compare.json'), JSON.stringify(compareStory(true)));
writeFileSync(join(root, 'bench-results/compare-plain.json'), JSON.stringify(compareStory(false)));

// ---- the bare page, bundled and minified like ours (MapLibre's worker beside it) -------------
// Split like ours: the basemap's tile modules are chunks, loaded as MapLibre asks for tiles.
await build({
  entryPoints: { 'bare.bundle': join(root, 'test/bench/bare.js') }, bundle: true, splitting: true, format: 'esm', minify: true, sourcemap: true,
  outdir: join(root, 'bench-results'), chunkNames: '[name]-[hash]', logLevel: 'error',
});
copyFileSync(join(root, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), join(root, 'bench-results/maplibre-gl-worker.mjs'));

const harness = await startHarness(root);
const pages = {
  ours: (story) => `${harness.origin}/test/bench/ours.html?story=${encodeURIComponent(story)}`,
  bare: (story) => `${harness.origin}/test/bench/bare.html?story=${encodeURIComponent(story)}`,
};
const tartus = '/stories/tartus-withdrawal.json';

/** Runs each page once per round, in a rotating order, so drift on the machine hits all alike. */
async function runRounds(urls, options, { rounds = RUNS, mode = 'normal' } = {}) {
  const names = Object.keys(urls);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  process.stderr.write(`bench (${mode}): ${names.join(', ')} `);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      const opened = await harness.open(mode);
      out[name].push(await measure(opened, urls[name], options));
      process.stderr.write('.');
      await opened.close();
    }
  }
  process.stderr.write('\n');
  return out;
}
const pair = (story) => ({ ours: pages.ours(story), bare: pages.bare(story) });
const finish = async (name, results) => {
  await harness.close();
  writeFileSync(join(root, `bench-results/${name}.json`), JSON.stringify(results, null, 2));
};

/** Scrolling through a comparison chapter vs the same chapter as a plain flight (desktop mode): prints the frame figures. */
async function compareBench() {
  const runs = await runRounds({ ours: pages.ours('/bench-results/compare.json'), bare: pages.ours('/bench-results/compare-plain.json') }, { scroll: true });
  console.log('\nComparison chapter (divider scrubbed by the scroll, clipped layers, other-theme basemap on one side) vs the same chapter as a plain flight, wheel scroll: median (min-max)');
  console.log(`${pad('', 30)}${pad('comparison', 24)}${pad('plain flight', 24)}ratio`);
  for (const key of ['longTasks', 'longTaskMs', 'frameP50', 'frameP95', 'frameMax', 'scriptMs']) {
    console.log(`${pad(key, 30)}${pad(fmt(stat(runs.ours, key)), 24)}${pad(fmt(stat(runs.bare, key)), 24)}${ratio(runs, key).toFixed(2)}`);
  }
  console.log(`${pad('frame p95, pooled runs, ms', 30)}${pad(pooled(runs.ours, 0.95).toFixed(1), 24)}${pad(pooled(runs.bare, 0.95).toFixed(1), 24)}`);
  return runs;
}

console.log(`map-story bench: ${RUNS} runs each, Chromium ${harness.browser.version()}`);
const results = { date: new Date().toISOString(), runs: RUNS };
const only = arg('only', '');
if (only === 'profile') {
  for (const mode of modes) {
    const profile = new ScrollProfile(root, harness.origin);
    const runs = (results[mode] = await runRounds(pair(tartus), { profile }, { mode }));
    for (const [name, label] of [['ours', 'map-story'], ['bare', 'bare MapLibre']]) {
      console.log(`\n${MODES[mode].label}, ${label} (profiler on): long tasks while settling ${fmt(stat(runs[name], 'settleLongTaskMs'), 0)} ms, script in scroll ${fmt(stat(runs[name], 'scriptMs'), 0)} ms`);
      for (const phase of ['load', 'scroll']) printProfiles(`${MODES[mode].label}, ${label}`, runs[name].map((r) => r.profile), phase);
    }
  }
  await finish('profile', results);
  process.exit(0);
}
if (only === 'compare') {
  results.compare = await compareBench();
  await finish('compare-bench', results);
  process.exit(0);
}
if (only === 'scrub') {
  // map-story scrubbing (ours) against the same story in trigger mode ('bare' slot).
  results.scrub = await runRounds({ ours: pages.ours(tartus), bare: pages.ours('/bench-results/tartus-trigger.json') }, { scroll: true });
  console.log('\nTartus story, wheel scroll through every chapter: scrub (Baltic chapter scrubbed) vs trigger mode (it flies)');
  console.log(`${pad('', 30)}${pad('scrub', 24)}${pad('trigger', 24)}`);
  for (const key of ['longTasks', 'longTaskMs', 'frameP50', 'frameP95', 'frameMax', 'scriptMs']) {
    console.log(`${pad(key, 30)}${pad(fmt(stat(results.scrub.ours, key)), 24)}${pad(fmt(stat(results.scrub.bare, key)), 24)}`);
  }
  await finish('scrub', results);
  process.exit(0);
}
if (only === 'load') {
  // Page load only (no scroll): quicker, for many runs of the first-idle figure.
  for (const mode of modes) {
    const load = (results[mode] = await runRounds(pair(tartus), { scroll: false }, { mode }));
    console.log(`\nTartus story, ${MODES[mode].label}, page load: median (min-max); ratio = median of ours/bare per run pair`);
    for (const key of ['textMs', 'idleMs']) {
      console.log(`${key.padEnd(10)} map-story ${fmt(stat(load.ours, key), 0).padEnd(20)} bare ${fmt(stat(load.bare, key), 0).padEnd(20)} ratio ${ratio(load, key).toFixed(2)}`);
    }
    const kb = (r, k) => ((r.idleBytes[k]?.gzip ?? 0) / 1024).toFixed(1);
    for (const name of ['ours', 'bare']) {
      const r = load[name][0];
      console.log(`to first idle, ${name}, KB gzip (first run): script ${kb(r, 'script')}, maplibre ${kb(r, 'maplibre')}, data ${kb(r, 'data')}, css ${kb(r, 'css')}`);
    }
  }
  await finish('load', results);
  process.exit(0);
}
for (const mode of modes) results[mode] = await runRounds(pair(tartus), { scroll: true }, { mode });
// 200 vs 10 chapters, run in the same rounds (ratios taken round by round), and bare MapLibre
// with 200 chapters for the switch cost of the simplest driver. Twice as many rounds: page
// loads are quick, and first text paint (~200 ms) varies by a third from load to load (per-round
// ratios 0.5-1.6), more than the 1.2x budget's margin.
const SYNTHETIC_ROUNDS = RUNS * 2;
{
  const s200 = '/bench-results/synthetic-200.json';
  const rounds = await runRounds({ ours200: pages.ours(s200), ours10: pages.ours('/bench-results/synthetic-10.json'), bare200: pages.bare(s200) }, { scroll: false, switches: 200 }, { rounds: SYNTHETIC_ROUNDS });
  results.synthetic200 = { ours: rounds.ours200, bare: rounds.bare200 };
  results.synthetic10 = rounds.ours10;
}
results.compare = await compareBench();
await harness.close();

// ---- report -----------------------------------------------------------------------------
const budgets = [];
for (const mode of modes) budgets.push(...reportMode(results[mode], { label: MODES[mode].label, scrubbed: SCRUBBED, chapters: tartusStory.chapters }));
budgets.push(...reportSynthetic(results, SYNTHETIC_ROUNDS));
console.log('\nBudgets');
for (const [name, ok, value] of budgets) console.log(`  ${ok ? 'ok  ' : 'OVER'} ${pad(name, 58)} ${value}`);
results.budgets = budgets.map(([name, ok, value]) => ({ name, ok, value }));
mkdirSync(dirname(join(root, jsonOut)), { recursive: true });
writeFileSync(join(root, jsonOut), JSON.stringify(results, null, 2));
console.log(`\nJSON: ${jsonOut}`);
