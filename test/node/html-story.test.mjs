// The HTML version of the Tartus story (demo/tartus.html, chapters as <map-chapter> elements):
// made from the JSON (one source of truth), and readable as an article with JavaScript off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../consumers/check-page.mjs';
import { serve } from '../consumers/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const story = JSON.parse(readFileSync(join(root, 'stories/tartus-withdrawal.json'), 'utf8'));

test('demo/tartus.html is what stories/tartus-withdrawal.json makes (scripts/story-html.mjs --check)', () => {
  execFileSync(process.execPath, [join(root, 'scripts/story-html.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
});

test('with JavaScript off, the HTML story page shows every chapter\'s heading and text', async () => {
  const server = await serve(root);
  const browser = await launch();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}demo/tartus.html`);
    const chapters = await page.$$eval('map-chapter', (all) =>
      all.map((c) => {
        const heading = c.querySelector('h2');
        const text = c.querySelector('p:not(.date)');
        const shown = (e) => !!e && e.getBoundingClientRect().height > 0 && getComputedStyle(e).visibility !== 'hidden';
        return { id: c.id, heading: heading?.innerText, headingShown: shown(heading), text: text?.innerText, textShown: shown(text) };
      }),
    );
    assert.deepEqual(chapters.map((c) => c.id), story.chapters.map((c) => c.id));
    for (const [i, c] of chapters.entries()) {
      const json = story.chapters[i];
      assert.equal(c.heading, json.title, `${c.id}: heading`);
      assert.ok(c.headingShown && c.textShown, `${c.id}: heading and text laid out`);
      assert.ok(json.body.replace(/\s+/g, ' ').startsWith(c.text.replace(/\s+/g, ' ')), `${c.id}: text "${c.text.slice(0, 40)}…"`);
    }
    // The title and the credits read too; the map part (inline JSON) is not shown as text.
    const body = await page.innerText('body');
    assert.equal(await page.innerText('map-story > header h1'), story.title);
    for (const credit of story.credits) assert.ok(body.includes(credit.text), `credit "${credit.text.slice(0, 40)}…"`);
    assert.ok(!body.includes('"sources"'));
  } finally {
    await browser.close();
    await server.close();
  }
});
