#!/usr/bin/env node
// Writes demo/tartus.html: the Tartus story with its chapters in the page's HTML (<map-chapter>),
// made from stories/tartus-withdrawal.json, the one source of truth (edit the JSON, then run
// this). `--check` exits 1 when the committed page is not what the JSON makes (a test runs it).
//   node scripts/story-html.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STORY = join(root, 'stories/tartus-withdrawal.json');
const PAGE = join(root, 'demo/tartus.html');

// story-html.ts is TypeScript: bundled on the fly (no build step needed for the demo).
const bundled = await build({ entryPoints: [join(root, 'src/story/story-html.ts')], bundle: true, format: 'esm', write: false, logLevel: 'error' });
const { storyHtml } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

const story = JSON.parse(readFileSync(STORY, 'utf8'));
delete story.$schema;
const element = storyHtml(story, { base: '../stories/' })
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n');

const page = `<!doctype html>
<!-- Made by scripts/story-html.mjs from stories/tartus-withdrawal.json: edit the JSON, then run the script. -->
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>${story.title} · map-story (HTML chapters)</title>
    <link rel="stylesheet" href="./demo.css" />
    <script type="module" src="../src/index.ts"></script>
  </head>
  <body>
    <main class="article">
      <p class="page-note"><a href="./index.html">All stories</a>. This version of the story has its chapters in the page's HTML: without JavaScript it reads as an ordinary article.</p>
${element}
      <p class="page-note">The page goes on after the story.</p>
    </main>
  </body>
</html>
`;

if (process.argv.includes('--check')) {
  if (readFileSync(PAGE, 'utf8') !== page) {
    console.error('demo/tartus.html is not what stories/tartus-withdrawal.json makes: run node scripts/story-html.mjs');
    process.exit(1);
  }
  console.log('demo/tartus.html is up to date');
} else {
  writeFileSync(PAGE, page);
  console.log('wrote demo/tartus.html');
}
