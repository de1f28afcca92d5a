// The bench's harness: a plain static server for the repo, headless Chromium, and pages in one of
// the bench's modes (a desktop at full speed, or a phone on a CPU slowed by Chromium's throttling).
import { chromium } from 'playwright-core';
import { CHROME_ARGS, chromePath } from '../chrome-path.mjs';
import { serve } from '../consumers/static-server.mjs';

/**
 * The devices the bench runs on. `normal`: a 1280x800 desktop window at this machine's speed.
 * `slow`: a phone (390x844 CSS px at 3 device pixels per px, so 3x the pixels of the desktop
 * window to fill) whose page runs 4x slower (Chromium's CPU throttling, the DevTools way).
 */
export const MODES = {
  normal: { label: 'desktop 1280x800, DPR 1, CPU as is', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, cpu: 1 },
  slow: { label: 'phone 390x844, DPR 3, CPU 4x slower', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, cpu: 4 },
};

const INIT = `
  window.__longTasks = []; // [start, duration]
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

/** Serves `root` as files are on disk (no transforms) and starts Chromium with WebGL (SwiftShader). */
export async function startHarness(root) {
  const server = await serve(root);
  const browser = await chromium.launch({
    executablePath: chromePath(),
    args: [...CHROME_ARGS, '--enable-precise-memory-info'],
  });
  return {
    origin: server.url.replace(/\/$/, ''),
    browser,
    /** A fresh page in `mode` (its own context: no cache shared between runs) with its CDP session. */
    async open(mode) {
      const { viewport, deviceScaleFactor, cpu } = MODES[mode];
      const context = await browser.newContext({ viewport, deviceScaleFactor });
      await context.addInitScript(INIT);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      return { page, cdp, close: () => context.close() };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** What a request's bytes count as in the report. */
export function kind(url, type) {
  if (/\/test\/bench\//.test(url)) return 'bench'; // the pages and probe themselves
  // MapLibre: its code, worker and CSS (map-story's chunks of it; the bare page's bundle).
  if (/maplibre-gl|maplibre-css|bare\.bundle/.test(url)) return 'maplibre';
  // Data: the story's files, and the embedded basemap's modules (tiles and their index: basemap-* chunks; the locator's land).
  if (/\.(json|geojson)(\?|$)/.test(url) || /\/(basemap|locator-land)-/.test(url)) return 'data';
  if (type === 'stylesheet' || /\.css(\?|$)/.test(url)) return 'css';
  if (type === 'script' || /\.(m?js|ts)(\?|$)/.test(url)) return 'script';
  return 'other';
}
