/**
 * `map-story validate page.html`: the `<map-story>` elements of an HTML page's source, each
 * validated as the element loads it: its map part (the JSON file its `src` names, relative to
 * the page, or its inline `<script type="application/json">`), its `<map-chapter>` elements
 * (scanChapters → readChapters), then loadStory with those chapters and, for a valid story, the
 * MapLibre style spec. A scanner for this markup, not a general HTML parser, as scanChapters is.
 */
import { dirname, join } from 'node:path';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { readChapters, scanChapters } from '../story/html-chapters.js';
import { decode, endOfTag, lineAt } from '../story/markup.js';
import { withPositions } from '../story/json-positions.js';
import { loadStory } from '../story/load.js';
import type { StoryProblem } from '../story/messages.js';
import { storyAsStyle, styleProblems } from '../story/style-problems.js';

/** What the CLI reports for one story (a JSON file, or one `<map-story>` of a page). */
export interface FileReport {
  file: string;
  /** In a page with several `<map-story>` elements: which one (`<map-story> 2, line 40`). */
  element?: string;
  valid: boolean;
  chapters?: number;
  skipped?: string;
  problems: StoryProblem[];
}

/** A file name that is an HTML page. */
export const isHtmlFile = (file: string) => /\.html?$/i.test(file);

/** `text` with `from`…`to` made blank: same length, same line breaks (so offsets and lines hold). */
const blank = (text: string, from: number, to: number) => text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ') + text.slice(to);

/**
 * The page with its comments and the code of its scripts blanked: a commented-out element is not
 * there, nor is markup in a script's strings. JSON scripts (the story's, a chapter's) are kept.
 */
function withoutCommentsAndCode(html: string): string {
  let out = html;
  for (const m of html.matchAll(/<!--[\s\S]*?(?:-->|$)|<script\b([^>]*)>([\s\S]*?)(?:<\/script\s*>|$)/gi)) {
    if (m[0].startsWith('<!--')) out = blank(out, m.index, m.index + m[0].length);
    else if (attributeOf(m[1]!, 'type')?.trim().toLowerCase() !== 'application/json') {
      const from = m.index + m[0].indexOf('>') + 1;
      out = blank(out, from, from + m[2]!.length);
    }
  }
  return out;
}

/** One attribute's value in a start tag's text, or undefined. */
function attributeOf(tag: string, name: string): string | undefined {
  const pattern = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of tag.matchAll(pattern)) if (m[1]!.toLowerCase() === name) return decode(m[2] ?? m[3] ?? m[4] ?? '');
  return undefined;
}

/** One `<map-story>` element of a page: its start tag, its content's range, its line. */
interface StoryElement {
  tag: string;
  from: number;
  to: number;
  line: number;
}

/** The `<map-story>` elements of a page (they do not nest). */
function scanStories(html: string): StoryElement[] {
  const found: StoryElement[] = [];
  const start = /<map-story(?=[\s>\/])/gi;
  const lower = html.toLowerCase();
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const tagEnd = endOfTag(html, m.index);
    const close = lower.indexOf('</map-story', tagEnd);
    const to = close < 0 ? html.length : close;
    found.push({ tag: html.slice(m.index + m[0].length, tagEnd), from: tagEnd + 1, to, line: lineAt(html, m.index) });
    start.lastIndex = to;
  }
  return found;
}

/**
 * The element's inline story: the first `<script type="application/json">` in its content that
 * is not inside a `<map-chapter>`, with the offset of its text in the page.
 */
function inlineScript(html: string, element: StoryElement): { text: string; offset: number } | undefined {
  let content = html.slice(0, element.to);
  for (const m of content.slice(element.from).matchAll(/<map-chapter(?=[\s>\/])[\s\S]*?(?:<\/map-chapter\s*>|$)/gi)) {
    content = blank(content, element.from + m.index, element.from + m.index + m[0].length);
  }
  const script = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  script.lastIndex = element.from;
  for (let m = script.exec(content); m; m = script.exec(content)) {
    if (attributeOf(m[1]!, 'type')?.trim().toLowerCase() !== 'application/json') continue;
    return { text: m[2]!, offset: m.index + m[0].indexOf('>') + 1 };
  }
  return undefined;
}

/** A problem in a JSON text at `offset` in a page, moved to its place in the page. */
function inPage(p: StoryProblem, page: string, offset: number, file: string): StoryProblem {
  if (p.line === undefined) return { ...p, file };
  const line = lineAt(page, offset);
  const column = offset - Math.max(page.lastIndexOf('\n', offset - 1), page.lastIndexOf('\r', offset - 1));
  const at = { line: p.line + line - 1, column: p.line === 1 && p.column !== undefined ? p.column + column - 1 : p.column };
  // A syntax error's message says where it is in the JSON text: say where in the page instead.
  const message = p.message.replace(`(line ${p.line}, column ${p.column})`, `(line ${at.line}, column ${at.column})`);
  return { ...p, file, ...at, message };
}

/** Validates one `<map-story>` of a page. */
async function validateElement(html: string, element: StoryElement, file: string, read: (path: string) => string): Promise<Omit<FileReport, 'file'>> {
  // The chapters inside this element only, at their lines in the page.
  const chapterText = html.slice(0, element.from).replace(/[^\r\n]/g, ' ') + html.slice(element.from, element.to);
  const parts = scanChapters(chapterText);
  const chapters = parts.length ? readChapters(parts, file) : undefined;
  const src = attributeOf(element.tag, 'src');
  const script = src === undefined ? inlineScript(html, element) : undefined;
  let json: { text: string; file: string; offset?: number };
  if (src !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      return { valid: false, problems: [{ code: 'fetch-failed', message: `The map part is at ${src}: the CLI reads local files only. Validate it with \`map-story validate\` on a local copy.`, path: '', file, line: element.line }] };
    }
    if (src.startsWith('/')) {
      return { valid: false, problems: [{ code: 'fetch-failed', message: `The map part is at "${src}", from the site's root, which the CLI cannot know: make "src" relative to the page.`, path: '', file, line: element.line }] };
    }
    const path = join(dirname(file), decodeURIComponent(src.replace(/[?#].*$/, '')));
    try {
      json = { text: read(path), file: path };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { valid: false, problems: [{ code: 'fetch-failed', message: `Cannot read the map part "${src}" (${path}): ${reason}.`, path: '', file, line: element.line }] };
    }
  } else if (script) {
    json = { text: script.text, file, offset: script.offset };
  } else {
    const result = await loadStory({ kind: 'none' });
    return { valid: false, problems: result.ok ? [] : result.problems.map((p) => ({ ...p, file, line: element.line })) };
  }
  // Problems in the JSON: at their line in the JSON file, or in the page for an inline script
  // (problems in chapters point at the page already).
  const place = (problems: StoryProblem[]) =>
    problems.map((p) => {
      if (p.file !== 'inline' && p.file !== undefined) return p;
      return json.offset === undefined ? { ...p, file: json.file } : inPage(p, html, json.offset, file);
    });
  const result = await loadStory({ kind: 'inline', text: json.text }, { chapters });
  if (!result.ok) return { valid: false, problems: place(result.problems) };
  const { story } = result.loaded;
  if (story.layers?.length || Object.keys(story.sources ?? {}).length) {
    // The layers and sources are in the JSON; their paths are the same in the merged story.
    const style = styleProblems(validateStyleMin(storyAsStyle(story) as never), 'inline', story);
    if (style.length) return { valid: false, chapters: story.chapters.length, problems: place(withPositions(json.text, style)) };
  }
  return { valid: true, chapters: story.chapters.length, problems: [] };
}

/** Validates every `<map-story>` element of an HTML page; `read` reads a file (the map part's JSON). */
export async function validateHtml(text: string, file: string, read: (path: string) => string): Promise<FileReport[]> {
  const html = withoutCommentsAndCode(text);
  const elements = scanStories(html);
  if (!elements.length) {
    return [{ file, valid: false, problems: [{ code: 'no-story', message: 'No <map-story> element in this page.', path: '', file }] }];
  }
  const reports: FileReport[] = [];
  for (const [i, element] of elements.entries()) {
    const report = await validateElement(html, element, file, read);
    reports.push({ file, ...(elements.length > 1 ? { element: `<map-story> ${i + 1} of ${elements.length}, line ${element.line}` } : {}), ...report });
  }
  return reports;
}
