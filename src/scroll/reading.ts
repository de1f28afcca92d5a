import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fire } from '../events.js';
import { cameraFor, describeCamera } from '../map/camera.js';
import type { Framing, MapDriver } from '../map/map-driver.js';
import { reducedMotion } from '../motion/reduced-motion.js';
import { StoryMotion, type CardBox } from '../motion/story-motion.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { LoadedStory } from '../story/load.js';
import { enteredText } from '../story/strings.js';
import { ScrollFrames } from './scroll-frames.js';
import { ScrollSteps } from './scroll-steps.js';

/** How long the scroll must rest before the chapter catches up with cards a jump skipped, ms. */
const REST_MS = 200;
/**
 * How far, in pixels, a card may be from the trigger line when scrollama reports it and still
 * count as crossing it (its edges are fractional; the line is a whole pixel).
 */
const LINE_SLACK = 2;

/** Keys that move between chapters when a chapter has focus, and where each goes. */
const KEY_MOVES: Record<string, (current: number, last: number) => number> = {
  ArrowDown: (i) => i + 1, PageDown: (i) => i + 1, j: (i) => i + 1,
  ArrowUp: (i) => i - 1, PageUp: (i) => i - 1, k: (i) => i - 1,
  Home: () => 0, End: (_, last) => last,
};

/** The chapter id `#id` in a URL names, or undefined when the hash is not valid percent-encoding. */
function hashId(hash: string): string | undefined {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return undefined;
  }
}

/** What reading asks of the map (the driver; a fake in tests). */
export type ReadingMap = Pick<MapDriver, 'apply' | 'resolveCamera' | 'currentCamera' | 'jumpTo' | 'setLineProgress' | 'resize' | 'moving'>;

/** What reading needs from the element and the other controllers. */
export interface ReadingWiring {
  loaded(): LoadedStory | undefined;
  driver(): ReadingMap | undefined;
  exploring(): boolean;
  /** The `hash` attribute: the URL names the chapter. */
  hash(): boolean;
  framing(state: ChapterState): Framing;
  layout: {
    readonly narrow: boolean;
    readonly trigger: number;
    readonly cards: HTMLElement[];
    triggerLine(): number;
    setScrollMargin(index: number): void;
  };
}

/**
 * The reader's place in the story: which chapter is active and how it became so, what follows
 * the scroll between chapter changes, and what is said and fired about it.
 *
 * A chapter becomes active when its card crosses the trigger line (scrollama reports it, and
 * the card must still span the line when the report arrives), when the reader moves by key,
 * button, `goTo` or deep link, or when a jump carried cards past the line unseen by scrollama:
 * then the chapter catches up once the scroll has rested REST_MS there (`StoryMotion.chapterAt`).
 * Entering a chapter shows its state on the map, announces it to screen readers, follows it in
 * the URL (with `hash`), and fires enter/exit; each frame after a scroll fires progress.
 */
export class Reading implements ReactiveController {
  /** The active chapter's index, undefined before the reader reaches one. */
  active: number | undefined;
  /** What screen readers are told about the active chapter. */
  announcement = '';
  #motion: StoryMotion | undefined;
  #lastProgress = '';
  /** The trigger line's position in the last frame and when it last moved, to tell a resting scroll. */
  #lastLine: number | undefined;
  #movedAt = 0;
  #catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #steps: ScrollSteps;
  readonly #frames: ScrollFrames;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #wiring: ReadingWiring;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    wiring: ReadingWiring,
  ) {
    this.#host = host;
    this.#wiring = wiring;
    host.addController(this);
    this.#steps = new ScrollSteps(host, (index, element) => {
      // IntersectionObserver reports can arrive after the page moved on (e.g. a goTo() right
      // after another): only a card that spans the trigger line now becomes active.
      const r = element.getBoundingClientRect();
      const line = this.#wiring.layout.trigger * innerHeight;
      if (r.top - LINE_SLACK <= line && r.bottom + LINE_SLACK >= line) this.#enter(index);
    });
    this.#frames = new ScrollFrames(host, () => this.#onFrame());
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#catchUpTimer);
  }

  /** Starts following a newly rendered story: its cards, measured, are watched. */
  begin(loaded: LoadedStory, boxes: CardBox[], mapWidth: number): void {
    this.#motion = new StoryMotion(loaded.states, boxes, mapWidth);
    this.watchCards();
    if ((this.active ?? 0) >= loaded.states.length) this.active = loaded.states.length - 1;
  }

  /** The story changed for one that needs a new map: nothing is active until the reader gets there. */
  restart(): void {
    this.active = undefined;
  }

  /** The story failed: nothing to watch. */
  stop(): void {
    this.#steps.release();
  }

  /** (Re)starts scrollama on the current cards and trigger line (after a render or a layout change). */
  watchCards(): void {
    this.#steps.observe(this.#wiring.layout.cards, this.#wiring.layout.trigger);
  }

  /** New card boxes or map width. */
  relayout(boxes: CardBox[], mapWidth: number): void {
    this.#motion?.relayout(boxes, mapWidth);
    this.#frames.request();
  }

  /** The chapter `#id` in the page URL opens (with the `hash` attribute), or -1. */
  #hashIndex(loaded: LoadedStory): number {
    const id = this.#wiring.hash() ? hashId(location.hash) : undefined;
    return id === undefined ? -1 : loaded.states.findIndex((s) => s.id === id);
  }

  /** The chapter a new map opens at: the one the URL names (with `hash`), else the first. */
  opening(loaded: LoadedStory): number {
    return Math.max(0, this.#hashIndex(loaded));
  }

  /** Scrolls to a chapter (by index or id) and makes it active. */
  goTo(chapter: number | string, options: { smooth?: boolean; focus?: boolean } = {}): void {
    const states = this.#wiring.loaded()?.states;
    if (!states) return;
    const index = typeof chapter === 'number' ? chapter : states.findIndex((s) => s.id === chapter);
    const card = this.#wiring.layout.cards[index];
    if (!card) return;
    const smooth = (options.smooth ?? true) && !reducedMotion();
    this.#wiring.layout.setScrollMargin(index);
    card.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
    if (options.focus) card.focus({ preventScroll: true });
    if (!smooth) this.#enter(index, { instant: true });
  }

  /** Moves to the previous or next chapter (`step` -1 or 1). */
  step(step: -1 | 1): void {
    const count = this.#wiring.loaded()?.states.length ?? 0;
    this.goTo(Math.max(0, Math.min(count - 1, (this.active ?? (step > 0 ? -1 : 0)) + step)));
  }

  /** Keys on a chapter card move between chapters (see KEY_MOVES). */
  readonly onKeydown = (event: KeyboardEvent): void => {
    const states = this.#wiring.loaded()?.states;
    const target = event.target as HTMLElement;
    if (!states || event.altKey || event.ctrlKey || event.metaKey || !target.classList.contains('chapter')) return;
    const move = Object.hasOwn(KEY_MOVES, event.key) ? KEY_MOVES[event.key] : undefined;
    if (!move) return;
    event.preventDefault();
    const current = Number(target.dataset['index'] ?? this.active ?? 0);
    this.goTo(Math.max(0, Math.min(states.length - 1, move(current, states.length - 1))), { focus: true });
  };

  /** The map was created: it shows the active chapter (or `first`) at once, and the page goes to the chapter the URL names. */
  mapStarted(loaded: LoadedStory, first: number): void {
    const state = this.#current(first);
    if (state) this.#applyState(state, { instant: true, moveCamera: true });
    const named = this.#hashIndex(loaded);
    if (named >= 0) this.goTo(named, { smooth: false });
    this.#frames.request();
  }

  /** Shows the active chapter again at once (a new layout, a kept map, leaving explore mode). */
  reapply(): void {
    const state = this.#current();
    if (state && !this.#wiring.exploring()) this.#applyState(state, { instant: true, moveCamera: true });
  }

  /** Leaves explore mode: back to the chapter's view. */
  resume(): void {
    const state = this.#current();
    if (state) this.#show(state, { instant: reducedMotion() });
  }

  /**
   * Fits the active chapter's view to a new map size: at once when the camera rests, else by
   * re-aiming the flight (or glide) under way, so a resize never cuts a camera move short.
   */
  refit(): void {
    const state = this.#current();
    const driver = this.#wiring.driver();
    if (!state || !driver || this.#wiring.exploring()) return;
    driver.resize(); // MapLibre's own resize is throttled: fit to the size the map has now
    if (!driver.moving && state.transition.type !== 'scrub') this.#applyState(state, { instant: true, moveCamera: true });
    else this.#show(state, { instant: false });
  }

  /** Asks for a frame (layout changed, the map started). */
  requestFrame(): void {
    this.#frames.request();
  }

  #current(fallback = 0): ChapterState | undefined {
    return this.#wiring.loaded()?.states[this.active ?? fallback];
  }

  #enter(index: number, { instant }: { instant: boolean } = { instant: false }): void {
    const loaded = this.#wiring.loaded();
    const state = loaded?.states[index];
    if (!loaded || !state || index === this.active) return;
    const previous = this.active;
    const direction = previous === undefined || index > previous ? 'down' : 'up';
    this.active = index;
    this.#host.requestUpdate();
    if (previous !== undefined) fire(this.#host, 'map-story-chapter-exit', { index: previous, chapterId: loaded.states[previous]!.id, direction });
    if (this.#wiring.exploring()) this.#applyState(state, { instant, moveCamera: false });
    else this.#show(state, { instant });
    if (this.#wiring.hash()) history.replaceState(history.state, '', `#${encodeURIComponent(state.id)}`);
    const chapter = loaded.story.chapters[index]!;
    this.announcement = enteredText(loaded.strings, chapter, index, chapter.mapDescription ?? describeCamera(cameraFor(state, this.#wiring.layout.narrow)));
    fire(this.#host, 'map-story-chapter-enter', { index, chapterId: state.id, direction });
    this.#frames.request();
  }

  /** Once per frame at most, after scrolling: catch-up, scrubbed camera, drawn lines, progress events. */
  #onFrame(): void {
    const loaded = this.#wiring.loaded();
    const motion = this.#motion;
    if (!loaded || !motion) return;
    const line = this.#wiring.layout.triggerLine();
    const now = performance.now();
    if (line !== this.#lastLine) {
      this.#lastLine = line;
      this.#movedAt = now;
    }
    // Cards a jump carried past the line unseen by scrollama: the chapter catches up once the
    // scroll has rested there (a fast scroll passes many cards; entering each would start
    // flights nobody sees).
    const at = motion.chapterAt(line, this.active);
    if (at !== undefined && at !== this.active) {
      const wait = this.#movedAt + REST_MS - now;
      if (wait <= 0) this.#enter(at);
      else {
        clearTimeout(this.#catchUpTimer);
        this.#catchUpTimer = setTimeout(() => this.#frames.request(), wait);
      }
    }
    const driver = this.#wiring.driver();
    if (driver) {
      const map = {
        resolve: (s: ChapterState) => driver.resolveCamera(s, this.#wiring.framing(s)),
        current: () => driver.currentCamera(),
        jumpTo: driver.jumpTo.bind(driver),
        setLineProgress: driver.setLineProgress.bind(driver),
      };
      // The scrubbed camera glides on after the scroll stops.
      if (motion.frame(map, line, !this.#wiring.exploring() && !reducedMotion(), now)) this.#frames.request();
    }
    const index = this.active;
    if (index === undefined) return;
    const progress = Math.round(motion.progressOf(index, line) * 1000) / 1000;
    const key = `${index}:${progress}`;
    if (key === this.#lastProgress) return;
    this.#lastProgress = key;
    fire(this.#host, 'map-story-progress', { index, chapterId: loaded.states[index]!.id, progress });
  }

  /**
   * Shows a chapter's map state with its transition. A scrubbed chapter's camera is the
   * scroll's: it glides to where the scroll is (`StoryMotion`), never cuts, unless `instant`.
   */
  #show(state: ChapterState, { instant }: { instant: boolean }): void {
    const glide = !instant && !reducedMotion() && state.transition.type === 'scrub' && !!this.#motion;
    this.#applyState(state, { instant, moveCamera: !glide });
    if (!glide) return;
    this.#motion!.land(state.index);
    this.#frames.request();
  }

  /** Shows a chapter's map state; moving the camera there takes it from the scrubbed camera. */
  #applyState(state: ChapterState, options: { instant: boolean; moveCamera: boolean }): void {
    const driver = this.#wiring.driver();
    if (!driver) return;
    driver.apply(state, this.#wiring.framing(state), options);
    if (options.moveCamera) this.#motion?.release();
  }
}
