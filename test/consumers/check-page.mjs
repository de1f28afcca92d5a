// What a consumer page must show, checked in Chromium as a reader would meet it: the element
// upgraded, `map-story-ready`, a map with land and sea colours, every chapter entered by
// scrolling, and no failed request, console error or page error on the way.
import { CHROME_ARGS, chromePath } from '../chrome-path.mjs';
import { chromium } from 'playwright-core';

/** The embedded basemap's light colours (src/basemap/embedded-style.ts). */
const SEA = [0xd6, 0xe4, 0xec];
const LAND = [0xf3, 0xf0, 0xe8];

export function launch() {
  return chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
}

/** Share of sampled map pixels near each colour, read from the canvas right after a render. */
function mapColours(colours) {
  return new Promise((resolve) => {
    const map = document.querySelector('map-story').map;
    const read = () => {
      map.once('render', () => {
        const src = map.getCanvas();
        const c = document.createElement('canvas');
        c.width = src.width;
        c.height = src.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(src, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const near = (i, [r, g, b]) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 12;
        const counts = colours.map(() => 0);
        let total = 0;
        for (let i = 0; i < d.length; i += 4 * 97) {
          total++;
          colours.forEach((colour, k) => { if (near(i, colour)) counts[k]++; });
        }
        resolve(counts.map((n) => n / total));
      });
      map.triggerRepaint();
    };
    if (map.loaded() && !map.isMoving()) read();
    else map.once('idle', read);
  });
}

/**
 * Opens `url`, checks it, and returns what it found: `{ chapters, entered, sea, land, failed,
 * errors, scripts }` (scripts: the paths of the scripts the page loaded). Waits on conditions (events, the map's state), never on fixed times, up to `timeout`.
 */
export async function checkPage(browser, url, { timeout = 90_000, viewport = { width: 1280, height: 800 } } = {}) {
  const page = await browser.newPage({ viewport });
  const failed = [];
  const errors = [];
  const scripts = [];
  page.on('request', (r) => { if (r.resourceType() === 'script' && r.url().startsWith(new URL(url).origin)) scripts.push(new URL(r.url()).pathname); });
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['map-story-ready', 'map-story-chapter-enter', 'map-story-error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
    }
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__events.some((e) => e.type === 'map-story-ready' || e.type === 'map-story-error'), null, { timeout });
    const upgraded = await page.evaluate(() => {
      const el = document.querySelector('map-story');
      return !!customElements.get('map-story') && el instanceof customElements.get('map-story') && !!el.shadowRoot;
    });
    const mapErrors = await page.evaluate(() => window.__events.filter((e) => e.type === 'map-story-error').map((e) => e.detail.message));
    if (mapErrors.length) return { upgraded, failed, errors: [...errors, ...mapErrors.map((m) => `map-story-error: ${m}`)], entered: [], chapters: [] };
    const [sea, land] = await page.evaluate(mapColours, [SEA, LAND]);
    const chapters = await page.evaluate(() => [...document.querySelector('map-story').shadowRoot.querySelectorAll('.chapter')].map((c) => c.id.replace(/^chapter-/, '')));
    // Scroll down as a reader does, a wheel notch at a time: for each chapter, until its card
    // spans the trigger line (the middle of the window on a wide layout), then wait for it to be
    // entered while the reader pauses there.
    const entered = () => page.evaluate(() => [...new Set(window.__events.filter((e) => e.type === 'map-story-chapter-enter').map((e) => e.detail.chapterId))]);
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    for (const id of chapters) {
      const spansLine = () => page.evaluate((id) => {
        const r = document.querySelector('map-story').shadowRoot.getElementById(`chapter-${id}`).getBoundingClientRect();
        return r.top <= innerHeight / 2 && r.bottom >= innerHeight / 2;
      }, id);
      for (let notch = 0; notch < 100 && !(await spansLine()); notch++) {
        const before = await page.evaluate(() => scrollY);
        await page.mouse.wheel(0, 100);
        await page.waitForFunction((y) => scrollY !== y || innerHeight + scrollY >= document.documentElement.scrollHeight - 1, before, { timeout });
      }
      await page.waitForFunction((id) => window.__events.some((e) => e.type === 'map-story-chapter-enter' && e.detail.chapterId === id), id, { timeout: 20_000 }).catch(() => {});
    }
    return { upgraded, chapters, entered: await entered(), sea, land, failed, errors, scripts };
  } finally {
    await page.close();
  }
}
