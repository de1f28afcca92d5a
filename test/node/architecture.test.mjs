// The source layout's rules (README "Source layout"), checked on the files: no import cycle
// (type-only and dynamic imports count), story/ depends on nothing else here, the element stays
// wiring (at most 350 lines) and no other source file grows past 400 lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const ELEMENT_LINES = 350;
const FILE_LINES = 400;

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) files.push(path);
  }
};
walk(src);
const IMPORT = /(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const imports = new Map(
  files.map((file) => [file, [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts')))]),
);
const name = (path) => relative(src, path);

test('no import cycle in src/', () => {
  const state = new Map();
  const cycles = [];
  const visit = (file, stack) => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of imports.get(file) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep].map(name).join(' -> '));
      else if (!state.has(dep) && imports.has(dep)) visit(dep, stack);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file, []);
  assert.deepEqual(cycles, []);
});

test('story/ depends on nothing else in src/', () => {
  const story = join(src, 'story');
  const outside = files
    .filter((f) => f.startsWith(story))
    .flatMap((f) => imports.get(f).filter((d) => !d.startsWith(story)).map((d) => `${name(f)} imports ${name(d)}`));
  assert.deepEqual(outside, []);
});

test(`the element is wiring (<= ${ELEMENT_LINES} lines) and no source file passes ${FILE_LINES} lines`, () => {
  const lines = (f) => readFileSync(f, 'utf8').split('\n').length - 1;
  assert.ok(lines(join(src, 'map-story.ts')) <= ELEMENT_LINES, `map-story.ts has ${lines(join(src, 'map-story.ts'))} lines`);
  const long = files.filter((f) => !f.includes(`${join('basemap', 'data')}`) && lines(f) > FILE_LINES).map((f) => `${name(f)}: ${lines(f)}`);
  assert.deepEqual(long, []);
});
