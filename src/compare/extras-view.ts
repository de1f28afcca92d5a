import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Theme } from '../basemap/embedded-style.js';
import { BasemapTheme, THEME_MS } from '../map/basemap-theme.js';
import { CompareClip } from '../map/compare-clip.js';
import { reducedMotion } from '../motion/reduced-motion.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { LoadedStory } from '../story/load.js';
import { Divider } from './divider.js';
import { scrubbedValue } from './divider-position.js';

/** What per-chapter basemaps and comparisons read from the element. */
export interface ExtrasWiring {
  loaded(): LoadedStory | undefined;
  map(): MapLibreMap | undefined;
  active(): number | undefined;
  exploring(): boolean;
  theme(): Theme;
}

/**
 * Attaches per-chapter basemaps and comparisons to the element (see chapterExtras): after each
 * render (a chapter change, the map made or released, explore mode) the view shows the active
 * chapter's state; the element's own `map-story-progress` events (at most one a frame) move the
 * divider. Shows the current state at once.
 */
export function attach(host: ReactiveControllerHost & HTMLElement, wiring: ExtrasWiring): void {
  const view = new ExtrasView();
  const onProgress = (event: Event) => {
    const { index, progress } = (event as CustomEvent<{ index: number; progress: number }>).detail;
    view.progress(index, progress);
  };
  const sync = () => {
    const loaded = wiring.loaded();
    if (loaded) view.sync({ loaded, map: wiring.map(), active: wiring.active(), exploring: wiring.exploring(), theme: wiring.theme() });
  };
  const controller: ReactiveController = {
    hostConnected: () => host.addEventListener('map-story-progress', onProgress),
    hostDisconnected: () => {
      host.removeEventListener('map-story-progress', onProgress);
      view.destroy();
    },
    hostUpdated: sync,
  };
  host.addController(controller); // calls hostConnected when the element is connected
  sync();
}

/** What the view is told after each render of the element. */
export interface ExtrasInput {
  loaded: LoadedStory;
  map: MapLibreMap | undefined;
  /** The active chapter (undefined before the reader reaches one: the first chapter's state shows). */
  active: number | undefined;
  /** The reader explores the map (explore mode): the divider is theirs, the scroll leaves it. */
  exploring: boolean;
  /** The story's theme, which the map was made with. */
  theme: Theme;
}

/**
 * The lazily loaded part of per-chapter basemaps and comparisons (see chapterExtras): shows the
 * active chapter's basemap state (theme, detail) and its comparison (clipped layers, divider),
 * and moves the divider with the reader's progress through the chapter, or with the reader's
 * hand when the map is explorable. State, not deltas: whatever chapter is active, its state is
 * what shows; a new map (released and made again) gets it at once.
 */
export class ExtrasView {
  #map: MapLibreMap | undefined;
  #basemap: BasemapTheme | undefined;
  #clip: CompareClip | undefined;
  #divider: Divider | undefined;
  /** The chapter state shown (its comparison, if any). */
  #shown: ChapterState | undefined;
  #width = 0;
  /** The last progress reported, by chapter. */
  #progress = { index: -1, value: 0 };
  /** The reader moved the divider in this chapter: the scroll leaves it where they put it. */
  #held = false;
  #exploring = false;

  /** Shows the active chapter's basemap and comparison on the map (after each render of the element). */
  sync(input: ExtrasInput): void {
    const { map, loaded } = input;
    let first = false;
    if (map !== this.#map) {
      this.#forget();
      this.#map = map;
      if (!map) return;
      this.#basemap = new BasemapTheme(map, input.theme, loaded.story.map?.detail ?? []);
      this.#clip = new CompareClip(map);
      this.#width = map.getContainer().clientWidth;
      map.on('resize', this.#onResize);
      map.on('move', this.#relayout);
      first = true;
    }
    if (!map) return;
    const state = loaded.states[input.active ?? 0];
    if (!state) return;
    const theme = state.basemap.theme ?? input.theme;
    this.#basemap!.apply(theme, state.basemap.detail, first || reducedMotion() ? 0 : THEME_MS);
    if (state !== this.#shown) this.#show(state, loaded, theme);
    if (this.#exploring && !input.exploring) this.#held = false; // back to the story: the scroll moves it again
    this.#exploring = input.exploring;
    this.#divider?.setInteractive(input.exploring || !!loaded.story.map?.interactive);
    if (!this.#held && !this.#exploring) this.#scrub();
  }

  /** The reader's progress through chapter `index` (0-1). */
  progress(index: number, value: number): void {
    this.#progress = { index, value };
    if (!this.#held && !this.#exploring) this.#scrub();
  }

  /** Removes the divider (the element left the page; the map goes with it). */
  destroy(): void {
    this.#forget();
  }

  #show(state: ChapterState, loaded: LoadedStory, theme: Theme): void {
    this.#shown = state;
    this.#held = false;
    this.#clip!.clear();
    this.#divider?.remove();
    this.#divider = undefined;
    const compare = state.compare;
    if (!compare) return;
    const basemap = this.#basemap!.embedded ? { theme, detail: loaded.story.map?.detail ?? [], detailVisible: state.basemap.detail } : undefined;
    // A layer on both sides is drawn on both: not clipped.
    const both = (compare.before.layers ?? []).filter((id) => compare.after.layers?.includes(id));
    const side = (s: typeof compare.before) => ({ layers: (s.layers ?? []).filter((id) => !both.includes(id)), theme: s.theme });
    this.#clip!.show({ before: side(compare.before), after: side(compare.after) }, basemap);
    const map = this.#map!;
    this.#divider = new Divider(map.getContainer(), {
      before: compare.before.label,
      after: compare.after.label,
      strings: loaded.strings,
      geometry: () => {
        const { left, right } = map.getPadding();
        return { width: this.#width, padding: { left: left ?? 0, right: right ?? 0 } };
      },
      onInput: (value) => {
        this.#held = true;
        this.#set(value);
      },
    });
    this.#scrub();
  }

  /** Puts the divider where the reader's progress through the chapter says (see scrubbedValue). */
  #scrub(): void {
    const shown = this.#shown;
    if (!this.#divider || !shown) return;
    const progress = this.#progress.index === shown.index ? this.#progress.value : 0;
    this.#set(scrubbedValue(progress, reducedMotion()));
  }

  #set(value: number): void {
    if (this.#divider) this.#clip?.setDivider(this.#divider.set(value));
  }

  readonly #onResize = (): void => {
    this.#width = this.#map?.getContainer().clientWidth ?? 0;
    this.#relayout();
  };

  /** The map's size or padding changed: the divider keeps its value, at its new place. */
  readonly #relayout = (): void => {
    if (this.#divider) this.#clip?.setDivider(this.#divider.layout());
  };

  #forget(): void {
    this.#map?.off('resize', this.#onResize);
    this.#map?.off('move', this.#relayout);
    this.#divider?.remove();
    this.#divider = undefined;
    this.#map = undefined;
    this.#basemap = undefined;
    this.#clip = undefined;
    this.#shown = undefined;
  }
}
