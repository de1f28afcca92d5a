import type { ReactiveControllerHost } from 'lit';
import type { LoadedStory } from '../story/load.js';
import { afterPaint } from '../map/map-session.js';

/**
 * A story with more chapters than LONG_STORY renders its first FIRST_RENDER_CHAPTERS (more than
 * fill the first screens) at once and the rest one frame later, so its text appears as soon as
 * a short story's would, whatever its length. Shorter stories render in one go.
 */
export const LONG_STORY = 30;
export const FIRST_RENDER_CHAPTERS = 10;

/** How many of a story's chapters are rendered, and whether its first ones have been painted. */
export class ProgressiveChapters {
  /** The story whose chapters are rendered, and how many of them. */
  #renderedFor: LoadedStory | undefined;
  #rendered = 0;
  /** The story whose first chapters have been painted (the map need not wait for a paint). */
  #paintedFor: LoadedStory | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** How many chapters to render now: the first few for a new long story, then all of them. */
  limit(loaded: LoadedStory): number {
    if (loaded !== this.#renderedFor) {
      this.#renderedFor = loaded;
      const count = loaded.states.length;
      this.#rendered = count > LONG_STORY ? FIRST_RENDER_CHAPTERS : count;
      if (this.#rendered < count) {
        void afterPaint().then(() => {
          if (this.#renderedFor !== loaded) return;
          this.#paintedFor = loaded;
          this.#rendered = count;
          this.host.requestUpdate();
        });
      }
    }
    return this.#rendered;
  }

  /** True once every chapter of `loaded` is in the DOM (cards can be measured). */
  all(loaded: LoadedStory): boolean {
    return loaded === this.#renderedFor && this.#rendered >= loaded.states.length;
  }

  /** True when `loaded`'s first chapters have been painted already. */
  painted(loaded: LoadedStory): boolean {
    return loaded === this.#paintedFor;
  }
}
