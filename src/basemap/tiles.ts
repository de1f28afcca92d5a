import { MAX_ZOOM } from './tiles/zooms.js';
import { errorMessage } from '../story/quote.js';

/**
 * The embedded basemap's vector tiles (made by scripts/build-tiles.mjs), served to MapLibre's
 * own vector source through a protocol: `map-story-tiles://{z}/{x}/{y}`. The tiles live in
 * modules of a few KB, each a square block of tiles of one zoom, reached through literal
 * `import()` calls (src/basemap/tiles/basemap-index.ts, itself loaded with the first tile),
 * which every bundler splits into chunks and copies: MapLibre asks for the tiles in view, and
 * only their modules load. Tiles that hold nothing (open sea) are not stored.
 */
export const TILES_PROTOCOL = 'map-story-tiles';
export const TILES_URL = `${TILES_PROTOCOL}://{z}/{x}/{y}`;
/** The tiles' zoom range: MapLibre overzooms the deepest tiles. */
export const TILES_MAX_ZOOM = MAX_ZOOM;

type Block = Record<string, string>;
type Index = typeof import('./tiles/basemap-index.js');

let index: Promise<Index> | undefined;
/** The tiles' index (a module of its own); a failure is forgotten, so the next tile tries again. */
function loadIndex(): Promise<Index> {
  index ??= import('./tiles/basemap-index.js').catch((error: unknown) => {
    index = undefined;
    throw new Error(`embedded basemap: the tile index could not load (${errorMessage(error)})`);
  });
  return index;
}

/** The cities the basemap labels (a marker labelled like one hides it, see Markers). */
export async function loadCityNames(): Promise<readonly string[]> {
  return (await loadIndex()).CITY_NAMES;
}

/**
 * The block (module) holding tile z/x/y, `z/shift/bx/by`: the square of tiles of zoom z with
 * x >> shift == bx and y >> shift == by (scripts/basemap/write-tiles.mjs). Undefined where no
 * block holds it: the tile has nothing to draw.
 */
export function blockOf(blocks: Index['blocks'], z: number, x: number, y: number): string | undefined {
  for (let shift = 0; shift <= z; shift++) {
    const block = `${z}/${shift}/${x >> shift}/${y >> shift}`;
    if (block in blocks) return block;
  }
  return undefined;
}

/** Loads the module of the block holding tile z/x/y; a failure names the tile. */
async function loadBlock(z: number, x: number, y: number): Promise<Block | undefined> {
  const { blocks } = await loadIndex();
  const block = blockOf(blocks, z, x, y);
  if (!block) return undefined;
  try {
    return (await blocks[block]!()).default;
  } catch (error) {
    throw new Error(`embedded basemap: tile ${z}/${x}/${y} could not load (${errorMessage(error)})`);
  }
}

/** Decodes a tile's base64 text to its bytes. */
function decode(base64: string): ArrayBuffer {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

/** One tile's bytes (MVT), empty where there is nothing to draw. */
export async function loadTile(z: number, x: number, y: number): Promise<ArrayBuffer> {
  const base64 = (await loadBlock(z, x, y))?.[`${z}/${x}/${y}`];
  return base64 ? decode(base64) : new ArrayBuffer(0);
}

/** Parses `map-story-tiles://z/x/y`. */
function tileOf(url: string): [number, number, number] {
  const parts = url.slice(TILES_PROTOCOL.length + 3).split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`embedded basemap: no tile ${url}`);
  return parts as [number, number, number];
}

let registered = false;
/** Registers the tiles' protocol with MapLibre (once per page). */
export function registerTiles(maplibre: typeof import('maplibre-gl')): void {
  if (registered) return;
  registered = true;
  maplibre.addProtocol(TILES_PROTOCOL, async (request) => ({ data: await loadTile(...tileOf(request.url)) }));
}

/** The tile (at zoom `z`, up to the deepest) holding a point, Web Mercator. */
export function tileAt([lng, lat]: [number, number], zoom: number): [number, number, number] {
  const z = Math.max(0, Math.min(TILES_MAX_ZOOM, Math.floor(zoom)));
  const n = 2 ** z;
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
  const sin = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  const x = (((lng + 180) % 360) + 360) % 360 / 360;
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return [z, clamp(x), clamp(y)];
}

/**
 * Starts loading the module of the first view's centre tile, in parallel with MapLibre, so the
 * first tiles MapLibre asks for are (mostly) there already.
 */
export function prefetchTiles(center: [number, number], zoom: number): void {
  void loadBlock(...tileAt(center, zoom)).catch(() => {});
}

/** The locator's coarse land: rings of [lng, lat] (a module of its own, ~8 KB gzip). */
export async function loadLocatorLand(): Promise<[number, number][][]> {
  return (await import('./tiles/locator-land.js')).default;
}
