// The bench's harness: a plain static server for the repo, headless Chromium, and pages in one of
// the bench's modes (a desktop at full speed, or a phone on a CPU slowed by Chromium's throttling).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromePath } from '../chrome-path.mjs';

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

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.geojson': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Serves `root` as files are on disk (no transforms) and starts Chromium with WebGL (SwiftShader). */
export async function startHarness(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path);
    try {
      if (!file.startsWith(root) || !statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: chromePath(),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--enable-precise-memory-info'],
  });
  return {
    origin: `http://localhost:${server.address().port}`,
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
      server.close();
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
