import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChapterParts } from '../story/html-chapters.js';

/** The chapter elements' tag: `<map-chapter>`. */
export const CHAPTER_TAG = 'map-chapter';

/** One chapter element as written: its attributes, its JSON child, its first heading. */
function partsOf(element: Element): ChapterParts {
  const script = element.querySelector(':scope > script[type="application/json"]');
  const heading = element.querySelector('h1, h2, h3, h4, h5, h6');
  return {
    attributes: [...element.attributes].map((a) => ({ name: a.name, value: a.value })),
    json: script?.textContent ?? undefined,
    heading: heading?.textContent ?? undefined,
  };
}

/**
 * Owns the story's chapters written in HTML: the host's `<map-chapter>` children, what they say
 * (`parts`, read again whenever the host's content changes), and `key`, which changes only when
 * what they say does (a CMS editing a heading or an attribute reloads the story; an image loading
 * inside a chapter does not).
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
    const elements = [...this.#host.children].filter((e) => e.localName === CHAPTER_TAG);
    const parts = elements.map(partsOf);
    const key = elements.length ? JSON.stringify(parts) : '';
    this.elements = elements;
    if (key === this.key) return;
    this.parts = parts;
    this.key = key;
    this.#host.requestUpdate();
  }
}
