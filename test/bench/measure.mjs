// One measured page load (and, by default, a reader's scroll through the whole story).
import { gzipSync } from 'node:zlib';
import { kind } from './harness.mjs';
import { blockingMs } from './stats.mjs';

/** A reader starts scrolling once the page has settled: 1 s after first map idle with no long task. */
const QUIET_MS = 1000;
/** A reader's steady wheel scroll: notches of this many px, one per `NOTCH_MS`, to the end of the page. */
const NOTCH_PX = 300;
const NOTCH_MS = 50;
const MAX_NOTCHES = 200;

const metricsOf = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

/**
 * Loads `url` in `page` and measures it: text paint, first map idle, and with `scroll` the
 * settling after it and the scroll. The page's probe sets `window.__bench` ({ textAt, idleAt })
 * and `window.__chapter()` (the active chapter's index, or -1), so every frame interval, long
 * task and slice of script time during the scroll is attributed to the chapter active then
 * (`segments`: per chapter index, { intervals, scriptMs, longTasks: [ms] }). With `profile` (a
 * ScrollProfile), the main thread is sampled from navigation until settled, and during the scroll.
 */
export async function measure({ page, cdp }, url, { scroll = true, switches = 0, profile } = {}) {
  // Bodies are read once the timed part is over: reading them while the page loads (a DevTools
  // round trip per request) slowed the page with more requests more.
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  await cdp.send('Performance.enable');
  const t0 = Date.now();
  if (profile && scroll) await profile.start(cdp);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.textAt && window.__bench?.idleAt, null, { timeout: 120_000, polling: 50 });
  const atIdle = finished.length; // requests finished by first idle (seen within a 50 ms poll)
  const { textAt, idleAt } = await page.evaluate(() => window.__bench);
  const result = { textMs: textAt, idleMs: idleAt };
  // Both pages lay out the same text: the scroll is as long in both (checked in the table).
  result.pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  if (scroll) {
    Object.assign(result, await settle(page));
    const settling = profile && (await profile.stop(cdp));
    if (profile) await profile.start(cdp);
    Object.assign(result, await scrollThrough(page, cdp));
    if (profile) result.profile = { load: settling, scroll: await profile.stop(cdp) };
  }
  if (switches) result.switchMs = await page.evaluate((n) => window.__switchCost(n), switches);
  result.wallMs = Date.now() - t0;
  result.bytes = await countBytes(finished);
  result.idleBytes = await countBytes(finished.slice(0, atIdle));
  return result;
}

/** Waits for the page to settle (as a reader reading the title would), and what settling cost: long tasks begun after first idle. */
function settle(page) {
  return page.evaluate(async (quiet) => {
    const idleAt = window.__bench.idleAt;
    const start = performance.now();
    const lastEnd = () => Math.max(idleAt, ...window.__longTasks.map(([t, d]) => t + d));
    while (performance.now() - lastEnd() < quiet && performance.now() - start < 30_000) await new Promise((r) => setTimeout(r, 100));
    // Tasks begun after first idle. The frame whose end brought the map to idle (the probe's
    // idle listener runs inside it) is the first view's, counted in first idle already.
    const after = window.__longTasks.filter(([t]) => t >= idleAt);
    return { settleMs: performance.now() - idleAt, settleLongTaskMs: after.reduce((a, [, d]) => a + d, 0) };
  }, QUIET_MS);
}

async function scrollThrough(page, cdp) {
  await page.evaluate(() => {
    window.__longTasks.length = 0;
    window.__frames = []; // [time, chapter]
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push([t, window.__chapter()]);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const size = page.viewportSize();
  await page.mouse.move(size.width / 2, size.height / 2);
  const script = {}; // chapter -> ms of script since the previous notch
  let before = await metricsOf(cdp);
  const first = before;
  const sample = async () => {
    const chapter = await page.evaluate(() => window.__chapter());
    const now = await metricsOf(cdp);
    script[chapter] = (script[chapter] ?? 0) + (now.ScriptDuration - before.ScriptDuration) * 1000;
    before = now;
  };
  for (let i = 0; i < MAX_NOTCHES; i++) {
    await page.mouse.wheel(0, NOTCH_PX);
    await page.waitForTimeout(NOTCH_MS);
    await sample();
    if (i % 5 === 4 && (await page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 2))) break;
  }
  await page.waitForTimeout(800);
  await sample();
  const { frames, longTasks } = await page.evaluate(() => {
    window.__recording = false;
    return { frames: window.__frames, longTasks: window.__longTasks };
  });
  const chapterAt = (t) => {
    let chapter = frames[0]?.[1] ?? -1;
    for (const [time, c] of frames) if (time <= t) chapter = c; else break;
    return chapter;
  };
  const segments = {};
  const segment = (c) => (segments[c] ??= { intervals: [], scriptMs: script[c] ?? 0, longTasks: [] });
  for (const c of Object.keys(script)) segment(c);
  const intervals = [];
  for (let i = 1; i < frames.length; i++) {
    const gap = Math.round((frames[i][0] - frames[i - 1][0]) * 10) / 10;
    intervals.push(gap);
    segment(frames[i][1]).intervals.push(gap);
  }
  for (const [start, duration] of longTasks) segment(chapterAt(start)).longTasks.push(duration);
  intervals.sort((a, b) => a - b);
  const q = (p) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? 0;
  const last = await metricsOf(cdp);
  return {
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, [, d]) => a + d, 0),
    blockingMs: blockingMs(longTasks.map(([, d]) => d)),
    frameP50: q(0.5),
    frameP95: q(0.95),
    frameMax: intervals[intervals.length - 1] ?? 0,
    intervals,
    scriptMs: (last.ScriptDuration - first.ScriptDuration) * 1000,
    heapMB: last.JSHeapUsedSize / 1024 / 1024,
    segments,
  };
}

async function countBytes(finished) {
  const bytes = {};
  for (const request of finished) {
    try {
      const response = await request.response();
      const body = response ? await response.body() : Buffer.alloc(0);
      const k = kind(request.url(), request.resourceType());
      bytes[k] ??= { raw: 0, gzip: 0 };
      bytes[k].raw += body.length;
      bytes[k].gzip += gzipSync(body, { level: 9 }).length;
      if (process.env.BENCH_DEBUG) process.stderr.write(`\n${k} ${body.length} ${request.url()}`);
    } catch { /* a request the page abandoned */ }
  }
  return bytes;
}
