import { checkStory } from './check.js';
import type { StoryProblem } from './messages.js';
import type { Story } from './schema.js';
import { word } from './wording.js';

export type ValidationResult =
  | { ok: true; story: Story; problems: [] }
  | { ok: false; problems: StoryProblem[] };

/**
 * Validates a parsed story: `checkStory`, with the problems in words. Returns every problem at
 * once, each with its path and chapter id, so authors can fix them in one pass.
 */
export function validateStory(raw: unknown, file = ''): ValidationResult {
  const result = checkStory(raw, file);
  return result.ok ? { ok: true, story: result.story, problems: [] } : { ok: false, problems: word(result.found) };
}
