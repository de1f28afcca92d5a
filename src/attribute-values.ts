import type { Theme } from './basemap/embedded-style.js';
import type { AlignValue } from './story/schema.js';
import { DEFAULT_TIMEOUT } from './story/timeout.js';

/** The map margin when the attribute is not set (or not valid). */
export const DEFAULT_MAP_MARGIN = '100%';

export const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';
export const isAlign = (v: unknown): v is AlignValue => v === 'left' || v === 'right' || v === 'center' || v === 'full';
/** One length in px or % (what the map margin's IntersectionObserver takes). */
export const isMargin = (v: unknown): v is string => typeof v === 'string' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:px|%)?\s*$/.test(v);
export const isTimeout = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * Checks the element's attribute values: an unknown one (`theme="Dark"`) falls back to the
 * default, with one console warning per attribute and value, instead of breaking the map.
 */
export class AttributeValues {
  readonly #warned = new Set<string>();

  /** `value` when `valid` accepts it; `undefined` (the default) and a warning when not. */
  check<T>(name: string, value: unknown, valid: (v: unknown) => v is T, allowed: string): T | undefined {
    if (value === undefined || value === null || valid(value)) return value ?? undefined;
    const key = `${name}\n${String(value)}`;
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      // (The wording loads with the messages, only for a bad value.)
      void import('./story/messages.js').then(({ messages }) => console.warn(messages.badAttribute(name, String(value), allowed)));
    }
    return undefined;
  }

  theme(value: unknown): Theme | undefined {
    return this.check('theme', value, isTheme, 'light or dark');
  }

  align(value: unknown): AlignValue | undefined {
    return this.check('align', value, isAlign, 'left, right, center or full');
  }

  mapMargin(value: unknown): string {
    return this.check('map-margin', value, isMargin, 'a length in px or %, e.g. "100%" or "500px"') ?? DEFAULT_MAP_MARGIN;
  }

  /** `value` is the property; `attribute` what the author wrote (a non-numeric one made the property NaN). */
  timeout(value: number, attribute: string | null): number {
    return this.check('timeout', Number.isNaN(value) ? (attribute ?? value) : value, isTimeout, 'a number of milliseconds above 0, e.g. "20000"') ?? DEFAULT_TIMEOUT;
  }
}
