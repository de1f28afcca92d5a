import { strings as english, type Strings } from './strings.js';

/**
 * The built-in string sets other than English, by primary language subtag (`ar` for `ar-SY`).
 * Each is a chunk of its own, loaded only for a story whose `lang` asks for it.
 */
const SETS: Record<string, () => Promise<{ strings: Strings }>> = {
  ar: () => import('./strings-ar.js'),
};

/** The language whose built-in set `lang` picks (`undefined`: English). */
function setFor(lang: string | undefined): string | undefined {
  const primary = lang?.split('-')[0]?.toLowerCase();
  return primary !== undefined && Object.hasOwn(SETS, primary) ? primary : undefined;
}

/** English with a story's overrides: what a story shows before (or without) its language's set. */
export function englishStrings(overrides: Partial<Strings> | undefined): Strings {
  return { ...english, ...overrides };
}

/**
 * The strings for a story: the built-in set its `lang` picks (English when there is none, or
 * when the set fails to load), with the story's own `strings` over it, one by one.
 */
export async function readerStrings(lang: string | undefined, overrides: Partial<Strings> | undefined): Promise<Strings> {
  const set = setFor(lang);
  if (set === undefined) return englishStrings(overrides);
  const base = await SETS[set]!().then((m) => m.strings, () => english);
  return { ...base, ...overrides };
}
