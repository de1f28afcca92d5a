import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Owns the story's chapters written in HTML: the host's `<map-chapter>` children, and `key`,
 * which changes when what they hold does (a CMS editing a heading or an attribute reloads the
 * story, on the same map). What they say is read only when there are some (chapter-parts.ts).
 */
export class ChapterElements implements ReactiveController {
  elements: Element[] = [];
  key = '';
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #observer = new MutationObserver(() => this.#read());

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#read();
    this.#observer.observe(this.#host, { childList: true, subtree: true, attributes: true, characterData: true });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  #read(): void {
    this.elements = [...this.#host.children].filter((e) => e.localName === 'map-chapter');
    const key = this.elements.map((e) => e.outerHTML).join('\n');
    if (key === this.key) return;
    this.key = key;
    this.#host.requestUpdate();
  }
}
