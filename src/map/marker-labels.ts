import type { CameraTarget } from '../motion/camera-path.js';
import { TILE, toWorld } from '../motion/mercator.js';

/** Marker labels' text size, in pixels (the markers' `text-size`). */
export const MARKER_TEXT_SIZE = 13;
/** A sans-serif character's mean width, in em. */
const CHARACTER_EM = 0.56;
/** MapLibre's default `text-max-width`, in em: longer labels wrap. */
const MAX_WIDTH_EM = 10;
/** The gap between a marker's dot and its label, in pixels. */
const LABEL_GAP = 12;

/** A marker label's width in pixels, estimated (one line, or wrapped at the maximum width). */
const labelWidth = (label: string) => Math.min(label.length * CHARACTER_EM, MAX_WIDTH_EM) * MARKER_TEXT_SIZE + LABEL_GAP;

/**
 * Where a marker's label may go for a camera, as one string for a style expression:
 * `e` or `w` (the marker is east or west of the view's middle: its label goes on the side facing
 * the middle first), then `1`/`0` for whether a label above or below it fits inside the map,
 * then `1`/`0` for whether the side facing the nearer edge has room for it. MapLibre places
 * labels across the map's edge without counting it as a collision, so a side without room is
 * left out: the label takes another place, or waits for room, rather than being cut.
 */
export function labelSide(coordinates: [number, number], label: string, target: CameraTarget, width: number): string {
  const { left, right } = target.padding;
  let dx = toWorld(coordinates)[0] - toWorld(target.center)[0];
  dx -= Math.round(dx); // the nearest copy of the world
  const middle = left + (width - left - right) / 2;
  const x = middle + dx * TILE * 2 ** target.zoom;
  const east = x > middle;
  const w = labelWidth(label);
  const centred = Math.min(x, width - x) >= w / 2;
  const away = (east ? width - x : x) >= w;
  return `${east ? 'e' : 'w'}${centred ? 1 : 0}${away ? 1 : 0}`;
}

const OFFSETS = { right: [-0.9, 0], left: [0.9, 0], bottom: [0, -0.9], top: [0, 0.9] } as const;

/** Anchors in order of preference for one `labelSide` value. */
function anchors(side: string): unknown[] {
  const [toward, away] = side[0] === 'e' ? (['right', 'left'] as const) : (['left', 'right'] as const);
  const names = [toward, ...(side[1] === '1' ? (['bottom', 'top'] as const) : []), ...(side[2] === '1' ? [away] : [])];
  return names.flatMap((n) => [n, OFFSETS[n]]);
}

/** `text-variable-anchor-offset` for marker labels whose features carry `labelSide` as `side`. */
export const LABEL_ANCHORS = [
  'match',
  ['get', 'side'],
  ...['e', 'w'].flatMap((d) => ['11', '10', '01', '00'].flatMap((f) => [`${d}${f}`, ['literal', anchors(`${d}${f}`)]])),
  ['literal', anchors('e11')],
];
