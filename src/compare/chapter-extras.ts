import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Theme } from '../basemap/embedded-style.js';
import type { LoadedStory } from '../story/load.js';
import type { ExtrasView } from './extras-view.js';

/** What the controller reads from the element. */
export interface ExtrasWiring {
  loaded(): LoadedStory | undefined;
  map(): MapLibreMap | undefined;
  active(): number | undefined;
  exploring(): boolean;
  theme(): Theme;
}

/** True when a chapter of the story compares two sides or changes the basemap. */
const needed = (loaded: LoadedStory) => loaded.states.some((s) => s.compare || s.basemap.theme !== undefined || !s.basemap.detail);

/**
 * Per-chapter basemaps and comparisons (a chapter's `basemap` and `compare`). Their code (the
 * divider, the clipped layers, the theme change) loads with `import()` only for a story that
 * has such a chapter: pages without them pay nothing but this controller.
 *
 * It follows the element rather than being called by it: after each render (a chapter change,
 * the map made or released, explore mode) the view shows the active chapter's state, and the
 * element's own `map-story-progress` events (at most one a frame) move the divider.
 */
export class ChapterExtras implements ReactiveController {
  #view: ExtrasView | undefined;
  #loading = false;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #wiring: ExtrasWiring;

  constructor(host: ReactiveControllerHost & HTMLElement, wiring: ExtrasWiring) {
    this.#host = host;
    this.#wiring = wiring;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('map-story-progress', this.#onProgress);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('map-story-progress', this.#onProgress);
    this.#view?.destroy();
  }

  hostUpdated(): void {
    const loaded = this.#wiring.loaded();
    if (!loaded || (!this.#view && !needed(loaded))) return;
    if (this.#view) return this.#sync(loaded);
    if (this.#loading) return;
    this.#loading = true;
    import('./extras-view.js').then(
      ({ ExtrasView }) => {
        this.#view = new ExtrasView();
        const now = this.#wiring.loaded();
        if (now) this.#sync(now);
      },
      () => (this.#loading = false), // tried again at the next render
    );
  }

  #sync(loaded: LoadedStory): void {
    const w = this.#wiring;
    this.#view!.sync({ loaded, map: w.map(), active: w.active(), exploring: w.exploring(), theme: w.theme() });
  }

  readonly #onProgress = (event: Event): void => {
    const { index, progress } = (event as CustomEvent<{ index: number; progress: number }>).detail;
    this.#view?.progress(index, progress);
  };
}
