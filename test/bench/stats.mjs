// The bench's statistics: medians over runs, ratios taken run pair by run pair, and frame
// intervals pooled over runs.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const stat = (runs, key) => {
  const xs = runs.map((r) => r[key]).filter((x) => typeof x === 'number');
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
};
/** Median of ours/bare, run pair by run pair (runs of a pair ran back to back). */
export const ratio = (pair, key) => median(pair.ours.map((o, i) => o[key] / (pair.bare[i][key] || 1e-9)));
/** A quantile of every frame interval of every run, pooled: frame times move in steps of one
 * display frame (16.7 ms), so a per-run p95 over ~150 frames flips a whole step between runs. */
export const pooled = (runs, p, intervalsOf = (r) => r.intervals ?? []) => {
  const all = runs.flatMap(intervalsOf).sort((a, b) => a - b);
  return all[Math.min(all.length - 1, Math.floor(p * all.length))] ?? 0;
};
/** Mean of the slowest 5% of frame intervals, pooled: the p95's neighbourhood without its
 * 16.7 ms steps (a p95 near a step's edge flips a whole step for a few frames). */
export const tail = (runs) => {
  const all = runs.flatMap((r) => r.intervals ?? []).sort((a, b) => a - b);
  const slow = all.slice(Math.floor(0.95 * all.length));
  return slow.reduce((a, b) => a + b, 0) / (slow.length || 1);
};
/** Share of every run's frame intervals, pooled, that are longer than `limit` ms. */
export const shareAbove = (runs, limit) => {
  const all = runs.flatMap((r) => r.intervals ?? []);
  return all.filter((x) => x > limit).length / (all.length || 1);
};
/**
 * Share of the scroll's time spent in frames longer than `limit` ms (pooled). Unlike a quantile
 * of intervals it does not count a map drawing faster, in more frames, as more slow frames.
 */
export const timeAbove = (runs, limit) => {
  const all = runs.flatMap((r) => r.intervals ?? []);
  const total = all.reduce((a, b) => a + b, 0);
  return all.filter((x) => x > limit).reduce((a, b) => a + b, 0) / (total || 1);
};
/** Largest difference between two sets of runs' page heights, as a share of the smaller. */
export const heightGap = (a, b) => {
  const heights = [...a, ...b].map((r) => r.pageHeight).filter((x) => typeof x === 'number');
  return heights.length ? (Math.max(...heights) - Math.min(...heights)) / Math.min(...heights) : 0;
};
/**
 * Total blocking time (Lighthouse's measure): the part of each long task past 50 ms. On a slow
 * CPU every frame MapLibre draws is a long task in bare MapLibre too; this says how long input
 * waited, where the count says only how often.
 */
export const blockingMs = (durations) => durations.reduce((a, d) => a + Math.max(0, d - 50), 0);
/** A run's figures over some chapters only (`keep(index)`): frames, script time and long tasks while one of them was active. */
export const segmentOf = (run, keep) => {
  const parts = Object.entries(run.segments ?? {}).filter(([c]) => keep(Number(c))).map(([, s]) => s);
  const longTasks = parts.flatMap((s) => s.longTasks);
  return {
    intervals: parts.flatMap((s) => s.intervals),
    scriptMs: parts.reduce((a, s) => a + s.scriptMs, 0),
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    blockingMs: blockingMs(longTasks),
  };
};
export const fmt = (s, d = 1) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}-${s.max.toFixed(d)})`;
export const pad = (s, n) => String(s).padEnd(n);
