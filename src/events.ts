import type { StoryProblem } from './story/messages.js';

/** Detail of `map-story-ready`. */
export interface ReadyDetail {
  title: string;
  chapters: number;
}

/** Detail of `map-story-chapter-enter` and `map-story-chapter-exit`. */
export interface ChapterDetail {
  index: number;
  /** The chapter's `id` (as in `map-story-error`'s detail and the URL hash). */
  chapterId: string;
  /** `down` when the reader moved forward through the story, `up` when back. */
  direction: 'up' | 'down';
}

/** Detail of `map-story-progress`: how far the reader is through the active chapter (0-1). */
export interface ProgressDetail {
  index: number;
  chapterId: string;
  progress: number;
}

/** Detail of `map-story-error`: the first problem, and all of them. */
export interface ErrorDetail extends StoryProblem {
  problems: StoryProblem[];
}

export interface MapStoryEventMap {
  'map-story-ready': CustomEvent<ReadyDetail>;
  'map-story-chapter-enter': CustomEvent<ChapterDetail>;
  'map-story-chapter-exit': CustomEvent<ChapterDetail>;
  'map-story-progress': CustomEvent<ProgressDetail>;
  'map-story-error': CustomEvent<ErrorDetail>;
}

/** Dispatches a typed, bubbling, composed event from `target`. */
export function fire<K extends keyof MapStoryEventMap>(
  target: EventTarget,
  type: K,
  detail: MapStoryEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap extends MapStoryEventMap {}
}
