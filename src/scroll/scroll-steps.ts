import type { ReactiveController, ReactiveControllerHost } from 'lit';
import scrollama from 'scrollama/index.js';

type Listener = [type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions];

/**
 * Runs `setup` and returns the listeners it added to `document` meanwhile. scrollama adds a
 * document scroll listener in every `setup()` and never removes it (its `destroy()` leaves it:
 * one more per story shown and per reconnect, forever). We keep scrollama and capture that
 * listener: `document.addEventListener` is wrapped for the synchronous `setup` call only (an
 * own property over the inherited method, deleted at once), so nothing else is ever affected.
 */
function addedListeners(setup: () => void): Listener[] {
  const added: Listener[] = [];
  const own = Object.getOwnPropertyDescriptor(document, 'addEventListener');
  const inherited = document.addEventListener;
  document.addEventListener = function (this: Document, ...args: Listener) {
    added.push(args);
    return inherited.apply(this, args);
  } as typeof document.addEventListener;
  try {
    setup();
  } finally {
    if (own) Object.defineProperty(document, 'addEventListener', own);
    else delete (document as { addEventListener?: unknown }).addEventListener;
  }
  return added;
}

/**
 * Watches the chapter elements with scrollama and reports which one the reader is on.
 * It owns one lifecycle: observers are created by `observe()` and released on disconnect,
 * with the document scroll listener scrollama itself never removes (see `addedListeners`).
 * (We never read the direction scrollama computes from it, and derive direction from chapter
 * order instead.)
 */
export class ScrollSteps implements ReactiveController {
  #instance: ReturnType<typeof scrollama> | undefined;
  /** The listeners the current instance added to the document. */
  #listeners: Listener[] = [];
  readonly #onEnter: (index: number, element: HTMLElement) => void;

  constructor(host: ReactiveControllerHost, onEnter: (index: number, element: HTMLElement) => void) {
    this.#onEnter = onEnter;
    host.addController(this);
  }

  /** Starts watching `steps`; a chapter becomes active when it crosses `offset` (0-1 of the viewport height). */
  observe(steps: HTMLElement[], offset: number): void {
    this.release();
    if (steps.length === 0) return;
    const instance = scrollama();
    this.#listeners = addedListeners(() => instance.setup({ step: steps, offset }));
    this.#instance = instance.onStepEnter(({ index, element }) => this.#onEnter(index, element));
  }

  release(): void {
    this.#instance?.destroy();
    this.#instance = undefined;
    for (const [type, listener, options] of this.#listeners.splice(0)) document.removeEventListener(type, listener, options);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.release();
  }
}
