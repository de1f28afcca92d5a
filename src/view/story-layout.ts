import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CARD_SHARE, paddingForText, TRIGGER } from '../map/camera.js';
import type { Framing } from '../map/map-driver.js';
import type { CardBox } from '../motion/story-motion.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { AlignValue } from '../story/schema.js';

/** Below this width (of the element, not the window) text becomes cards over a full-bleed map. */
export const NARROW_WIDTH = 700;
/** Height of the navigation bar at the top of the map, in pixels, kept free of targets. */
const CONTROLS_HEIGHT = 56;

type Column = { left: number; right: number };

/** What the layout tells the element about. */
export interface LayoutEvents {
  /** The layout became narrow or wide (after the element rendered it and it was measured). */
  onNarrow(): void;
  /** The map changed size within the same layout: the chapter's view must be fitted again. */
  onMapResize(): void;
  /** Cards and the map were measured anew. */
  onMeasured(boxes: CardBox[], mapWidth: number): void;
}

/**
 * The element's layout, read once per resize (never while scrolling): narrow or wide, the map's
 * size, the text columns, the chapter cards and their boxes, and where the trigger line is.
 * Layout changes are handled in the frame after the ResizeObserver reports them: changing layout
 * inside its callback makes browsers report "ResizeObserver loop completed" errors to the page.
 */
export class StoryLayout implements ReactiveController {
  /** True below NARROW_WIDTH. */
  narrow = false;
  /** The map area's size, in pixels. */
  size = { width: 0, height: 0 };
  /** The chapter cards, and their boxes relative to the element's top. */
  cards: HTMLElement[] = [];
  boxes: CardBox[] = [];
  #columns: Partial<Record<AlignValue, Column>> = {};
  #frame = 0;
  readonly #observer = new ResizeObserver(() => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#resized());
  });

  readonly #host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
  readonly #events: LayoutEvents;

  constructor(
    host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    events: LayoutEvents,
  ) {
    this.#host = host;
    this.#events = events;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  /** Where chapters become active, as a share of the viewport's height. */
  get trigger(): number {
    return this.narrow ? TRIGGER.narrow : TRIGGER.wide;
  }

  /** The trigger line's position from the element's top, in pixels (one layout read). */
  triggerLine(): number {
    return this.trigger * innerHeight - this.#host.getBoundingClientRect().top;
  }

  /** Reads the map's size, the text columns and the card boxes. */
  measure(): void {
    const root = this.#host.renderRoot;
    this.cards = [...root.querySelectorAll<HTMLElement>('.chapter')];
    const area = root.querySelector<HTMLElement>('.map-area');
    if (!area) return;
    const box = area.getBoundingClientRect();
    const top = this.#host.getBoundingClientRect().top;
    this.size = { width: box.width, height: box.height };
    this.boxes = this.cards.map((c) => {
      const r = c.getBoundingClientRect();
      return { top: r.top - top, height: r.height };
    });
    this.#columns = {};
    for (const card of root.querySelectorAll<HTMLElement>('.card[data-align]')) {
      const align = card.dataset['align'] as AlignValue;
      if (this.#columns[align]) continue;
      const r = card.getBoundingClientRect();
      this.#columns[align] = { left: r.left - box.left, right: r.right - box.left };
    }
    this.#events.onMeasured(this.boxes, this.size.width);
  }

  /** How a chapter is framed: the map's part the text leaves free, below the navigation bar. */
  framing(state: ChapterState, align: AlignValue): Framing {
    const card = { height: this.boxes[state.index]?.height ?? this.size.height * CARD_SHARE, offset: this.trigger };
    const padding = paddingForText(this.size.width, this.size.height, this.#columns[align], align, this.narrow, card);
    return { padding: { ...padding, top: padding.top + CONTROLS_HEIGHT }, narrow: this.narrow };
  }

  /**
   * Makes `scrollIntoView` put card `index`'s middle on the trigger line, wherever the page
   * scrolls. Uses the measured height (no layout read) and writes only a changed value.
   */
  setScrollMargin(index: number): void {
    const card = this.cards[index];
    if (!card) return;
    const height = this.boxes[index]?.height ?? card.offsetHeight;
    const margin = `${Math.round(this.trigger * innerHeight - height / 2)}px`;
    if (card.style.scrollMarginTop !== margin) card.style.scrollMarginTop = margin;
  }

  #resized(): void {
    const narrow = this.#host.getBoundingClientRect().width < NARROW_WIDTH;
    if (narrow !== this.narrow) {
      this.narrow = narrow;
      this.#host.requestUpdate();
      void this.#host.updateComplete.then(() => {
        this.measure();
        this.#events.onNarrow();
      });
      return;
    }
    const before = this.size;
    this.measure();
    // On a narrow layout a change of height alone is the browser's toolbar showing or hiding
    // while the reader scrolls, which MapLibre's own resize handles.
    const { width, height } = this.size;
    if (before.width && (width !== before.width || (!narrow && height !== before.height))) this.#events.onMapResize();
  }
}
