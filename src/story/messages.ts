/**
 * Every message map-story shows or fires about a story lives here, so wording stays consistent
 * and every message quotes the bad value, names where it is, and says what to do.
 */

/** Machine-readable problem codes, stable across versions. */
export type ProblemCode =
  | 'no-story'
  | 'fetch-failed'
  | 'json-syntax'
  | 'missing-field'
  | 'unknown-field'
  | 'wrong-type'
  | 'out-of-range'
  | 'invalid-value'
  | 'duplicate-id'
  | 'unknown-layer'
  | 'duplicate-layer'
  | 'camera-incomplete'
  | 'camera-conflict'
  | 'bounds-order'
  | 'media-alt-missing'
  | 'unsafe-url'
  | 'map-failed'
  | 'style-failed'
  | 'data-failed'
  | 'invalid-style'
  | 'duplicate-key'
  | 'too-deep'
  | 'unreadable';

/** One problem with a story, as shown in the component and fired in `map-story-error`. */
export interface StoryProblem {
  code: ProblemCode;
  /** A sentence for people: what is wrong, the bad value, and what to do. */
  message: string;
  /** Where in the story, e.g. `chapters[2].camera.zoom`; `""` for the story as a whole. */
  path: string;
  /** The id of the chapter the problem is in, when it is in one. */
  chapterId?: string | undefined;
  /** The story file (URL or "inline"/"property"). */
  file?: string | undefined;
  /** 1-based line and column in the file, when known. */
  line?: number | undefined;
  column?: number | undefined;
  /** For a chapter written in HTML: the `<map-chapter>` attribute (or `script`, its JSON child) that holds the value. */
  attribute?: string | undefined;
}

const MAX_QUOTE = 60;
/** Marks numbers JSON cannot write (`Infinity`, `NaN`) while quoting, so they show as themselves, not `null`. */
const NON_FINITE = '\uE000';
const NON_FINITE_QUOTED = new RegExp(`"${NON_FINITE}([^"]*)${NON_FINITE}"`, 'g');

/** What an exception says, for a message: its `message` when it is an Error, else its text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Quotes a value for a message, shortened so a huge value cannot flood the panel. */
export function quote(value: unknown): string {
  let s: string;
  if (value === undefined) return 'nothing';
  try {
    const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${v}${NON_FINITE}` : v));
    s = json === undefined ? String(value) : json.replace(NON_FINITE_QUOTED, '$1');
  } catch {
    // A value JSON cannot write (a cycle, nesting deeper than the stack).
    try {
      s = String(value);
    } catch {
      s = `a ${typeof value}`;
    }
  }
  return s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE - 1)}…` : s;
}

/** Seconds for messages: 20000 → "20", 400 → "0.4". */
const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

export const messages = {
  noStory: () =>
    'No story given: set the "src" attribute, the "story" property, or put a <script type="application/json"> inside <map-story>.',
  fetchFailed: (file: string, reason: string) =>
    `Could not load the story from ${quote(file)}: ${reason}. Check the URL, and that the server allows this page to read it (CORS).`,
  storyTimedOut: (file: string, ms: number) =>
    `The story at ${quote(file)} did not answer within ${seconds(ms)} s: check the URL and that the server is up, or allow more time with the element's "timeout" attribute.`,
  storyCutOff: (file: string, reason: string) =>
    `The story from ${quote(file)} was cut off while loading (${reason}): the connection broke before the whole file arrived. Try again, or check the server.`,
  storyUnexpected: (reason: string) => `The story could not be shown (${reason}). Please report this, with the story, as a bug.`,
  noAnswer: (what: string, ms: number) => `${what} did not answer within ${seconds(ms)} s`,
  duplicateKey: (key: string) =>
    `The key ${quote(key)} appears twice in the same object: JSON keeps only the last one, silently. Remove or rename one of them.`,
  tooDeep: (limit: number) =>
    `The story nests more than ${limit} levels of objects and lists here: no story needs that many. Check how the file was made.`,
  cyclic: (target: string) =>
    `This value contains itself (it refers back to ${target || 'the story'}): a story must be plain JSON data, without cycles.`,
  unreadable: (reason: string) =>
    `Reading this value failed (${reason}): a story must be plain JSON data, not objects with getters that throw.`,
  badAttribute: (name: string, value: string, allowed: string) =>
    `<map-story>: ${quote(value)} is not a valid value for the "${name}" attribute (expected ${allowed}): the default is used.`,
  moreProblems: (count: number) => `…and ${count.toLocaleString('en')} more.`,
  httpStatus: (status: number, statusText: string) => `the server answered ${status}${statusText ? ` ${statusText}` : ''}`,
  jsonSyntax: (detail: string, line?: number, column?: number) =>
    `The story is not valid JSON${line ? ` (line ${line}, column ${column})` : ''}: ${detail}. Look for a missing comma, quote or bracket just before that place.`,
  missingField: (field: string, expected: string) =>
    `"${field}" is missing: add it (${expected}).`,
  unknownField: (field: string, allowed?: string) =>
    `Unknown field "${field}"${allowed ? `: expected one of ${allowed}` : ''}. Check its spelling, or remove it.`,
  /** An unknown field whose name is close to known ones (`close`: those names). */
  misspelledField: (field: string, close: readonly string[]) =>
    `Unknown field "${field}": did you mean ${close.map((k) => `"${k}"`).join(' or ')}?`,
  wrongType: (value: unknown, expected: string) =>
    `${quote(value)} is not ${expected}: change it to ${expected}.`,
  outOfRange: (value: unknown, requirement: string) =>
    `${quote(value)} is out of range: it must be ${requirement}.`,
  invalidValue: (value: unknown, requirement: string) =>
    `${quote(value)} is not allowed here: ${requirement}.`,
  duplicateId: (id: string, firstIndex: number) =>
    `Chapter id ${quote(id)} is already used by chapters[${firstIndex}]: ids must be unique, as they name chapters in links (#${id}).`,
  unknownLayer: (id: string, known: string[]) =>
    `No story layer has the id ${quote(id)}${known.length ? `: known layers are ${known.map((k) => quote(k)).join(', ')}` : ': the story defines no "layers"'}. Add it to "layers" or fix the id.`,
  duplicateLayer: (id: string) => `Layer id ${quote(id)} is used twice in "layers": layer ids must be unique.`,
  cameraIncomplete: () =>
    'The camera needs "center" and "zoom", or "bounds": add them (e.g. "center": [35.87, 34.91], "zoom": 13).',
  cameraConflict: () => 'The camera has both "bounds" and "center"/"zoom": keep one of the two.',
  boundsOrder: (bounds: unknown) =>
    `Bounds ${quote(bounds)} are not ordered: write them as [[west, south], [east, north]], with south below north.`,
  mediaAltMissing: (src: string) =>
    `The image ${quote(src)} has no "alt" text: describe it for readers who cannot see it (or "" if it is purely decorative).`,
  invalidColor: (value: string) =>
    `${quote(value)} is not a colour: use a hex colour ("#c00"), a colour name ("teal"), or rgb()/hsl()/hwb()/lab()/lch()/oklab()/oklch() with numbers (var(), url(), env() and attr() are not allowed).`,
  reservedId: (id: string) =>
    `The id ${quote(id)} cannot name a layer or a source: MapLibre keeps them by id in plain objects, where ${quote(id)} is a built-in name. Choose another id.`,
  unsafeUrl: (url: string) =>
    `The URL ${quote(url)} is not allowed: use an http(s), relative or pmtiles:// URL.`,
  chaptersTwice: () =>
    'The chapters are given twice: in the story JSON and as <map-chapter> elements. Keep one of the two.',
  mapFailed: (reason: string) =>
    `The map could not start (${reason}). The story text is shown without the map.`,
  styleFailed: (style: string, reason: string) =>
    `The map style ${quote(style)} could not be loaded (${reason}); showing the embedded basemap instead.`,
  dataFailed: (reason: string) => `Some map data could not be loaded: ${reason}.`,
  invalidStyle: (detail: string) =>
    `${detail}. Sources and layers follow the MapLibre style specification: https://maplibre.org/maplibre-style-spec/`,
  progressNotLine: (id: string) => `Layer ${quote(id)} is not a "line" layer: only lines can be drawn with "progress".`,
  panelTitle: (count: number, file?: string) =>
    `${count === 1 ? 'This story has a problem' : `This story has ${count} problems`}${file ? ` (${file})` : ''}`,
} as const;
