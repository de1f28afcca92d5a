import { interpolateZoom } from 'd3-interpolate';
import { fromWorld, TILE, toWorld } from './mercator.js';

/** A resolved camera: where the map looks, in the terms MapLibre's `jumpTo` takes. */
export interface CameraTarget {
  center: [number, number];
  zoom: number;
  pitch: number;
  bearing: number;
  padding: { top: number; right: number; bottom: number; left: number };
}

/** Shortest way round: the end longitude moved by ±360° when that is closer to the start. */
function unwrap(from: number, to: number): number {
  if (to - from > 180) return to - 360;
  if (from - to > 180) return to + 360;
  return to;
}

/**
 * A camera path: the camera at `t` (0-1) and the path's length in van Wijk and Nuij's units
 * (about one screenful of motion each; MapLibre's `flyTo` covers 1.2 of them per second).
 */
export type CameraPath = ((t: number) => CameraTarget) & { distance: number };

/**
 * The camera path from `a` to `b` that a smooth zoom-pan takes (van Wijk and Nuij, as
 * d3-interpolate's `interpolateZoom`): `t = 0` is exactly `a`, `t = 1` exactly `b`. Pitch,
 * bearing and padding change linearly. `width` is the map's width in pixels.
 */
export function cameraPath(a: CameraTarget, b: CameraTarget, width: number): CameraPath {
  const [ax, ay] = toWorld(a.center);
  const [bx, by] = toWorld([unwrap(a.center[0], b.center[0]), b.center[1]]);
  const w = (zoom: number) => width / (TILE * 2 ** zoom);
  const path = interpolateZoom([ax, ay, w(a.zoom)], [bx, by, w(b.zoom)]);
  const lerp = (p: number, q: number, t: number) => p + (q - p) * t;
  let bearingB = b.bearing;
  if (bearingB - a.bearing > 180) bearingB -= 360;
  else if (a.bearing - bearingB > 180) bearingB += 360;
  const at = (t: number): CameraTarget => {
    if (t <= 0) return a;
    if (t >= 1) return b;
    const [x, y, vw] = path(t);
    const [lng, lat] = fromWorld([x, y]);
    return {
      center: [((lng + 540) % 360) - 180, lat],
      zoom: Math.log2(width / (TILE * vw)),
      pitch: lerp(a.pitch, b.pitch, t),
      bearing: lerp(a.bearing, bearingB, t),
      padding: {
        top: lerp(a.padding.top, b.padding.top, t),
        right: lerp(a.padding.right, b.padding.right, t),
        bottom: lerp(a.padding.bottom, b.padding.bottom, t),
        left: lerp(a.padding.left, b.padding.left, t),
      },
    };
  };
  // d3 gives the duration at rho √2 (its default, ours): 1000 ms per unit of length.
  return Object.assign(at, { distance: path.duration / 1000 });
}
