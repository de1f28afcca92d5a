#!/usr/bin/env node
// Finishes dist/custom-elements.json after `cem analyze` (which reads src/map-story.ts):
// - paths name the shipped module (dist/map-story.js), not the source, which is not shipped;
// - the tag is declared (`map-story`), with a custom-element-definition export;
// - private and protected members (and attributes backed by them) are left out;
// - each event gets its detail's type, read from src/events.ts (MapStoryEventMap), the one
//   place those types are declared (their declarations ship in dist/types/events.d.ts).
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = 'dist/custom-elements.json';
const SOURCE = 'src/map-story.ts';
const SHIPPED = 'dist/map-story.js';
const TAG = 'map-story';

const events = new Map(
  [...readFileSync('src/events.ts', 'utf8').matchAll(/'(map-story-[a-z-]+)': (CustomEvent<\w+>);/g)].map((m) => [m[1], m[2]]),
);
const manifest = JSON.parse(readFileSync(FILE, 'utf8'));
const shipped = (path) => (path === SOURCE ? SHIPPED : path);

for (const mod of manifest.modules) {
  mod.path = shipped(mod.path);
  for (const e of mod.exports ?? []) if (e.declaration?.module) e.declaration.module = shipped(e.declaration.module);
  for (const d of mod.declarations) {
    if (!d.customElement) continue;
    d.tagName = TAG;
    const hidden = new Set((d.members ?? []).filter((x) => x.privacy === 'private').map((x) => x.name));
    d.attributes = (d.attributes ?? []).filter((a) => !hidden.has(a.fieldName));
    d.members = (d.members ?? []).filter((x) => x.privacy !== 'private' && x.privacy !== 'protected');
    for (const event of d.events ?? []) {
      const type = events.get(event.name);
      if (!type) throw new Error(`${FILE}: event ${event.name} has no type in src/events.ts (MapStoryEventMap)`);
      event.type = { text: type };
    }
    mod.exports = [...(mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
      { kind: 'custom-element-definition', name: TAG, declaration: { name: d.name, module: SHIPPED } }];
  }
}
writeFileSync(FILE, `${JSON.stringify(manifest, null, 2)}\n`);
