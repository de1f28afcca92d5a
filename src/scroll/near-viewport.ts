import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tells whether the host is near the viewport: `near` becomes true within `margin` of it
 * (e.g. "100%" = one viewport height) and false only beyond three times that margin, so a
 * map is created before the reader reaches it and released only when far away. Browsers
 * cap live WebGL contexts (about 16 in Chromium): this lets a page hold any number of maps.
 */
export class NearViewport implements ReactiveController {
  near = false;
  #enter: IntersectionObserver | undefined;
  #leave: IntersectionObserver | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #margin: () => string;
  readonly #onChange: (near: boolean) => void;

  constructor(host: ReactiveControllerHost & HTMLElement, margin: () => string, onChange: (near: boolean) => void) {
    this.#host = host;
    this.#margin = margin;
    this.#onChange = onChange;
    host.addController(this);
  }

  #observe(): void {
    this.#disconnect();
    const margin = this.#margin();
    const value = parseFloat(margin) || 0;
    const unit = margin.trim().endsWith('%') ? '%' : 'px';
    this.#enter = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting && !this.near) this.#set(true);
    }, { rootMargin: `${value}${unit} 0px` });
    this.#leave = new IntersectionObserver(([entry]) => {
      if (entry && !entry.isIntersecting && this.near) this.#set(false);
    }, { rootMargin: `${value * 3}${unit} 0px` });
    this.#enter.observe(this.#host);
    this.#leave.observe(this.#host);
  }

  #set(near: boolean): void {
    this.near = near;
    this.#onChange(near);
  }

  /** Re-reads the margin (after the attribute changed). */
  refresh(): void {
    if (this.#enter) this.#observe();
  }

  #disconnect(): void {
    this.#enter?.disconnect();
    this.#leave?.disconnect();
    this.#enter = this.#leave = undefined;
  }

  hostConnected(): void {
    this.#observe();
  }

  hostDisconnected(): void {
    this.#disconnect();
    this.near = false;
  }
}
