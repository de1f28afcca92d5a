import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Owns what the page itself says about the story: the text of an inline
 * `<script type="application/json">` child, and whether the page has finished loading (before
 * then, no story yet is not an error: a later script may still set `.story`, and a streamed
 * page may still be sending the inline script).
 *
 * The script is read once the parser is past it (a node follows it, or the document is no
 * longer loading), so a script still streaming in is never parsed half-way; a script added or
 * changed later (streamed HTML, an `async` module that upgraded the element first, a CMS
 * editing the page) is read again.
 */
export class InlineStory implements ReactiveController {
  /** The inline script's text, or `undefined` when there is none (yet). */
  text: string | undefined;
  /** True once the page has loaded (`document.readyState` is `complete`). */
  pageLoaded = document.readyState === 'complete';

  readonly #observer = new MutationObserver(() => this.#read());

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#read();
    this.#observer.observe(this.host, { childList: true, subtree: true, characterData: true });
    if (!this.pageLoaded) {
      document.addEventListener('readystatechange', this.#onReadyState);
    }
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    document.removeEventListener('readystatechange', this.#onReadyState);
  }

  readonly #onReadyState = (): void => {
    this.#read();
    if (document.readyState !== 'complete') return;
    document.removeEventListener('readystatechange', this.#onReadyState);
    this.pageLoaded = true;
    this.host.requestUpdate();
  };

  #read(): void {
    const script = this.host.querySelector(':scope > script[type="application/json"]');
    const complete = !!script && (document.readyState !== 'loading' || script.nextSibling !== null);
    const text = complete ? (script.textContent ?? '') : undefined;
    if (text === this.text) return;
    this.text = text;
    this.host.requestUpdate();
  }
}
