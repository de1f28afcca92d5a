import type { ReactiveControllerHost } from 'lit';
import { loadStory, type LoadedStory, type LoadResult, type StorySource } from '../story/load.js';
import { elementMessages } from '../story/element-messages.js';
import type { StoryProblem } from '../story/messages.js';
import { errorMessage } from '../story/quote.js';
import { loadSanitizer, needsSanitizer, sanitizedBodies } from '../story/sanitize.js';
import type { HtmlChapters } from '../story/html-chapters.js';
import { ChapterElements } from './chapter-elements.js';
import { InlineStory } from './inline-story.js';
import { LoadStatus, LoadTask } from './load-task.js';
import { pageFile } from './page-file.js';

/** Where the element's story comes from: its `story` property, `src` attribute and `base`. */
export interface StoryOrigin {
  story: unknown;
  src: string | undefined;
  base: string | undefined;
}

/** The story's source, by precedence: the property, `src`, the inline script. */
function sourceOf({ story, src, base }: StoryOrigin, inline: string | undefined): StorySource {
  if (story !== undefined && story !== null) return { kind: 'property', value: story, base };
  if (src) return { kind: 'url', url: src };
  if (inline !== undefined) return { kind: 'inline', text: inline, base };
  return { kind: 'none' };
}

/** A problem for an exception the load did not expect (a bug): said as it is, blaming nothing else. */
function unexpected(error: unknown): StoryProblem {
  return { code: 'unreadable', message: elementMessages.storyUnexpected(errorMessage(error)), path: '' };
}

/** Chapters written in HTML, read (the reader loads only for a page that has them). */
async function readHtml(chapters: ChapterElements): Promise<HtmlChapters | undefined> {
  if (!chapters.parts.length) return undefined;
  const { readChapters } = await import('../story/html-chapters.js');
  return readChapters(chapters.parts, pageFile());
}

/** What a load ended with that the element has not reported yet (see `StoryLoader.news`). */
export interface LoadNews {
  result?: LoadResult;
  problem?: StoryProblem;
}

/**
 * The element's story: loaded (and its HTML sanitised, once) whenever the property, `src`,
 * `base` or the inline script change, and which outcome was already reported (each result and
 * each exception fires once).
 */
export class StoryLoader {
  readonly #inline: InlineStory;
  readonly #chapters: ChapterElements;
  readonly #task;
  #reportedResult: LoadResult | undefined;
  #reportedError: unknown;

  constructor(host: ReactiveControllerHost & HTMLElement & StoryOrigin, timeout: () => number) {
    this.#inline = new InlineStory(host);
    this.#chapters = new ChapterElements(host);
    this.#task = new LoadTask(host, {
      task: async ([story, src, base, inline, pageLoaded], { signal }) => {
        const source = sourceOf({ story, src, base }, inline);
        // No story yet while the page loads is not a problem: a later script may set it.
        if (source.kind === 'none' && !pageLoaded) return undefined;
        const elements = this.#chapters.elements;
        const chapters = await readHtml(this.#chapters);
        const result = await loadStory(source, { signal, timeout: timeout(), chapters });
        if (!result.ok) return chapters ? { ...result, problems: await (await import('./page-lines.js')).withPageLines(result.problems, elements) } : result;
        const loaded = chapters ? { ...result.loaded, slotted: elements } : result.loaded;
        if (!needsSanitizer(loaded.story)) return { ok: true as const, loaded };
        await loadSanitizer();
        // Story HTML is sanitised once, here, not on every render.
        return { ok: true as const, loaded: { ...loaded, html: sanitizedBodies(loaded.story) } };
      },
      // (The page's loading counts only for an element with no story yet: its end must not
      // restart a load under way.)
      args: () => {
        const { story, src, base } = host;
        const text = this.#inline.text;
        return [story, src, base, text, this.#inline.pageLoaded || !!(story ?? src ?? text), this.#chapters.key] as const;
      },
    });
  }

  /** A load is under way and no story is shown yet. */
  get pending(): boolean {
    return this.#task.status === LoadStatus.PENDING;
  }

  /**
   * The last completed load's result, kept while a newer load runs: an edit (a new `story`, a
   * changed chapter) never empties the page for a frame while the new version loads.
   */
  get result(): LoadResult | undefined {
    const { status, value } = this.#task;
    return status === LoadStatus.COMPLETE || status === LoadStatus.PENDING ? value : undefined;
  }

  /** The story loaded, when the last load succeeded. */
  get loaded(): LoadedStory | undefined {
    const result = this.result;
    return result?.ok ? result.loaded : undefined;
  }

  /** The problem to show when the last load threw (a bug). */
  get failure(): StoryProblem | undefined {
    return this.#task.status === LoadStatus.ERROR ? unexpected(this.#task.error) : undefined;
  }

  /** What ended since the last call and was not reported: a new result, or a new exception. */
  news(): LoadNews {
    const result = this.result;
    if (result && result !== this.#reportedResult) {
      this.#reportedResult = result;
      return { result };
    }
    if (this.#task.status === LoadStatus.ERROR && this.#task.error !== this.#reportedError) {
      this.#reportedError = this.#task.error;
      this.#reportedResult = undefined;
      return { problem: unexpected(this.#task.error) };
    }
    return {};
  }
}
