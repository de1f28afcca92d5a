import type { ChapterState } from '../story/chapter-states.js';
import type { Camera } from '../story/schema.js';

/**
 * Where chapters become active, as a share of the viewport's height: its middle on a wide
 * layout; lower on a narrow one, where cards pass over the map and the target sits above them.
 */
export const TRIGGER = { wide: 0.5, narrow: 0.7 } as const;

/** A card's height as a share of the map's, until cards are measured. */
export const CARD_SHARE = 0.3;

/** A chapter's camera for the layout: `cameraMobile` on a narrow one. */
export function cameraFor(state: ChapterState, narrow: boolean): Camera {
  return narrow ? state.cameraMobile : state.camera;
}

/** Pixels of the map covered by text on each side; the camera centres targets in the rest. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

/** Default extra space around `bounds` cameras, in pixels. */
export const DEFAULT_BOUNDS_PADDING = 40;

export function addPadding(a: Padding, extra: number): Padding {
  return { top: a.top + extra, right: a.right + extra, bottom: a.bottom + extra, left: a.left + extra };
}

/**
 * The part of a `width` × `height` map that text leaves free, given where the text is.
 * Side columns cover their side. Cards over the map (centre, full, or any layout on a narrow
 * screen) become active when their middle reaches `offset` of the height, so at that moment
 * they cover the map from `offset * height - cardHeight / 2` down: the target goes above.
 * Never pads more than 65% of a side, so a small map still shows its target.
 */
export function paddingForText(
  width: number,
  height: number,
  text: { left: number; right: number } | undefined,
  align: 'left' | 'right' | 'center' | 'full',
  narrow: boolean,
  card: { height: number; offset: number } = { height: height * CARD_SHARE, offset: TRIGGER.narrow },
): Padding {
  const cap = (n: number, size: number) => Math.max(0, Math.min(Math.round(n), size * 0.65));
  if (narrow || !text || align === 'center' || align === 'full') {
    const covered = height - (card.offset * height - card.height / 2) + 8;
    return { top: 0, right: 0, bottom: cap(covered, height), left: 0 };
  }
  if (align === 'left') return { ...NO_PADDING, left: cap(Math.round(text.right), width) };
  return { ...NO_PADDING, right: cap(Math.round(width - text.left), width) };
}

/** A readable description of a camera, for screen readers when a chapter has none. */
export function describeCamera(camera: Camera): string {
  if (camera.bounds) {
    const [[w, s], [e, n]] = camera.bounds;
    return `Map of the area from ${fmt(s, 'N', 'S')} ${fmt(w, 'E', 'W')} to ${fmt(n, 'N', 'S')} ${fmt(e, 'E', 'W')}.`;
  }
  const [lng, lat] = camera.center ?? [0, 0];
  const z = camera.zoom ?? 0;
  const scale = z < 4 ? 'a region' : z < 9 ? 'an area' : z < 13 ? 'a city' : 'a few streets';
  return `Map showing ${scale} around ${fmt(lat, 'N', 'S')} ${fmt(lng, 'E', 'W')}.`;
}

function fmt(value: number, pos: string, neg: string): string {
  return `${Math.abs(value).toFixed(2)}°${value >= 0 ? pos : neg}`;
}
