// The bench's tables and budgets.
import { fmt, heightGap, median, pad, pooled, ratio, segmentOf, shareAbove, stat, tail, timeAbove } from './stats.mjs';

/**
 * Own code + runtime dependencies without MapLibre in the standalone bundle, KB gzip. The
 * budget readers' pages are held to is 40 KB on a bundler's page (test/node/consumers.test.mjs,
 * Vite); the standalone entry also carries the wording of problems (~2.5 KB), because it
 * exports the synchronous `validateStory`, which a bundler leaves out of a page that does not
 * call it.
 */
const STANDALONE_BUDGET_KB = 43;
/** What the Tartus story may transfer before its map is first idle, KB gzip (issue 25: 0.6x the template peer's 994). */
const IDLE_BUDGET_KB = { total: 600, data: 80 };

/** A frame interval past one display frame and a half (16.7 ms): at least one frame dropped. */
const DROPPED_MS = 25;
/** How far apart the two pages' heights may be, as a share. */
const SAME_LENGTH = 0.01;
const KEYS = [['pageHeight', 'page height, px', 0], ['textMs', 'first text paint, ms'], ['idleMs', 'first map idle, ms'], ['settleMs', 'idle to settled, ms'], ['settleLongTaskMs', 'long tasks while settling, ms'], ['longTasks', 'long tasks during scroll', 0], ['longTaskMs', 'long tasks during scroll, ms'], ['blockingMs', 'blocking time in scroll (past 50 ms), ms'], ['frameP50', 'frame interval p50, ms'], ['frameP95', 'frame interval p95, ms'], ['frameMax', 'frame interval max, ms'], ['scriptMs', 'main-thread script, ms'], ['heapMB', 'JS heap after, MB']];
const table = (rows) => {
  console.log(`${pad('', 38)}${pad('map-story', 24)}${pad('bare MapLibre', 24)}ratio`);
  for (const r of rows) console.log(`${pad(r[0], 38)}${pad(r[1], 24)}${pad(r[2], 24)}${r[3]}`);
};

/** Prints one mode's Tartus table and its chapters apart (scrubbed vs flown); returns its budgets as [name, ok, value]. */
export function reportMode(runs, { label, scrubbed, chapters }) {
  const rows = [];
  for (const [key, name, d = 1] of KEYS) {
    const bareZero = stat(runs.bare, key).median === 0;
    rows.push([name, fmt(stat(runs.ours, key), d), fmt(stat(runs.bare, key), d), bareZero ? '-' : ratio(runs, key).toFixed(2)]);
  }
  for (const p of [0.5, 0.95]) {
    rows.push([`frame interval p${p * 100}, pooled runs, ms`, pooled(runs.ours, p).toFixed(1), pooled(runs.bare, p).toFixed(1), (pooled(runs.ours, p) / pooled(runs.bare, p)).toFixed(2)]);
  }
  rows.push(['slowest 5% of frames, mean, ms', tail(runs.ours).toFixed(1), tail(runs.bare).toFixed(1), (tail(runs.ours) / tail(runs.bare)).toFixed(2)]);
  // Share of frames slower than the reference's pooled p95 (what decides the p95 budget), with
  // a 95% interval of the difference from resampling whole runs (frames of one run are not independent).
  const p95Bare = pooled(runs.bare, 0.95);
  const resample = (xs) => xs.map(() => xs[Math.floor(Math.random() * xs.length)]);
  const diffs = Array.from({ length: 2000 }, () => shareAbove(resample(runs.ours), p95Bare) - shareAbove(resample(runs.bare), p95Bare)).sort((a, b) => a - b);
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  rows.push([`frames > bare p95 (${p95Bare.toFixed(0)} ms)`, pct(shareAbove(runs.ours, p95Bare)), pct(shareAbove(runs.bare, p95Bare)), `diff 95% CI ${pct(diffs[50])} to ${pct(diffs[1949])}`]);
  // Time in frames that missed a display frame and a half (two or more frames shown as one).
  rows.push([`scroll time in frames > ${DROPPED_MS} ms`, pct(timeAbove(runs.ours, DROPPED_MS)), pct(timeAbove(runs.bare, DROPPED_MS)), '']);
  const bytesOf = (xs, k) => median(xs.map((r) => r.bytes[k]?.gzip ?? 0)) / 1024;
  for (const k of ['script', 'maplibre', 'css', 'data', 'other']) rows.push([`bytes ${k}, KB gzip`, bytesOf(runs.ours, k).toFixed(1), bytesOf(runs.bare, k).toFixed(1), '']);
  // What a reader pays before the map is first idle (the rest loads as they read).
  const idleOf = (xs, k) => median(xs.map((r) => (k ? r.idleBytes?.[k]?.gzip ?? 0 : Object.entries(r.idleBytes ?? {}).reduce((a, [kind, b]) => a + (kind === 'bench' ? 0 : b.gzip), 0)))) / 1024;
  for (const k of ['script', 'maplibre', 'data', undefined]) rows.push([`to first idle: ${k ?? 'total'}, KB gzip`, idleOf(runs.ours, k).toFixed(1), idleOf(runs.bare, k).toFixed(1), '']);
  console.log(`\nTartus story (${chapters.length} chapters), ${label}: median (min-max); ratio = median of ours/bare per run pair`);
  table(rows);

  // The scrubbed chapter moves the camera with every frame of scroll (the reference flies there
  // once): its frames apart from the flown chapters'.
  const names = [...scrubbed].map((i) => chapters[i].id).join(', ');
  for (const [part, keep] of [[`flown chapters (all but ${names})`, (c) => !scrubbed.has(c)], [`scrubbed chapter (${names}; the reference flies)`, (c) => scrubbed.has(c)]]) {
    const ours = runs.ours.map((r) => segmentOf(r, keep));
    const bare = runs.bare.map((r) => segmentOf(r, keep));
    const both = { ours, bare };
    const n = (xs) => xs.reduce((a, s) => a + s.intervals.length, 0) / xs.length;
    console.log(`\n  ${part}, ${label}`);
    table([
      ['  frames per run', n(ours).toFixed(0), n(bare).toFixed(0), ''],
      ['  frame interval p50, pooled, ms', pooled(ours, 0.5).toFixed(1), pooled(bare, 0.5).toFixed(1), (pooled(ours, 0.5) / pooled(bare, 0.5)).toFixed(2)],
      ['  frame interval p95, pooled, ms', pooled(ours, 0.95).toFixed(1), pooled(bare, 0.95).toFixed(1), (pooled(ours, 0.95) / pooled(bare, 0.95)).toFixed(2)],
      ['  main-thread script, ms', fmt(stat(ours, 'scriptMs'), 0), fmt(stat(bare, 'scriptMs'), 0), ratio(both, 'scriptMs').toFixed(2)],
      ['  long tasks', fmt(stat(ours, 'longTasks'), 0), fmt(stat(bare, 'longTasks'), 0), ''],
      ['  long tasks, ms', fmt(stat(ours, 'longTaskMs'), 0), fmt(stat(bare, 'longTaskMs'), 0), ''],
      ['  blocking time (past 50 ms), ms', fmt(stat(ours, 'blockingMs'), 0), fmt(stat(bare, 'blockingMs'), 0), ''],
    ]);
  }

  const r = (key) => ratio(runs, key);
  const p = (q) => pooled(runs.ours, q) / pooled(runs.bare, q);
  const ownKB = bytesOf(runs.ours, 'script');
  const settleOurs = stat(runs.ours, 'settleLongTaskMs').median;
  const settleBare = stat(runs.bare, 'settleLongTaskMs').median;
  const tag = label.split(',')[0];
  const idleTotal = idleOf(runs.ours);
  const idleData = idleOf(runs.ours, 'data');
  const gap = heightGap(runs.ours, runs.bare);
  return [
    // Not a budget of map-story's but of the bench: its figures compare like with like only if both pages scroll as far.
    [`${tag}: both pages scroll the same length (within ${SAME_LENGTH * 100}%)`, gap <= SAME_LENGTH, `${(gap * 100).toFixed(2)}% apart`],
    [`${tag}: standalone own code + deps <= ${STANDALONE_BUDGET_KB} KB gzip`, ownKB <= STANDALONE_BUDGET_KB, `${ownKB.toFixed(1)} KB`],
    [`${tag}: to first idle < ${IDLE_BUDGET_KB.total} KB gzip, data < ${IDLE_BUDGET_KB.data}`, idleTotal < IDLE_BUDGET_KB.total && idleData < IDLE_BUDGET_KB.data, `${idleTotal.toFixed(0)} KB, data ${idleData.toFixed(0)}`],
    [`${tag}: first map idle <= 1.10x bare`, r('idleMs') <= 1.1, `${r('idleMs').toFixed(2)}x`],
    [`${tag}: frame interval p50 <= 1.10x bare (pooled)`, p(0.5) <= 1.1, `${p(0.5).toFixed(2)}x`],
    [`${tag}: frame interval p95 <= 1.05x bare (pooled)`, p(0.95) <= 1.05, `${p(0.95).toFixed(2)}x`],
    [`${tag}: main-thread script in scroll <= 1.10x bare`, r('scriptMs') <= 1.1, `${r('scriptMs').toFixed(2)}x`],
    [`${tag}: long tasks during scroll 0 (median)`, stat(runs.ours, 'longTasks').median === 0, `${stat(runs.ours, 'longTasks').median}`],
    [`${tag}: long tasks while settling <= bare + 100 ms`, settleOurs <= settleBare + 100, `${settleOurs.toFixed(0)} vs ${settleBare.toFixed(0)} ms`],
  ];
}

/** Prints 200 vs 10 chapters; returns their budgets. */
export function reportSynthetic({ synthetic200: s200, synthetic10: s10 }, rounds) {
  console.log(`\n200 vs 10 chapters (map-story, desktop, ${rounds} rounds): init = first text paint; switch = goTo() cost; ratio = median of per-round ratios`);
  console.log(`${pad('', 38)}${pad('10 chapters', 24)}${pad('200 chapters', 24)}ratio`);
  const roundRatio = (key) => median(s200.ours.map((o, i) => o[key] / (s10[i][key] || 1e-9)));
  const initRatio = roundRatio('textMs');
  const switchRatio = roundRatio('switchMs');
  console.log(`${pad('init, ms', 38)}${pad(fmt(stat(s10, 'textMs')), 24)}${pad(fmt(stat(s200.ours, 'textMs')), 24)}${initRatio.toFixed(2)}`);
  console.log(`${pad('chapter switch, ms', 38)}${pad(fmt(stat(s10, 'switchMs'), 2), 24)}${pad(fmt(stat(s200.ours, 'switchMs'), 2), 24)}${switchRatio.toFixed(2)}`);
  console.log(`${pad('bare, 200 chapters: switch ms', 38)}${pad('', 24)}${pad(fmt(stat(s200.bare, 'switchMs'), 2), 24)}`);
  return [
    ['200-chapter init <= 1.2x 10-chapter', initRatio <= 1.2, `${initRatio.toFixed(2)}x`],
    ['200-chapter switch <= 1.2x 10-chapter', switchRatio <= 1.2, `${switchRatio.toFixed(2)}x`],
  ];
}
