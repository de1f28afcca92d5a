import type { Found } from './found.js';
import { errorMessage } from './quote.js';

/** The result of reading story text: the value, or its problems as found (see found.ts). */
export type ScanResult = { ok: true; value: unknown } | { ok: false; found: Found[] };

/** Turns a character offset into a 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** A byte-order mark, which some editors write first: accepted (as `fetch` does for `src`). */
const BOM = '\uFEFF';

/**
 * The keys that appear twice in one object of a valid JSON text, with their offsets
 * (`JSON.parse` keeps the last silently). One pass, no recursion: any nesting is fine.
 */
export function duplicateKeys(text: string): { key: string; offset: number }[] {
  const found: { key: string; offset: number }[] = [];
  const objects: (Set<string> | undefined)[] = []; // one per open object (a Set) or list (undefined)
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { // "
      const start = i;
      let escaped = false;
      for (i++; text.charCodeAt(i) !== 34; i++) {
        if (text.charCodeAt(i) === 92) {
          escaped = true;
          i++;
        }
      }
      if (!expectKey) continue;
      expectKey = false;
      const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      const keys = objects[objects.length - 1]!;
      if (keys.has(key)) found.push({ key, offset: start });
      keys.add(key);
    } else if (c === 123) { // {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 91) objects.push(undefined); // [
    else if (c === 125 || c === 93) objects.pop(); // } ]
    else if (c === 44) expectKey = objects[objects.length - 1] !== undefined; // ,
  }
  return found;
}

/**
 * Reads story JSON. On a syntax error, finds where: V8 messages name the position (and, in
 * newer versions, line and column); other engines may not, and then the message is kept as is.
 * A leading byte-order mark is skipped; keys given twice in one object are problems, with their
 * line (JSON would keep the last one silently).
 */
export function scanStoryJson(input: string, file: string): ScanResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  try {
    const value: unknown = JSON.parse(text);
    const duplicates = duplicateKeys(text);
    const found = duplicates.map(({ key, offset }): Found => ({ code: 'duplicate-key', say: ['duplicateKey', key], path: '', file, ...lineColumn(text, offset) }));
    return found.length ? { ok: false, found } : { ok: true, value };
  } catch (error) {
    const raw = errorMessage(error);
    let line: number | undefined;
    let column: number | undefined;
    const lc = /line (\d+) column (\d+)/.exec(raw);
    const pos = /position (\d+)/.exec(raw);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      ({ line, column } = lineColumn(text, Number(pos[1])));
    } else if (/end of (JSON|data) input/i.test(raw)) {
      ({ line, column } = lineColumn(text, text.length));
    }
    const detail = raw.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    return { ok: false, found: [{ code: 'json-syntax', say: ['jsonSyntax', detail, line, column], path: '', file, line, column }] };
  }
}

