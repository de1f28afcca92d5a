import type { DOMPurify } from 'dompurify';
import type { Story } from './schema.js';
import { isCssColor } from './colors.js';
import { isSafeUrl } from './urls.js';

/** Tags story text may use; everything else is removed (its text kept). */
const ALLOWED_TAGS = ['p', 'a', 'em', 'strong', 'b', 'i', 'ul', 'ol', 'li', 'blockquote', 'br', 'sup', 'sub', 'abbr', 'cite', 'q', 'time', 'span', 'code'];
const ALLOWED_ATTR = ['href', 'title', 'lang', 'dir', 'datetime'];

let purifier: DOMPurify | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads DOMPurify (a private instance, so our hooks never touch one the host page uses). It is
 * loaded only for stories that need it: HTML in text, or attributions.
 */
export function loadSanitizer(): Promise<void> {
  loading ??= import('dompurify').then((module) => {
    // Bundlers that pick DOMPurify's UMD file (Parcel follows its `browser` field) hand back
    // its exports, the factory itself, rather than a namespace with a default.
    const createDOMPurify = typeof module.default === 'function' ? module.default : (module as unknown as typeof module.default);
    const instance = createDOMPurify(window);
    instance.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href');
        if (href !== null && !isSafeUrl(href)) node.removeAttribute('href');
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('target', '_blank');
      }
    });
    purifier = instance;
  });
  return loading;
}

/**
 * True when showing the story needs the sanitiser: HTML in chapter bodies or attributions.
 * (Plain-text attributions are escaped without it; external styles load it themselves.)
 */
export function needsSanitizer(story: Story): boolean {
  const html = (s: unknown) => typeof s === 'string' && !isPlainText(s);
  return (
    story.chapters.some((c) => html(c.body)) ||
    html(story.map?.attribution) ||
    Object.values(story.sources ?? {}).some((s) => html((s as { attribution?: unknown }).attribution))
  );
}

/** Plain text made safe to insert as HTML, for when DOMPurify is not loaded (no tags in it). */
function escaped(text: string): string {
  return text.replace(/<[^>]*>?/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Attributes renamed before parsing (see `inert`): event handlers and inline styles. */
const LIVE_ATTRIBUTE = /^(?:on|style$)/i;
/**
 * A start tag: quoted attribute values (a quote right after `=`) are skipped as the HTML
 * tokenizer skips them; a quote elsewhere is part of a name, as it is for the tokenizer.
 */
const START_TAG = /<[a-zA-Z][^\s/>]*(?:=\s*(?:"[^"]*"?|'[^']*'?)|[^>])*>?/g;
const TAG_NAME = /^<[^\s/>]*/;
/** The parts of a tag after its name: `=` and its (quoted or unquoted) value, or a name. */
const TAG_PART = /=\s*(?:"[^"]*"?|'[^']*'?|[^\s>"']*)|[^\s/>=]+/g;

/**
 * Story HTML with every `on*` and `style` attribute renamed (`x-onerror`), so parsing it
 * creates no live event handler or inline style. Parsing HTML into any document of a page, even
 * an inert one (DOMParser's, DOMPurify's, a template's), makes Chromium check such attributes
 * against the page's Content-Security-Policy and report each one, from a strict-CSP page, as a
 * `script-src-attr` (or `style-src-attr`) violation. Nothing runs either way, and DOMPurify
 * still removes the renamed attributes: this only keeps hostile stories from flooding the
 * embedding page's CSP reports. Text outside tags is untouched.
 */
export function inert(html: string): string {
  return html.replace(START_TAG, (tag) => {
    const name = TAG_NAME.exec(tag)![0];
    return name + tag.slice(name.length).replace(TAG_PART, (part) => (LIVE_ATTRIBUTE.test(part) ? `x-${part}` : part));
  });
}

/** Sanitises story HTML to the limited set of text tags; returns safe HTML. */
export function sanitizeHtml(html: string): string {
  if (!purifier) return escaped(html);
  return purifier.sanitize(inert(html), { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, RETURN_TRUSTED_TYPE: false });
}

/** Attribution HTML (MapLibre inserts it with innerHTML): links and text only. */
export function sanitizeAttribution(html: string): string {
  if (!purifier) return escaped(html);
  return purifier.sanitize(inert(html), { ALLOWED_TAGS: ['a', 'span', 'b', 'i', 'em', 'strong'], ALLOWED_ATTR: ['href', 'title'], RETURN_TRUSTED_TYPE: false });
}

/**
 * The safe HTML of every chapter body that holds HTML, by its text: sanitised once when the
 * story is loaded (as chapter states are), not on every render. Call after `loadSanitizer`.
 */
export function sanitizedBodies(story: Story): ReadonlyMap<string, string> {
  const bodies = new Map<string, string>();
  for (const { body } of story.chapters) if (body && !isPlainText(body) && !bodies.has(body)) bodies.set(body, sanitizeHtml(body));
  return bodies;
}

/** True when a body is plain text (rendered as paragraphs, escaped) rather than HTML. */
export function isPlainText(body: string): boolean {
  return !/<[a-zA-Z!/]/.test(body);
}

/** Splits plain text into paragraphs at blank lines. */
export function paragraphs(body: string): string[] {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/**
 * A literal CSS colour, or `fallback` when the value is not one (no CSS injection through
 * colours). Validation already refuses such colours: this is the check at render, in depth.
 */
export function safeColor(value: string, fallback = 'currentColor'): string {
  return isCssColor(value) && (typeof CSS === 'undefined' || CSS.supports('color', value)) ? value : fallback;
}
