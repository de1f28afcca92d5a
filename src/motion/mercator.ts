/**
 * Web Mercator, the projection MapLibre's camera and `line-progress` work in: world coordinates
 * in [0, 1] (x east, y south) and the world's size in pixels at zoom 0. The map code (label
 * sides) and the motion code (camera paths, measured lines) both use these.
 */

/** MapLibre's world size at zoom 0, in pixels. */
export const TILE = 512;

/** Web Mercator world coordinates in [0, 1] of a longitude and latitude. */
export function toWorld([lng, lat]: [number, number]): [number, number] {
  const s = Math.sin((lat * Math.PI) / 180);
  return [(lng + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/** The longitude and latitude of Web Mercator world coordinates. */
export function fromWorld([x, y]: [number, number]): [number, number] {
  const lng = x * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [lng, lat];
}
