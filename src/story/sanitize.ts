import createDOMPurify from 'dompurify';
import { isSafeUrl } from './urls.js';

/** Tags story text may use; everything else is removed (its text kept). */
const ALLOWED_TAGS = ['p', 'a', 'em', 'strong', 'b', 'i', 'ul', 'ol', 'li', 'blockquote', 'br', 'sup', 'sub', 'abbr', 'cite', 'q', 'time', 'span', 'code'];
const ALLOWED_ATTR = ['href', 'title', 'lang', 'dir', 'datetime'];

let purifier: ReturnType<typeof createDOMPurify> | undefined;

/** A private DOMPurify instance, so our hooks never touch a DOMPurify the host page uses. */
function getPurifier(): ReturnType<typeof createDOMPurify> {
  if (purifier) return purifier;
  purifier = createDOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !isSafeUrl(href)) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  return purifier;
}

/** Sanitises story HTML to the limited set of text tags; returns safe HTML. */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, RETURN_TRUSTED_TYPE: false });
}

/** True when a body is plain text (rendered as paragraphs, escaped) rather than HTML. */
export function isPlainText(body: string): boolean {
  return !/<[a-zA-Z!/]/.test(body);
}

/** Splits plain text into paragraphs at blank lines. */
export function paragraphs(body: string): string[] {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/** Attribution HTML (MapLibre inserts it with innerHTML): links and text only. */
export function sanitizeAttribution(html: string): string {
  return getPurifier().sanitize(html, { ALLOWED_TAGS: ['a', 'span', 'b', 'i', 'em', 'strong'], ALLOWED_ATTR: ['href', 'title'], RETURN_TRUSTED_TYPE: false });
}

/** A CSS colour, or `fallback` when the value is not one (no CSS injection through colours). */
export function safeColor(value: string, fallback = 'currentColor'): string {
  return typeof CSS !== 'undefined' && CSS.supports('color', value) ? value : fallback;
}
