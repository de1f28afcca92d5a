/**
 * Where the comparison divider is: pure arithmetic, shared by the scroll, the reader's drag and
 * keys. A divider `value` is its place across the map's free width (the part text does not
 * cover, between the camera's left and right padding): 0 at its left edge (all "after"), 1 at
 * its right edge (all "before").
 */

/** The scrubbed divider's value when the chapter starts (mostly "before") and ends (mostly "after"). */
export const SWEEP_FROM = 0.9;
export const SWEEP_TO = 0.1;
/** How far one arrow key moves the divider, and one PageUp/PageDown. */
export const KEY_STEP = 0.05;
export const PAGE_STEP = 0.2;

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The divider's value at `progress` (0-1) through the chapter: it sweeps from SWEEP_FROM to
 * SWEEP_TO; with reduced motion it jumps from one to the other halfway.
 */
export function scrubbedValue(progress: number, reduced: boolean): number {
  const p = clamp(progress);
  if (reduced) return p < 0.5 ? SWEEP_FROM : SWEEP_TO;
  return SWEEP_FROM * (1 - p) + SWEEP_TO * p;
}

/** The map's horizontal padding (the text's columns), px. */
export interface SidePadding {
  left: number;
  right: number;
}

/** The divider's x (px from the map's left edge) for `value`, on a map `width` px wide. */
export function dividerX(value: number, width: number, { left, right }: SidePadding): number {
  return left + clamp(value) * Math.max(0, width - left - right);
}

/** The value whose divider is at `x` px from the map's left edge (clamped to the free width). */
export function valueAt(x: number, width: number, { left, right }: SidePadding): number {
  const free = width - left - right;
  return free > 0 ? clamp((x - left) / free) : 0.5;
}

/** Keys that move a focused divider, and where each takes `value`. Left and right are the map's. */
export const DIVIDER_KEYS: Record<string, (value: number) => number> = {
  ArrowLeft: (v) => clamp(v - KEY_STEP),
  ArrowDown: (v) => clamp(v - KEY_STEP),
  ArrowRight: (v) => clamp(v + KEY_STEP),
  ArrowUp: (v) => clamp(v + KEY_STEP),
  PageDown: (v) => clamp(v - PAGE_STEP),
  PageUp: (v) => clamp(v + PAGE_STEP),
  Home: () => 0,
  End: () => 1,
};
