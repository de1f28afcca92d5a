import { htmlMessages } from './html-messages.js';
import { attributesOf, decode, endOfTag, lineAt } from './markup.js';
import type { StoryProblem } from './messages.js';
import { errorMessage } from './quote.js';

/**
 * Chapters written in HTML (`<map-chapter>` elements): turned into the same chapter objects as
 * JSON chapters, for the same validation. Pure: the element reads the parts from the DOM, the
 * CLI from the page's source text (`scanChapters`).
 *
 * A chapter field is an attribute named in kebab case (`camera-mobile` for `cameraMobile`):
 * text fields as they are, the others as JSON (`camera='{"center":[35.87,34.91],"zoom":12}'`),
 * with two short forms, `transition="fly"` and `progress="route"` (the layer id). Any field
 * may instead be in a `<script type="application/json">` child holding an object. The chapter's
 * words are its HTML: its first heading is its title (for screen readers and announcements).
 */

/** One `<map-chapter>` as written. Lines are 1-based, in the page, when known. */
export interface ChapterParts {
  attributes: { name: string; value: string; line?: number | undefined }[];
  /** The text of its `<script type="application/json">` child. */
  json?: string | undefined;
  /** The text of its first heading. */
  heading?: string | undefined;
  line?: number | undefined;
}

/** The chapters read from a page, ready to join a story, and where each field was written. */
export interface HtmlChapters {
  chapters: Record<string, unknown>[];
  /** Problems found while reading (JSON that does not parse, a field given twice). */
  problems: StoryProblem[];
  /** The page (URL or file) the chapters are in. */
  file: string;
  /**
   * Points problems in `chapters[i]…` at the `<map-chapter>` they come from: the page, the
   * attribute that holds the field, and its line (others are left as they are).
   */
  locate(problems: StoryProblem[]): StoryProblem[];
}

/** Attributes that are HTML's own, not chapter fields. */
const HTML_ATTRIBUTE = /^(?:class|style|hidden|lang|dir|title|tabindex|slot|part|role|translate|aria-.*|data-.*)$/;
/** Fields whose attribute value is text; the others are JSON. */
const TEXT_FIELDS = new Set(['id', 'date', 'mapDescription', 'align']);
/** A field name from its attribute name: `camera-mobile` → `cameraMobile`. */
const fieldOf = (attribute: string) => attribute.toLowerCase().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The chapter object of one `<map-chapter>`, and the attribute each field came from. */
function readChapter(parts: ChapterParts, index: number, file: string, problems: StoryProblem[]): { chapter: Record<string, unknown>; attributes: Map<string, ChapterParts['attributes'][number]> } {
  const chapter: Record<string, unknown> = {};
  const attributes = new Map<string, ChapterParts['attributes'][number]>();
  const id = parts.attributes.find((a) => a.name === 'id')?.value;
  const problem = (attribute: string, line: number | undefined, message: string) =>
    problems.push({ code: 'json-syntax', message, path: `chapters[${index}]`, chapterId: id, file, line: line ?? parts.line, attribute });
  if (parts.json !== undefined) {
    try {
      const value: unknown = JSON.parse(parts.json);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) Object.assign(chapter, value);
      else problem('script', parts.line, htmlMessages.chapterScript());
    } catch (error) {
      problem('script', parts.line, htmlMessages.chapterJson('its <script type="application/json">', errorMessage(error)));
    }
  }
  for (const attribute of parts.attributes) {
    const name = attribute.name.toLowerCase();
    if (HTML_ATTRIBUTE.test(name)) continue;
    const field = fieldOf(name);
    if (field in chapter && !attributes.has(field)) {
      problems.push({ code: 'invalid-value', message: htmlMessages.fieldTwice(name), path: `chapters[${index}].${field}`, chapterId: id, file, line: attribute.line ?? parts.line, attribute: name });
      continue;
    }
    attributes.set(field, attribute);
    const { value } = attribute;
    if (TEXT_FIELDS.has(field)) chapter[field] = value;
    else if (field === 'transition' && /^[a-z]+$/.test(value)) chapter[field] = { type: value };
    else if (field === 'progress' && !/^\s*\{/.test(value)) chapter[field] = { layer: value };
    else {
      try {
        chapter[field] = JSON.parse(value);
      } catch (error) {
        problem(name, attribute.line, htmlMessages.chapterJson(`its "${name}" attribute`, errorMessage(error)));
      }
    }
  }
  const heading = parts.heading?.replace(/\s+/g, ' ').trim();
  if (heading && chapter['title'] === undefined) chapter['title'] = heading;
  return { chapter, attributes };
}

/** Reads the `<map-chapter>` elements of a page (in order) into chapters. */
export function readChapters(all: ChapterParts[], file: string): HtmlChapters {
  const problems: StoryProblem[] = [];
  const read = all.map((parts, i) => readChapter(parts, i, file, problems));
  return {
    chapters: read.map((r) => r.chapter),
    problems,
    file,
    locate: (found) =>
      found.map((p) => {
        const m = /^chapters\[(\d+)\](?:\.(\w+))?/.exec(p.path);
        if (!m) return p;
        const index = Number(m[1]);
        const attribute = m[2] === undefined ? undefined : read[index]?.attributes.get(m[2]);
        const line = attribute?.line ?? all[index]?.line;
        return { ...p, file, line, column: undefined, ...(attribute ? { attribute: attribute.name } : {}) };
      }),
  };
}

/**
 * The `<map-chapter>` elements of an HTML page's source, with the lines of their tags and
 * attributes (for the CLI, and for the element's messages once a chapter has a problem).
 * A scanner for this element's markup, not a general HTML parser: chapters do not nest.
 */
export function scanChapters(html: string): ChapterParts[] {
  const chapters: ChapterParts[] = [];
  const start = /<map-chapter(?=[\s>\/])/gi;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const tagEnd = endOfTag(html, m.index);
    const close = html.toLowerCase().indexOf('</map-chapter', tagEnd);
    const content = html.slice(tagEnd + 1, close < 0 ? html.length : close);
    const script = /<script\b[^>]*type\s*=\s*["']?application\/json["']?[^>]*>([\s\S]*?)<\/script>/i.exec(content);
    const heading = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(content);
    chapters.push({
      attributes: attributesOf(html, m.index + m[0].length, tagEnd),
      json: script?.[1],
      heading: heading ? decode(heading[1]!.replace(/<[^>]*>/g, '')) : undefined,
      line: lineAt(html, m.index),
    });
    start.lastIndex = tagEnd;
  }
  return chapters;
}
