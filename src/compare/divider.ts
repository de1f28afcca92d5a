import { fill, type Strings } from '../story/strings.js';
import { DIVIDER_KEYS, dividerX, valueAt, type SidePadding } from './divider-position.js';

/** What the divider shows and asks. */
export interface DividerOptions {
  /** The labels of the sides, left ("before") and right ("after"). */
  before: string;
  after: string;
  strings: Strings;
  /** The map's width and its side padding now, px. */
  geometry(): { width: number; padding: SidePadding };
  /** The reader moved the divider (drag or key) to `value`. */
  onInput(value: number): void;
}

/** The divider's styles: loaded with it, adopted once per shadow root. */
const CSS = `
.compare{position:absolute;inset:0;z-index:1;pointer-events:none;overflow:hidden;font:600 .8rem/1.2 var(--map-story-heading-font-family,system-ui,sans-serif)}
.compare-divider{position:absolute;top:0;bottom:0;left:0;width:44px;margin-left:-22px;display:flex;justify-content:center;touch-action:none;outline:none}
.compare-divider::before{content:"";width:3px;background:#fff;box-shadow:0 0 0 1px rgba(0,0,0,.35)}
.compare-divider[aria-disabled=false]{pointer-events:auto;cursor:ew-resize}
.compare-handle{position:absolute;top:50%;width:30px;height:30px;margin-top:-15px;border-radius:50%;background:#fff;border:1px solid rgba(0,0,0,.4);display:none;color:#1d232a;text-align:center;line-height:28px}
.compare-divider[aria-disabled=false] .compare-handle{display:block}
.compare-divider:focus-visible .compare-handle{outline:3px solid var(--map-story-accent-color,#b23a0e);outline-offset:2px}
.compare-label{position:absolute;top:3.75rem;padding:.2rem .45rem;border-radius:3px;background:rgba(255,255,255,.92);color:#1d232a;white-space:nowrap;box-shadow:0 1px 3px rgba(0,0,0,.25)}
`;
const adopted = new WeakSet<Node>();
/** Gap between a label and the divider, px (a label is cut there when the divider nears it). */
const LABEL_GAP = 10;
/** Distance of a label from its edge of the map (inside the padding), px. */
const LABEL_INSET = 10;

/**
 * The comparison divider over the map: a line with a label for each side, and a slider
 * (`role="slider"`, value 0-100: how much of the map's free width shows the left side). It is
 * interactive (focusable, dragged, moved by keys) only when the map is explorable; otherwise it
 * follows the scroll and is `aria-disabled`. Its direction (`dir`) is the strings'.
 */
export class Divider {
  readonly element: HTMLDivElement;
  readonly #slider: HTMLDivElement;
  readonly #labels: [HTMLSpanElement, HTMLSpanElement];
  readonly #options: DividerOptions;
  #value = 0.5;
  #interactive = false;

  constructor(container: HTMLElement, options: DividerOptions) {
    this.#options = options;
    const root = container.getRootNode();
    if (root instanceof ShadowRoot && !adopted.has(root)) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      adopted.add(root);
    }
    const { strings, before, after } = options;
    const element = document.createElement('div');
    element.className = 'compare';
    element.setAttribute('part', 'compare');
    element.dir = strings.dir;
    const label = (text: string, side: string) => {
      const span = document.createElement('span');
      span.className = `compare-label ${side}`;
      span.setAttribute('part', 'compare-label');
      span.setAttribute('aria-hidden', 'true'); // said by the slider's name and the chapter's announcement
      span.textContent = text;
      return span;
    };
    this.#labels = [label(before, 'before'), label(after, 'after')];
    const slider = document.createElement('div');
    slider.className = 'compare-divider';
    slider.setAttribute('part', 'compare-divider');
    slider.setAttribute('role', 'slider');
    slider.setAttribute('aria-orientation', 'horizontal');
    slider.setAttribute('aria-valuemin', '0');
    slider.setAttribute('aria-valuemax', '100');
    slider.setAttribute('aria-label', fill(strings.compareSlider, { before, after }));
    const handle = document.createElement('span');
    handle.className = 'compare-handle';
    handle.textContent = '⇔';
    handle.setAttribute('aria-hidden', 'true');
    slider.append(handle);
    slider.addEventListener('keydown', this.#onKey);
    slider.addEventListener('pointerdown', this.#onPointerDown);
    element.append(...this.#labels, slider);
    this.#slider = slider;
    this.element = element;
    container.append(element);
    this.setInteractive(false);
  }

  get value(): number {
    return this.#value;
  }

  get interactive(): boolean {
    return this.#interactive;
  }

  /** Moves the divider to `value`; returns its x, px from the map's left edge. */
  set(value: number): number {
    this.#value = value;
    const percent = Math.round(value * 100);
    this.#slider.setAttribute('aria-valuenow', String(percent));
    this.#slider.setAttribute('aria-valuetext', fill(this.#options.strings.compareValue, { percent, before: this.#options.before }));
    return this.layout();
  }

  /** Places the divider and labels for the map's current size and padding; returns the divider's x. */
  layout(): number {
    const { width, padding } = this.#options.geometry();
    const x = dividerX(this.#value, width, padding);
    this.#slider.style.transform = `translateX(${x}px)`;
    // Each label stays in its corner of the map and shows as much of itself as its side has
    // room for: it never leaves the map or lies on the other side.
    const [before, after] = this.#labels;
    const left = padding.left + LABEL_INSET;
    const right = width - padding.right - LABEL_INSET;
    before.style.left = `${left}px`;
    before.style.clipPath = `inset(0 max(0px, calc(100% - ${x - LABEL_GAP - left}px)) 0 0)`;
    after.style.right = `${width - right}px`;
    after.style.clipPath = `inset(0 0 0 max(0px, calc(100% - ${right - x - LABEL_GAP}px)))`;
    return x;
  }

  /** Lets the reader move the divider (explore mode), or not (it follows the scroll). */
  setInteractive(on: boolean): void {
    this.#interactive = on;
    this.#slider.setAttribute('aria-disabled', String(!on));
    if (on) this.#slider.tabIndex = 0;
    else {
      this.#slider.removeAttribute('tabindex');
      this.#slider.blur();
    }
  }

  remove(): void {
    this.element.remove();
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    const move = Object.hasOwn(DIVIDER_KEYS, event.key) ? DIVIDER_KEYS[event.key] : undefined;
    if (!this.#interactive || !move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    event.stopPropagation(); // not a chapter key, not the map's keyboard handler
    this.#options.onInput(move(this.#value));
  };

  readonly #onPointerDown = (event: PointerEvent): void => {
    if (!this.#interactive || event.button !== 0) return;
    event.preventDefault();
    const slider = this.#slider;
    slider.focus({ preventScroll: true });
    slider.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      const { width, padding } = this.#options.geometry();
      const left = this.element.getBoundingClientRect().left;
      this.#options.onInput(valueAt(e.clientX - left, width, padding));
    };
    const end = () => {
      slider.removeEventListener('pointermove', move);
      slider.removeEventListener('pointerup', end);
      slider.removeEventListener('pointercancel', end);
    };
    slider.addEventListener('pointermove', move);
    slider.addEventListener('pointerup', end);
    slider.addEventListener('pointercancel', end);
  };
}
