import { formatPath } from './paths.js';
import { elementMessages as messages } from './element-messages.js';
import type { StoryProblem } from './messages.js';
import type { Story } from './schema.js';

/** An error as MapLibre's style-spec validator reports it: `"layers[0].paint.line-color: …"`. */
export interface StyleSpecError {
  message: string;
}

/** `layers[0].paint.line-color` → `['layers', 0, 'paint', 'line-color']`. */
function parseSpecPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      keys.push(part);
      continue;
    }
    if (match[1]) keys.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/**
 * Turns style-spec validation errors about the story's `sources` and `layers` into story
 * problems. The same mapping serves the CLI (which runs the style-spec validator) and the
 * element (which gets the same validator's errors from MapLibre when it adds the layers).
 */
export function styleProblems(errors: readonly StyleSpecError[], file: string, story: Story): StoryProblem[] {
  return errors.map(({ message }) => {
    const colon = message.indexOf(': ');
    const rawPath = colon > 0 ? message.slice(0, colon) : '';
    const detail = colon > 0 ? message.slice(colon + 2) : message;
    const keys = rawPath ? parseSpecPath(rawPath) : [];
    // MapLibre names layers by id (`layers.route.paint…`); stories address them by index.
    if (keys[0] === 'layers' && typeof keys[1] === 'string') {
      const index = (story.layers ?? []).findIndex((l) => l.id === keys[1]);
      if (index >= 0) keys[1] = index;
    }
    return { code: 'invalid-style' as const, message: messages.invalidStyle(detail), path: formatPath(keys), file };
  });
}

/** The story's sources and layers as a style the style-spec validator can check. */
export function storyAsStyle(story: Story): Record<string, unknown> {
  return { version: 8, sources: story.sources ?? {}, layers: story.layers ?? [] };
}
