// Writes vector tiles as TypeScript modules (see scripts/build-tiles.mjs for the layout and why).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';

/** Tile coordinates per tile side (MVT extent). */
export const EXTENT = 4096;
/** MapLibre draws a vector tile 512 px wide: a pixel is EXTENT / TILE_PX tile units. */
const TILE_PX = 512;
/** Geometry kept beyond each tile's edge, px: more than the widest line, so no seam shows. */
const BUFFER_PX = 16;
const units = (px) => (px * EXTENT) / TILE_PX;

/**
 * Tiles `layers` ({name: FeatureCollection}) at zooms `minZoom`..`maxZoom`, simplified to
 * `tolerancePx` (MapLibre's own GeoJSON tiler, with the tolerance each source had before).
 * Returns Map<'z/x/y', Uint8Array> of the tiles that hold something.
 */
export function tile(layers, { minZoom, maxZoom, tolerancePx }) {
  const options = { maxZoom, indexMaxZoom: maxZoom, indexMaxPoints: 0, tolerance: units(tolerancePx), extent: EXTENT, buffer: units(BUFFER_PX) };
  const indexes = Object.entries(layers).map(([name, data]) => [name, new GeoJSONVT(data, options)]);
  const tiles = new Map();
  for (let z = minZoom; z <= maxZoom; z++) {
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++) {
        const found = {};
        for (const [name, index] of indexes) {
          const t = index.getTile(z, x, y);
          if (t?.features.length) found[name] = t;
        }
        if (Object.keys(found).length) tiles.set(`${z}/${x}/${y}`, fromGeojsonVt(found, { version: 2, extent: EXTENT }));
      }
    }
  }
  return tiles;
}

/**
 * Groups tiles into blocks, one module each: a block is a square of tiles of one zoom (a cell of
 * the quadtree, key `z/shift/bx/by`: tiles x >> shift == bx, y >> shift == by), split in four
 * while its tiles weigh more than `maxBytes` (base64 characters). Dense coasts get small blocks,
 * open sea large ones: a view loads a few modules of a few KB each.
 */
export function groupTiles(tiles, maxBytes) {
  const byZoom = new Map();
  for (const [key, base64] of tiles) {
    const [z, x, y] = key.split('/').map(Number);
    if (!byZoom.has(z)) byZoom.set(z, []);
    byZoom.get(z).push({ key, x, y, base64 });
  }
  const blocks = new Map();
  const split = (z, shift, bx, by, items) => {
    const size = items.reduce((sum, t) => sum + t.base64.length, 0);
    if (size <= maxBytes || shift === 0) {
      blocks.set(`${z}/${shift}/${bx}/${by}`, Object.fromEntries(items.map((t) => [t.key, t.base64])));
      return;
    }
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
      const [cx, cy] = [bx * 2 + dx, by * 2 + dy];
      const inside = items.filter((t) => t.x >> (shift - 1) === cx && t.y >> (shift - 1) === cy);
      if (inside.length) split(z, shift - 1, cx, cy, inside);
    }
  };
  for (const [z, items] of byZoom) split(z, z, 0, 0, items);
  return blocks;
}

const HEADER = '// Made by scripts/build-tiles.mjs: do not edit.';
const moduleName = (block) => `basemap-${block.replaceAll('/', '-')}`;

/**
 * Writes the tiles into `dir`: one module per block (see groupTiles; its default export maps
 * 'z/x/y' to the tile's bytes in base64) and basemap-index.ts, whose `blocks` reach each module through
 * a literal `import()` (which every bundler follows), with `exports` (name → value) added to it.
 */
export function writeTileModules(dir, tiles, maxBytes, exports) {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.startsWith('basemap-') || file === 'index.ts') rmSync(join(dir, file));
  const base64 = new Map([...tiles].map(([key, bytes]) => [key, Buffer.from(bytes).toString('base64')]));
  const blocks = groupTiles(base64, maxBytes);
  let bytes = 0;
  for (const [block, content] of blocks) {
    const text = `${HEADER} Vector tiles (MVT, base64) of block ${block}.\nconst tiles: Record<string, string> = ${JSON.stringify(content)};\nexport default tiles;\n`;
    writeFileSync(join(dir, `${moduleName(block)}.ts`), text);
    bytes += text.length;
  }
  const loaders = [...blocks.keys()].map((block) => `  '${block}': () => import('./${moduleName(block)}.js'),`);
  const constants = Object.entries(exports).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`);
  // The index is a module of its own (loaded with the first tile), named like the tiles: it is
  // the data's table of contents, and grows with the data, not with the code.
  writeFileSync(
    join(dir, 'basemap-index.ts'),
    `${HEADER} The embedded basemap's tiles, by block (see src/basemap/tiles.ts).\n${constants.join('\n')}\n` +
      `export const blocks: Record<string, () => Promise<{ default: Record<string, string> }>> = {\n${loaders.join('\n')}\n};\n`,
  );
  return { modules: blocks.size, bytes };
}
