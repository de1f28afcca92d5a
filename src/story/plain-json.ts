import type { Found } from './found.js';
import { errorMessage } from './quote.js';
import { formatPath, type PathKey } from './paths.js';

/**
 * How deep a story may nest objects and lists: far more than any story needs (a MapLibre
 * expression is rarely ten deep), and little enough that nothing walking it recursively (the
 * validator, MapLibre's style validator, the JSON position scanner) can overflow the stack.
 */
export const MAX_DEPTH = 100;
/** How many keys of a too-deep path a message shows. */
const SHOWN_PATH = 4;

export type PlainResult = { ok: true; value: unknown } | { ok: false; problem: Found };

class NotPlain extends Error {
  constructor(readonly problem: Found) {
    super();
  }
}

/**
 * A plain-data copy of a story value (what JSON could hold): every property read once, here,
 * so a `.story` object with a cycle, nesting too deep to walk, or a getter that throws is a
 * problem with its path now, not an exception later (in the validator, in `JSON.stringify`,
 * in MapLibre). Later changes to the caller's object do not reach the copy.
 */
export function readPlain(value: unknown): PlainResult {
  const path: PathKey[] = [];
  const ancestors: object[] = [];
  const read = (source: object, key: PathKey): unknown => {
    try {
      return (source as Record<PathKey, unknown>)[key];
    } catch (error) {
      throw new NotPlain({ code: 'unreadable', path: formatPath(path), say: ['unreadable', errorMessage(error)] });
    }
  };
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const cycle = ancestors.indexOf(v);
    if (cycle >= 0) throw new NotPlain({ code: 'invalid-value', path: formatPath(path), say: ['cyclic', formatPath(path.slice(0, cycle))] });
    if (ancestors.length >= MAX_DEPTH) {
      const shown = formatPath(path.slice(0, SHOWN_PATH));
      throw new NotPlain({ code: 'too-deep', path: shown, say: ['tooDeep', MAX_DEPTH] });
    }
    ancestors.push(v);
    try {
      if (Array.isArray(v)) {
        const out: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          out.push(copy(read(v, i)));
          path.pop();
        }
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        path.push(key);
        // Defined, not assigned: a key "__proto__" is a key like any other, not the prototype.
        Object.defineProperty(out, key, { value: copy(read(v, key)), enumerable: true, writable: true, configurable: true });
        path.pop();
      }
      return out;
    } finally {
      ancestors.pop();
    }
  };
  try {
    return { ok: true, value: copy(value) };
  } catch (error) {
    if (error instanceof NotPlain) return { ok: false, problem: error.problem };
    // Anything else that throws while walking it (e.g. a Proxy): said as it is.
    return { ok: false, problem: { code: 'unreadable', path: formatPath(path), say: ['unreadable', errorMessage(error)] } };
  }
}
