import { chapterStates, type ChapterState } from './chapter-states.js';
import { messages, type StoryProblem } from './messages.js';
import { parseStoryJson } from './parse-json.js';
import type { Story } from './schema.js';
import { resolveStoryUrl } from './urls.js';
import { validateStory } from './validate.js';

/** Where a story comes from. */
export type StorySource =
  | { kind: 'property'; value: unknown; base?: string | undefined }
  | { kind: 'url'; url: string }
  | { kind: 'inline'; text: string; base?: string | undefined }
  | { kind: 'none' };

/** A story ready to show: validated, URLs resolved, chapter states precomputed. */
export interface LoadedStory {
  story: Story;
  states: ChapterState[];
  /** The file it came from (URL, "inline" or "property"), for messages. */
  file: string;
}

export type LoadResult = { ok: true; loaded: LoadedStory } | { ok: false; file: string; problems: StoryProblem[] };

const fail = (file: string, problems: StoryProblem[]): LoadResult => ({ ok: false, file, problems });

/** Resolves the relative URLs a story holds (source data, tiles, media) against its file's URL. */
function resolveUrls(story: Story, base: string | undefined): Story {
  if (!base) return story;
  const sources: NonNullable<Story['sources']> = {};
  for (const [id, source] of Object.entries(story.sources ?? {})) {
    const copy: Record<string, unknown> = { ...source };
    if (typeof copy['data'] === 'string') copy['data'] = resolveStoryUrl(copy['data'], base);
    if (typeof copy['url'] === 'string') copy['url'] = resolveStoryUrl(copy['url'], base);
    if (Array.isArray(copy['tiles'])) copy['tiles'] = copy['tiles'].map((t: unknown) => (typeof t === 'string' ? resolveStoryUrl(t, base) : t));
    sources[id] = copy as (typeof sources)[string];
  }
  const chapters = story.chapters.map((chapter) =>
    chapter.media ? { ...chapter, media: { ...chapter.media, src: resolveStoryUrl(chapter.media.src, base) } } : chapter,
  );
  let map = story.map;
  if (map && typeof map.style === 'string' && map.style !== 'embedded') {
    map = { ...map, style: resolveStoryUrl(map.style, base) };
  }
  if (map?.detail) map = { ...map, detail: map.detail.map((url) => resolveStoryUrl(url, base)) };
  return { ...story, sources, chapters, ...(map ? { map } : {}) };
}

function fromValue(value: unknown, file: string, base: string | undefined): LoadResult {
  const result = validateStory(value, file);
  if (!result.ok) return fail(file, result.problems);
  const story = resolveUrls(result.story, base);
  return { ok: true, loaded: { story, states: chapterStates(story), file } };
}

async function fromText(text: string, file: string, base: string | undefined): Promise<LoadResult> {
  const parsed = parseStoryJson(text, file);
  if (!parsed.ok) return fail(file, [parsed.problem]);
  const result = fromValue(parsed.value, file, base);
  if (result.ok) return result;
  // Point each problem at its line in the file (the JSON scanner loads only for a bad story).
  const { jsonPositions, locate } = await import('./json-positions.js');
  const positions = jsonPositions(text);
  return fail(file, result.problems.map((p) => {
    const at = locate(positions, p.path);
    return at ? { ...p, line: at.line, column: at.column } : p;
  }));
}

/**
 * Loads, parses and validates a story. Never throws for a bad story: problems come back in the
 * result. Throws only an `AbortError` when `signal` aborts, so callers can drop stale loads.
 */
export async function loadStory(source: StorySource, signal?: AbortSignal): Promise<LoadResult> {
  switch (source.kind) {
    case 'none':
      return fail('', [{ code: 'no-story', message: messages.noStory(), path: '' }]);
    case 'property':
      return fromValue(source.value, 'property', source.base && resolveStoryUrl(source.base, undefined));
    case 'inline':
      return fromText(source.text, 'inline', source.base && resolveStoryUrl(source.base, undefined));
    case 'url': {
      const url = resolveStoryUrl(source.url, undefined);
      let response: Response;
      try {
        response = await fetch(url, { signal: signal ?? null, credentials: 'same-origin' });
      } catch (error) {
        if (signal?.aborted) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        return fail(source.url, [{ code: 'fetch-failed', message: messages.fetchFailed(source.url, reason), path: '', file: source.url }]);
      }
      if (!response.ok) {
        const reason = messages.httpStatus(response.status, response.statusText);
        return fail(source.url, [{ code: 'fetch-failed', message: messages.fetchFailed(source.url, reason), path: '', file: source.url }]);
      }
      const text = await response.text();
      signal?.throwIfAborted();
      return fromText(text, source.url, response.url || url);
    }
  }
}
