// The locator's land (src/map/locator.ts draws it on a ~160 px canvas, 2° a pixel): 1:110m land
// thinned to points at least MIN_STEP_DEG apart, as a module of its own (loaded after the first view).
import { writeFileSync } from 'node:fs';

/** The smallest distance kept between two points of a ring, degrees (under a locator pixel). */
const MIN_STEP_DEG = 1.5;
/** Rings with fewer points than this after thinning are dropped (islands under a pixel). */
const MIN_RING_POINTS = 4;

const thin = (ring) => {
  const kept = [ring[0]];
  for (const p of ring.slice(1, -1)) {
    const last = kept[kept.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP_DEG) kept.push([Math.round(p[0] * 2) / 2, Math.round(p[1] * 2) / 2]);
  }
  kept.push(kept[0]);
  return kept;
};

/** Writes `land` (a FeatureCollection of polygons) thinned, as the default export of a module: rings [[lng, lat], …]. */
export function writeLocatorLand(path, land) {
  const rings = [];
  for (const f of land.features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) {
      const t = thin(ring);
      if (t.length >= MIN_RING_POINTS) rings.push(t);
    }
  }
  writeFileSync(path, `// Made by scripts/build-tiles.mjs: do not edit. Coarse land rings for the locator map.\nconst rings: [number, number][][] = ${JSON.stringify(rings)};\nexport default rings;\n`);
}
