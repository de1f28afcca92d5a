import type { StoryProblem } from './messages.js';
import { scanStoryJson } from './scan-json.js';
import { word } from './wording.js';

export { duplicateKeys, lineColumn } from './scan-json.js';

/** The result of reading story text: the value, or its problems (`problem`: the first). */
export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: StoryProblem; problems: StoryProblem[] };

/** Parses story JSON (`scanStoryJson`, with the problems in words). */
export function parseStoryJson(input: string, file: string): ParseResult {
  const result = scanStoryJson(input, file);
  if (result.ok) return result;
  const problems = word(result.found);
  return { ok: false, problem: problems[0]!, problems };
}
