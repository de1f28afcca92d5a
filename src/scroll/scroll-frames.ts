import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onFrame` at most once per animation frame after the page (or any scroll container
 * in it) scrolls or the window resizes. Listeners exist only while the host is connected.
 */
export class ScrollFrames implements ReactiveController {
  #frame = 0;
  readonly #schedule = () => {
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#run);
  };
  readonly #run = () => {
    this.#frame = 0;
    this.#onFrame();
  };

  readonly #onFrame: () => void;

  constructor(host: ReactiveControllerHost, onFrame: () => void) {
    this.#onFrame = onFrame;
    host.addController(this);
  }

  /** Asks for a frame now (e.g. after layout changed). */
  request(): void {
    this.#schedule();
  }

  hostConnected(): void {
    // Capture: scroll events do not bubble, so this also sees scrolling containers.
    window.addEventListener('scroll', this.#schedule, { passive: true, capture: true });
    window.addEventListener('resize', this.#schedule, { passive: true });
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.#schedule, { capture: true });
    window.removeEventListener('resize', this.#schedule);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }
}
