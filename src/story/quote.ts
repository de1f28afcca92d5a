/** Small helpers for messages, apart from messages.ts because the map's messages use them too. */

const MAX_QUOTE = 60;
/** Marks numbers JSON cannot write (`Infinity`, `NaN`) while quoting, so they show as themselves, not `null`. */
const NON_FINITE = '\uE000';
const NON_FINITE_QUOTED = new RegExp(`"${NON_FINITE}([^"]*)${NON_FINITE}"`, 'g');

/** What an exception says, for a message: its `message` when it is an Error, else its text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Quotes a value for a message, shortened so a huge value cannot flood the panel. */
export function quote(value: unknown): string {
  let s: string;
  if (value === undefined) return 'nothing';
  try {
    const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${v}${NON_FINITE}` : v));
    s = json === undefined ? String(value) : json.replace(NON_FINITE_QUOTED, '$1');
  } catch {
    // A value JSON cannot write (a cycle, nesting deeper than the stack).
    try {
      s = String(value);
    } catch {
      s = `a ${typeof value}`;
    }
  }
  return s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE - 1)}…` : s;
}

/** Seconds for messages: 20000 → "20", 400 → "0.4". */
export const seconds = (ms: number) => String(Math.round(ms / 100) / 10);
