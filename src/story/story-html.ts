import { isPlainText, paragraphs } from './sanitize.js';

/**
 * A story as HTML: the map part (everything but the chapters) as the `<map-story>`'s inline JSON,
 * each chapter as a `<map-chapter>` whose content is its date, title, text and image, and whose
 * attributes (and JSON child, for markers and the legend) are its map fields. Reading the result
 * back (see html-chapters.ts) gives the same story. Used by the studio's export, the demo's HTML
 * version of the Tartus story (scripts/story-html.mjs) and the tests that run on both sources.
 */

/** Chapter fields written as attributes; markers and the legend go to the JSON child. */
const ATTRIBUTE_FIELDS = ['camera', 'cameraMobile', 'transition', 'align', 'layers', 'progress', 'mapDescription'] as const;
const JSON_FIELDS = ['markers', 'legend'] as const;
/** Chapter fields that are the chapter's HTML content. */
const CONTENT_FIELDS = new Set(['id', 'date', 'title', 'body', 'media']);

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');
/** JSON safe inside a `<script>` element (no `</script>` or `<!--` can end or change it). */
const scriptJson = (value: unknown, indent: string) => JSON.stringify(value, null, 1).replace(/</g, '\\u003c').replace(/\n\s*/g, ' ').replace(/^/, indent);
const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** An attribute: text in double quotes; JSON in single quotes, so it reads as JSON. */
function attribute(field: string, value: unknown): string {
  if (typeof value === 'string') return ` ${kebab(field)}="${escapeAttribute(value)}"`;
  if (field === 'transition' && isShortTransition(value)) return ` ${kebab(field)}="${escapeAttribute((value as { type: string }).type)}"`;
  return ` ${kebab(field)}='${JSON.stringify(value).replace(/&/g, '&amp;').replace(/'/g, '&#39;')}'`;
}

const isShortTransition = (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length === 1 && 'type' in value;

/** How to write HTML text: `html` makes a chapter body that holds HTML safe (the studio passes DOMPurify's sanitiser for stories it did not write). */
export interface StoryHtmlOptions {
  base?: string;
  html?: (body: string) => string;
}

/** One chapter as a `<map-chapter>` element's markup. */
export function chapterHtml(chapter: Record<string, unknown>, options: StoryHtmlOptions = {}, indent = '  '): string {
  const attrs = ATTRIBUTE_FIELDS.filter((f) => chapter[f] !== undefined).map((f) => attribute(f, chapter[f])).join('');
  const json = Object.fromEntries(JSON_FIELDS.filter((f) => chapter[f] !== undefined).map((f) => [f, chapter[f]]));
  const unknown = Object.keys(chapter).filter((k) => !CONTENT_FIELDS.has(k) && !(ATTRIBUTE_FIELDS as readonly string[]).includes(k) && !(JSON_FIELDS as readonly string[]).includes(k));
  for (const k of unknown) json[k] = chapter[k]; // whatever else it says, validated on the way back
  const inner = `${indent}  `;
  const lines: string[] = [];
  if (typeof chapter['date'] === 'string') lines.push(`${inner}<p class="date">${escapeText(chapter['date'])}</p>`);
  if (typeof chapter['title'] === 'string') lines.push(`${inner}<h2>${escapeText(chapter['title'])}</h2>`);
  const body = chapter['body'];
  if (typeof body === 'string') {
    // Plain text becomes paragraphs; HTML text is the story's own limited HTML, kept as written.
    if (isPlainText(body)) for (const p of paragraphs(body)) lines.push(`${inner}<p>${escapeText(p)}</p>`);
    else lines.push(`${inner}${(options.html ?? ((b: string) => b))(body).trim()}`);
  }
  const media = chapter['media'] as { src: string; alt?: string; caption?: string; credit?: string } | undefined;
  if (media) {
    // As the component renders them: a caption and a credit, each in its own span.
    const caption = [media.caption && `<span class="caption">${escapeText(media.caption)}</span>`, media.credit && `<span class="credit">${escapeText(media.credit)}</span>`].filter(Boolean).join(' ');
    lines.push(`${inner}<figure><img src="${escapeAttribute(media.src)}" alt="${escapeAttribute(media.alt ?? '')}" loading="lazy" />${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`);
  }
  if (Object.keys(json).length) lines.push(`${inner}<script type="application/json">${scriptJson(json, '')}</script>`);
  return `${indent}<map-chapter id="${escapeAttribute(String(chapter['id']))}"${attrs}>\n${lines.join('\n')}\n${indent}</map-chapter>`;
}

/**
 * The story's title and credits as HTML, for readers without JavaScript: children of
 * `<map-story>` that no card shows, so once the component runs they are not rendered (its own
 * title and credits cards take their place).
 */
function frame(story: { title?: unknown; subtitle?: unknown; byline?: unknown; date?: unknown; credits?: unknown }): { header: string; footer: string } {
  const line = (tag: string, text: unknown, attrs = '') => (typeof text === 'string' ? [`    <${tag}${attrs}>${escapeText(text)}</${tag}>`] : []);
  const header = ['  <header>', ...line('h1', story.title), ...line('p', story.subtitle), ...line('p', story.byline), ...line('p', story.date), '  </header>'];
  const credits = Array.isArray(story.credits) ? (story.credits as { text: string; url?: string }[]) : [];
  const footer = credits.length
    ? ['  <footer>', '    <ul>', ...credits.map((c) => `      <li>${c.url ? `<a href="${escapeAttribute(c.url)}">${escapeText(c.text)}</a>` : escapeText(c.text)}</li>`), '    </ul>', '  </footer>']
    : [];
  return { header: header.join('\n'), footer: footer.join('\n') };
}

/** A story as a `<map-story>` element with its map part inline and its chapters in HTML. */
export function storyHtml(story: Record<string, unknown>, options: StoryHtmlOptions = {}): string {
  const { chapters = [], ...map } = story as { chapters?: Record<string, unknown>[] };
  const base = options.base ? ` base="${escapeAttribute(options.base)}"` : '';
  const { header, footer } = frame(story);
  return [
    `<map-story${base}>`,
    `  <script type="application/json">${scriptJson(map, '')}</script>`,
    header,
    ...chapters.map((c) => chapterHtml(c, options)),
    ...(footer ? [footer] : []),
    '</map-story>',
  ].join('\n');
}
