import { ReactiveElement } from 'lit';

/**
 * @tag map-chapter
 *
 * A chapter of a `<map-story>` written in the page's HTML: its content (headings, paragraphs,
 * images) is the chapter's text, in the light DOM, styled by the page and read as an ordinary
 * article before (and without) JavaScript. Once `<map-story>` runs, the same nodes become the
 * chapter's scrolling card (slotted, not copied). The map part of the story (`map`, `sources`,
 * `layers`, `credits`, `title`) comes from the `<map-story>`'s JSON as usual.
 *
 * Attributes: `id` (required) and any chapter field in kebab case: text fields as they are
 * (`date`, `map-description`, `align`), the others as JSON (`camera='{"center":[35.87,34.91],"zoom":12}'`,
 * `camera-mobile`, `layers`, `markers`, `legend`), with two short forms: `transition="fly"` and
 * `progress="route"` (a layer id). Any field may instead be in a `<script type="application/json">`
 * child holding an object. The first heading is the chapter's title for screen readers.
 */
export class MapChapter extends ReactiveElement {
  /** Renders nothing of its own: its children are the chapter's text. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'map-chapter': MapChapter;
  }
}
