#!/usr/bin/env node
// Screenshots of a story, chapter by chapter, at desktop and phone sizes, in headless Chromium.
//   node demo/screenshots.mjs [page=/demo/read.html?story=tartus-withdrawal] [out=screenshots] [--sizes=desktop,phone] [--chapters=id,id]
//   node demo/screenshots.mjs /demo/studio.html screenshots --single   (one screenshot of the page as it loads)
//   --jpeg: JPEG (quality 80) instead of PNG, e.g. for the README's images in demo/images/
// Serves the repo itself (no network). Output is not committed (screenshots/ is ignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDevServer } from '@web/dev-server';
import config from './dev-server.config.mjs';
import { CHROME_ARGS, chromePath } from '../test/chrome-path.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const [pagePath = '/demo/read.html?story=tartus-withdrawal', out = 'screenshots'] = args.filter((a) => !a.startsWith('--'));
const single = args.includes('--single');
/** PNG, or JPEG at quality 80 with --jpeg (about a fifth of the bytes, for committed images). */
const jpeg = args.includes('--jpeg');
const ext = jpeg ? 'jpg' : 'png';
const shot = (page, path) => page.screenshot({ path, ...(jpeg ? { type: 'jpeg', quality: 80 } : {}) });
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const wanted = (flag('sizes') ?? 'desktop,phone').split(',');
const only = flag('chapters')?.split(',');

const server = await startDevServer({ config: { ...config, port: 0, open: false, logStartMessage: false }, readCliArgs: false, readFileConfig: false, logStartMessage: false });
const { port } = server.server.address();
const browser = await chromium.launch({
  executablePath: chromePath(),
  args: CHROME_ARGS,
});

try {
  for (const size of wanted) {
    const page = await browser.newPage({ viewport: sizes[size] });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    await page.goto(`http://localhost:${port}${pagePath}`);
    await page.waitForFunction(() => [...document.querySelectorAll('map-story')].every((m) => m.map?.loaded()), null, { timeout: 60_000 });
    if (single) {
      await page.waitForTimeout(1500);
      const name = pagePath.replace(/^\/demo\//, '').replace(/\W+/g, '-').replace(/-html.*$/, '');
      mkdirSync(out, { recursive: true });
      await shot(page, join(out, `${name}-${size}.${ext}`));
      console.log(join(out, `${name}-${size}.${ext}`));
      await page.close();
      continue;
    }
    const files = [];
    const ids = await page.evaluate(() => [...document.querySelector('map-story').shadowRoot.querySelectorAll('.chapter')].map((c) => c.id.replace(/^chapter-/, '')));
    mkdirSync(join(out, size), { recursive: true });
    await shot(page, join(out, size, `00-title.${ext}`));
    for (const [i, id] of ids.entries()) {
      if (only && !only.includes(id)) continue;
      // Put the chapter's card where it becomes active, as a reader scrolling down would.
      await page.evaluate(async (id) => {
        const el = document.querySelector('map-story');
        const card = el.shadowRoot.querySelector(`#chapter-${id}`);
        // The trigger line (TRIGGER in src/map/camera.ts): lower on a narrow layout.
        const offset = el.shadowRoot.querySelector('.root')?.hasAttribute('data-narrow') ? 0.7 : 0.5;
        const rect = card.getBoundingClientRect();
        window.scrollBy({ top: rect.top + rect.height / 2 - innerHeight * offset + 2, behavior: 'instant' });
      }, id);
      await page.waitForFunction((id) => {
        const el = document.querySelector('map-story');
        const active = el.shadowRoot.querySelector('.chapter[aria-current]');
        return active?.id === `chapter-${id}` && el.map && !el.map.isMoving() && el.map.areTilesLoaded();
      }, id, { timeout: 60_000 });
      // A scrubbed chapter's camera glides there over a second or so: wait until it stops.
      await page.evaluate(() => new Promise((resolve) => {
        const map = document.querySelector('map-story').map;
        const view = () => JSON.stringify([map.getCenter(), map.getZoom(), map.getBearing()]);
        let last = view();
        let same = 0;
        const tick = () => {
          const now = view();
          same = now === last && map.areTilesLoaded() ? same + 1 : 0;
          last = now;
          if (same >= 5) resolve(undefined);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }));
      await page.waitForTimeout(400);
      const file = join(out, size, `${String(i + 1).padStart(2, '0')}-${id}.${ext}`);
      await shot(page, file);
      files.push(file);
      console.log(file);
    }
    await page.close();
    // A contact sheet of all chapters, to look at them together.
    const sheet = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const cols = size === 'phone' ? 7 : 4;
    const imgs = files.map((f) => `<figure><img src="data:image/png;base64,${readFileSync(f).toString('base64')}"><figcaption>${f.split('/').pop()}</figcaption></figure>`).join('');
    await sheet.setContent(`<style>body{margin:0;display:grid;grid-template-columns:repeat(${cols},1fr);gap:6px;background:#333;font:12px sans-serif;color:#fff}figure{margin:0}img{width:100%;display:block}</style>${imgs}`);
    await sheet.screenshot({ path: join(out, `${size}-sheet.png`), fullPage: true });
    await sheet.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
