import { messages } from './story/messages.js';

/**
 * Checks the element's attribute values: an unknown one (`theme="Dark"`) falls back to the
 * default, with one console warning per attribute and value, instead of breaking the map.
 */
export class AttributeValues {
  private readonly warned = new Set<string>();

  /** `value` when `valid` accepts it; `undefined` (the default) and a warning when not. */
  check<T>(name: string, value: unknown, valid: (v: unknown) => v is T, allowed: string): T | undefined {
    if (value === undefined || value === null || valid(value)) return value ?? undefined;
    const key = `${name}\n${String(value)}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      console.warn(messages.badAttribute(name, String(value), allowed));
    }
    return undefined;
  }
}

export const isTheme = (v: unknown): v is 'light' | 'dark' => v === 'light' || v === 'dark';
export const isAlign = (v: unknown): v is 'left' | 'right' | 'center' | 'full' => v === 'left' || v === 'right' || v === 'center' || v === 'full';
/** One length in px or % (what the map margin's IntersectionObserver takes). */
export const isMargin = (v: unknown): v is string => typeof v === 'string' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:px|%)?\s*$/.test(v);
export const isTimeout = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
