#!/usr/bin/env node
// Builds the embedded basemap's vector tiles from npm packages (world-atlas, build time only):
//
//   node scripts/build-tiles.mjs
//
// Layout: Mapbox Vector Tiles (MapLibre's own tiler, @maplibre/geojson-vt, and encoder,
// @maplibre/vt-pbf), grouped into TypeScript modules in src/basemap/tiles/ (one per square
// block of tiles of a zoom, split until it weighs at most BLOCK_BYTES; base64 text as the
// default export), reached from basemap-index.ts through literal `import()` calls. Modules, not a .pmtiles file or .pbf assets:
// a literal `import()` is what every bundler (Vite, webpack, esbuild, Rollup, Parcel) splits
// into a chunk and copies with no configuration, and what a strict-CSP page loads with
// `script-src 'self'`; `new URL('x', import.meta.url)` assets are not copied by esbuild or
// Rollup, and Parcel turns data files into JS. MapLibre gets the tiles through a protocol
// (src/basemap/tiles.ts) and fetches only those in view.
//
// Layers: `land` (polygons), `borders` (lines between countries), `labels` (points with kind,
// name, rank). Zooms 0-2 are Natural Earth 1:110m, 3-MAX_ZOOM 1:50m; MapLibre overzooms the
// deepest tiles. Also writes src/basemap/tiles/locator-land.ts, the locator's coarse land.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CITY_NAMES, labels, world } from './basemap/natural-earth.mjs';
import { tile, writeTileModules } from './basemap/write-tiles.mjs';
import { writeLocatorLand } from './basemap/locator-land.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'src', 'basemap', 'tiles');
/** The deepest zoom drawn from 1:110m data. */
const COARSE_MAX_ZOOM = 2;
/**
 * The deepest zoom of the tiles, overzoomed beyond. At z6 a tile unit is 1/8 px, 1 px at z9:
 * finer than 1:50m data (Natural Earth suits ~1:50,000,000, zoom 5-6), and within a story's
 * own detail region (from zoom 7) the world layers are covered anyway.
 */
const MAX_ZOOM = 6;
/**
 * The most a module's tiles weigh, base64 characters (~8 KB gzip), unless it is one tile: a
 * view loads a few small modules, and the package has ~270 of them, not one per tile (3,228).
 */
const BLOCK_BYTES = 12_000;
/** Simplification, px, as the GeoJSON sources had (MapLibre's default is 0.375). */
const TOLERANCE_PX = { '110m': 0.5, '50m': 0.375 };

const coarse = world('110m');
const detailed = world('50m');
const points = labels(detailed.countries);
const tiles = new Map([
  ...tile({ land: coarse.land, borders: coarse.borders, labels: points }, { minZoom: 0, maxZoom: COARSE_MAX_ZOOM, tolerancePx: TOLERANCE_PX['110m'] }),
  ...tile({ land: detailed.land, borders: detailed.borders, labels: points }, { minZoom: COARSE_MAX_ZOOM + 1, maxZoom: MAX_ZOOM, tolerancePx: TOLERANCE_PX['50m'] }),
]);
const { modules, bytes } = writeTileModules(out, tiles, BLOCK_BYTES, { CITY_NAMES });
writeFileSync(join(out, 'zooms.ts'), `// Made by scripts/build-tiles.mjs: do not edit.\n/** The deepest zoom of the tiles (MapLibre overzooms them beyond). */\nexport const MAX_ZOOM = ${MAX_ZOOM};\n`);
writeLocatorLand(join(out, 'locator-land.ts'), coarse.land);
const gzip = readdirSync(out).reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f))).length, 0);
console.log(`src/basemap/tiles: ${tiles.size} tiles in ${modules} modules, ${(bytes / 1024).toFixed(0)} KB (${(gzip / 1024).toFixed(0)} KB gzip, all files)`);
