import { chapterStates, type ChapterState } from './chapter-states.js';
import type { HtmlChapters } from './html-chapters.js';
import { elementMessages } from './element-messages.js';
import type { Found, Say } from './found.js';
import type { StoryProblem } from './messages.js';
import { scanStoryJson } from './scan-json.js';
import { readPlain } from './plain-json.js';
import { englishStrings, readerStrings } from './reader-strings.js';
import type { Story } from './schema.js';
import type { Strings } from './strings.js';
import { deadline, DEFAULT_TIMEOUT } from './timeout.js';
import { resolveStoryUrl } from './urls.js';
import { errorMessage } from './quote.js';
import { checkStory } from './check.js';

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
  /** The reader-facing strings: the set the story's `lang` picks, with its `strings` overrides. */
  strings: Strings;
  /** The safe HTML of chapter bodies that hold HTML, by their text (see `sanitizedBodies`). */
  html?: ReadonlyMap<string, string>;
  /** For chapters written in HTML: their `<map-chapter>` elements, by chapter index (shown in the cards, not copied). */
  slotted?: readonly Element[];
}

export type LoadResult = { ok: true; loaded: LoadedStory } | { ok: false; file: string; problems: StoryProblem[] };

/** Found problems in words: the wording (the messages, wording.ts) loads only when there is one to word. */
async function worded(found: readonly Found[]): Promise<StoryProblem[]> {
  return found.every((p): p is StoryProblem => 'message' in p) ? (found as StoryProblem[]) : (await import('./wording.js')).word(found);
}

const fail = async (file: string, found: readonly Found[]): Promise<LoadResult> => ({ ok: false, file, problems: await worded(found) });

/** Resolves the relative URLs a story holds (source data, tiles, media) against its file's URL. */
function resolveUrls(story: Story, base: string | undefined): Story {
  if (!base) return story;
  // Built from entries, not assigned by id: an id is any string (even "__proto__").
  const sources: NonNullable<Story['sources']> = Object.fromEntries(
    Object.entries(story.sources ?? {}).map(([id, source]) => {
      const copy: Record<string, unknown> = { ...source };
      if (typeof copy['data'] === 'string') copy['data'] = resolveStoryUrl(copy['data'], base);
      if (typeof copy['url'] === 'string') copy['url'] = resolveStoryUrl(copy['url'], base);
      if (Array.isArray(copy['tiles'])) copy['tiles'] = copy['tiles'].map((t: unknown) => (typeof t === 'string' ? resolveStoryUrl(t, base) : t));
      return [id, copy as NonNullable<Story['sources']>[string]];
    }),
  );
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

/** A story value read as plain data (see readPlain), validated, URLs resolved, states computed. */
async function fromValue(value: unknown, file: string, base: string | undefined, html: HtmlChapters | undefined): Promise<LoadResult> {
  const plain = readPlain(value);
  if (!plain.ok) return fail(file, [{ ...plain.problem, file }]);
  return fromPlain(plain.value, file, base, html);
}

/** Validates a story (with its chapters written in HTML, if any). */
async function fromPlain(value: unknown, file: string, base: string | undefined, html: HtmlChapters | undefined): Promise<LoadResult> {
  if (html) {
    if (html.problems.length) return fail(html.file, html.problems);
    if (typeof value === 'object' && value !== null && 'chapters' in value) return fail(file, [{ code: 'invalid-value', say: ['chaptersTwice'], path: 'chapters', file }]);
    value = { ...(value as object), chapters: html.chapters };
  }
  const result = checkStory(value, file);
  if (!result.ok) {
    const problems = await worded(result.found);
    return fail(file, html ? html.locate(problems) : problems);
  }
  const story = resolveUrls(result.story, base);
  return { ok: true, loaded: { story, states: chapterStates(story), file, strings: englishStrings(story.strings) } };
}

async function fromText(text: string, file: string, base: string | undefined, html: HtmlChapters | undefined): Promise<LoadResult> {
  const parsed = scanStoryJson(text, file);
  if (!parsed.ok) return fail(file, parsed.found);
  const plain = readPlain(parsed.value);
  if (!plain.ok) return fail(file, [{ ...plain.problem, file }]); // too deep to scan for positions
  const result = await fromPlain(plain.value, file, base, html);
  if (result.ok) return result;
  // Point each problem at its line in the file (the JSON scanner loads only for a bad story);
  // problems in chapters written in HTML have their lines in the page already.
  const { withPositions } = await import('./json-positions.js');
  const inFile = result.problems.filter((p) => p.file === file);
  const positioned = withPositions(text, inFile);
  return fail(result.file, result.problems.map((p) => (p.file === file ? positioned[inFile.indexOf(p)]! : p)));
}

export interface LoadOptions {
  /** Aborts the load: `loadStory` then throws an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** How long fetching a story may take, in ms, before it fails. Default DEFAULT_TIMEOUT. */
  timeout?: number | undefined;
  /** Chapters written in HTML (see html-chapters.ts): they are the story's chapters, which its JSON then must not have. */
  chapters?: HtmlChapters | undefined;
}

/** Fetches a story file within the time allowed; a failure is a problem saying what happened. */
async function fromUrl(source: { url: string }, options: LoadOptions): Promise<LoadResult> {
  const url = resolveStoryUrl(source.url, undefined);
  const { signal } = options;
  const time = deadline(options.timeout ?? DEFAULT_TIMEOUT, signal);
  const failed = (say: Say) => fail(source.url, [{ code: 'fetch-failed', say, path: '', file: source.url }]);
  let response: Response;
  let text: string;
  try {
    try {
      response = await fetch(url, { signal: time.signal, credentials: 'same-origin' });
    } catch (error) {
      if (signal?.aborted) throw error;
      return failed(time.timedOut() ? ['storyTimedOut', source.url, time.ms] : ['fetchFailed', source.url, errorMessage(error)]);
    }
    if (!response.ok) return failed(['fetchStatus', source.url, response.status, response.statusText]);
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw error;
      return failed(time.timedOut() ? ['storyTimedOut', source.url, time.ms] : ['storyCutOff', source.url, errorMessage(error)]);
    }
  } finally {
    time.clear();
  }
  return fromText(text, source.url, response.url || url, options.chapters);
}

/**
 * Loads, parses and validates a story. Never throws for a bad story: problems come back in the
 * result. Throws only an `AbortError` when `signal` aborts, so callers can drop stale loads.
 */
export async function loadStory(source: StorySource, options: LoadOptions | AbortSignal = {}): Promise<LoadResult> {
  const result = await loadFrom(source, options instanceof AbortSignal ? { signal: options } : options);
  if (!result.ok) return result;
  // Another language's strings load only for a story that asks for them.
  const { story } = result.loaded;
  return { ok: true, loaded: { ...result.loaded, strings: await readerStrings(story.lang, story.strings) } };
}

function loadFrom(source: StorySource, opts: LoadOptions): Promise<LoadResult> | LoadResult {
  switch (source.kind) {
    case 'none':
      return fail('', [{ code: 'no-story', message: elementMessages.noStory(), path: '' }]);
    case 'property':
      return fromValue(source.value, 'property', source.base && resolveStoryUrl(source.base, undefined), opts.chapters);
    case 'inline':
      return fromText(source.text, 'inline', source.base && resolveStoryUrl(source.base, undefined), opts.chapters);
    case 'url':
      return fromUrl(source, opts);
  }
}
