import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChapterParts } from '../story/html-chapters.js';
import { chapterParts } from './chapter-parts.js';

/**
 * Owns the story's chapters written in HTML: the host's `<map-chapter>` children, what they say
 * (`parts`: attributes, JSON child, first heading), and `key`, which changes only when what they
 * say does. A CMS editing a heading or an attribute reloads the story (on the same map); a page
 * script changing a class or an image inside a chapter's text, as the reader scrolls, does not.
 */
export class ChapterElements implements ReactiveController {
  elements: Element[] = [];
  parts: ChapterParts[] = [];
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
    const parts = this.elements.map(chapterParts);
    const key = parts.length ? JSON.stringify(parts) : '';
    if (key === this.key) return;
    this.parts = parts;
    this.key = key;
    this.#host.requestUpdate();
  }
}
