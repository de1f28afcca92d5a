#!/usr/bin/env node
// Extracts the embedded basemap's data from npm packages into small committed files in
// src/basemap/data/, so that neither the packages nor the network are needed at run time.
// Run: node src/basemap/extract.mjs
//
// - world-110m.json, world-50m.json: Natural Earth countries and land (TopoJSON, from npm
//   world-atlas), kept as TopoJSON because it is 3-4 times smaller than GeoJSON.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const out = join(dirname(fileURLToPath(import.meta.url)), 'data');
mkdirSync(out, { recursive: true });

for (const scale of ['110m', '50m']) {
  const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'));
  // Keep only what the style uses: the country name.
  for (const g of topology.objects.countries.geometries) g.properties = { name: g.properties.name };
  writeFileSync(join(out, `world-${scale}.json`), JSON.stringify(topology));
  console.log(`world-${scale}.json`, JSON.stringify(topology).length, 'bytes');
}
