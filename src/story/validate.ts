import * as v from 'valibot';
import { Story } from './schema.js';
import { messages, type StoryProblem } from './messages.js';
import { isCssColor } from './colors.js';
import { formatPath, type PathKey } from './paths.js';
import { isSafeUrl } from './urls.js';

export type ValidationResult =
  | { ok: true; story: Story; problems: [] }
  | { ok: false; problems: StoryProblem[] };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function chapterIdAt(raw: unknown, path: readonly PathKey[]): string | undefined {
  if (path[0] !== 'chapters' || typeof path[1] !== 'number' || !isRecord(raw)) return undefined;
  const chapters = raw['chapters'];
  if (!Array.isArray(chapters)) return undefined;
  const chapter: unknown = chapters[path[1]];
  return isRecord(chapter) && typeof chapter['id'] === 'string' ? chapter['id'] : undefined;
}

// ---- schema issues ----------------------------------------------------------------------

type AnySchema = v.GenericSchema & {
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  items?: AnySchema[];
  wrapped?: AnySchema;
  value?: AnySchema;
  options?: AnySchema[];
};

/** The schema that describes the value at `path`, walking objects, arrays, tuples and records. */
function schemaAt(path: readonly PathKey[]): AnySchema | undefined {
  let schema: AnySchema | undefined = Story as unknown as AnySchema;
  for (const key of path) {
    while (schema?.wrapped) schema = schema.wrapped;
    if (!schema) return undefined;
    // Own entries only: a story key such as "constructor" names no inherited member here.
    if (schema.entries && typeof key === 'string') schema = Object.hasOwn(schema.entries, key) ? schema.entries[key] : undefined;
    else if (schema.item && typeof key === 'number') schema = schema.item;
    else if (schema.items && typeof key === 'number') schema = schema.items[key];
    else if (schema.value) schema = schema.value;
    else return undefined;
  }
  while (schema?.wrapped) schema = schema.wrapped;
  return schema;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function describeExpected(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list ([...])';
    case 'tuple':
      return 'a pair such as [35.87, 34.91]';
    case 'record':
    case 'object':
    case 'strict_object':
    case 'loose_object':
      return 'an object ({...})';
    case 'literal':
      return `the value ${issue.expected}`;
    case 'picklist':
      return `one of ${(issue.expected ?? '').replace(/^\(|\)$/g, '').split(' | ').join(', ')}`;
    case 'union':
      return 'a string or an object';
    default:
      return issue.expected ?? 'another value';
  }
}

function describeRange(issue: v.BaseIssue<unknown>): string {
  const req = String((issue as { requirement?: unknown }).requirement);
  switch (issue.type) {
    case 'min_value':
      return `at least ${req}`;
    case 'max_value':
      return `at most ${req}`;
    case 'min_length':
      return `at least ${req} long`;
    case 'max_length':
      return `at most ${req} long`;
    default:
      return issue.expected ?? 'in range';
  }
}

function problemFromIssue(issue: v.BaseIssue<unknown>, raw: unknown, file: string): StoryProblem {
  const path: PathKey[] = (issue.path ?? []).map((item) => item.key as PathKey);
  const base = { path: formatPath(path), chapterId: chapterIdAt(raw, path), file };
  const isObjectType = issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object';
  if (isObjectType && issue.expected === 'never') {
    const field = String(path[path.length - 1]);
    const allowed = Object.keys(schemaAt(path.slice(0, -1))?.entries ?? {});
    const close = allowed.filter((k) => editDistance(k.toLowerCase(), field.toLowerCase()) <= 2);
    return {
      ...base,
      code: 'unknown-field',
      message: close.length ? messages.misspelledField(field, close) : messages.unknownField(field, allowed.map((k) => `"${k}"`).join(', ')),
    };
  }
  if (issue.kind === 'schema' && issue.input === undefined && path.length > 0) {
    const last = path[path.length - 1]!;
    const field = typeof last === 'number' ? `${formatPath(path.slice(-2, -1))}[${last}]` : last;
    const schema = schemaAt(path);
    const description = schema ? v.getDescription(schema as v.GenericSchema) : undefined;
    return { ...base, code: 'missing-field', message: messages.missingField(field, description ?? 'see the schema') };
  }
  if (issue.kind === 'schema') {
    return { ...base, code: 'wrong-type', message: messages.wrongType(issue.input, describeExpected(issue)) };
  }
  if (issue.type === 'min_value' || issue.type === 'max_value') {
    return { ...base, code: 'out-of-range', message: messages.outOfRange(issue.input, describeRange(issue)) };
  }
  if (issue.type === 'min_length' && Array.isArray(issue.input) && issue.input.length === 0) {
    return { ...base, code: 'invalid-value', message: messages.invalidValue(issue.input, issue.message) };
  }
  const requirement = /^Invalid /.test(issue.message) ? describeRange(issue) : issue.message;
  return { ...base, code: 'invalid-value', message: messages.invalidValue(issue.input, requirement) };
}

// ---- checks the schema cannot express ---------------------------------------------------

/**
 * Names layer and source ids cannot have: MapLibre keeps layers and sources by id in plain
 * objects, where these are inherited members (`toString`, `constructor`, `__proto__`, …). Such a
 * layer is refused as "already exists", yet looks present. (Chapter ids can be anything: the
 * element never indexes a plain object with them.)
 */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

function semanticProblems(raw: unknown, file: string): StoryProblem[] {
  const problems: StoryProblem[] = [];
  if (!isRecord(raw)) return problems;
  const add = (code: StoryProblem['code'], path: PathKey[], message: string) =>
    problems.push({ code, message, path: formatPath(path), chapterId: chapterIdAt(raw, path), file });

  const layerIds: string[] = [];
  if (Array.isArray(raw['layers'])) {
    raw['layers'].forEach((layer, i) => {
      if (!isRecord(layer) || typeof layer['id'] !== 'string') return;
      if (layerIds.includes(layer['id'])) add('duplicate-layer', ['layers', i, 'id'], messages.duplicateLayer(layer['id']));
      if (RESERVED_IDS.has(layer['id'])) add('invalid-value', ['layers', i, 'id'], messages.reservedId(layer['id']));
      layerIds.push(layer['id']);
    });
  }
  if (isRecord(raw['sources'])) {
    for (const id of Object.keys(raw['sources'])) if (RESERVED_IDS.has(id)) add('invalid-value', ['sources', id], messages.reservedId(id));
  }

  const mapOptions = raw['map'];
  if (isRecord(mapOptions) && typeof mapOptions['style'] === 'string' && mapOptions['style'] !== 'embedded') {
    if (!isSafeUrl(mapOptions['style'], { pmtiles: true }))
      add('unsafe-url', ['map', 'style'], messages.unsafeUrl(mapOptions['style']));
  }
  if (isRecord(mapOptions) && Array.isArray(mapOptions['detail'])) {
    mapOptions['detail'].forEach((url, i) => {
      if (typeof url === 'string' && !isSafeUrl(url)) add('unsafe-url', ['map', 'detail', i], messages.unsafeUrl(url));
    });
  }
  const sourceUrls = (sources: unknown, at: PathKey[]) => {
    if (!isRecord(sources)) return;
    for (const [id, source] of Object.entries(sources)) {
      if (!isRecord(source)) continue;
      for (const key of ['url', 'data'] as const) {
        const url = source[key];
        if (typeof url === 'string' && !isSafeUrl(url, { pmtiles: true })) add('unsafe-url', [...at, id, key], messages.unsafeUrl(url));
      }
      if (Array.isArray(source['tiles'])) {
        source['tiles'].forEach((url, i) => {
          if (typeof url === 'string' && !isSafeUrl(url)) add('unsafe-url', [...at, id, 'tiles', i], messages.unsafeUrl(url));
        });
      }
    }
  };
  sourceUrls(raw['sources'], ['sources']);
  // An inline style's URLs are the story's too: the same policy.
  const inline = isRecord(mapOptions) ? mapOptions['style'] : undefined;
  if (isRecord(inline)) {
    sourceUrls(inline['sources'], ['map', 'style', 'sources']);
    for (const key of ['glyphs', 'sprite'] as const) {
      const value = inline[key];
      const urls = typeof value === 'string' ? [[value, [key]]] : Array.isArray(value) ? value.map((s, i) => [isRecord(s) ? s['url'] : undefined, [key, i, 'url']]) : [];
      for (const [url, at] of urls as [unknown, PathKey[]][]) {
        if (typeof url === 'string' && !isSafeUrl(url)) add('unsafe-url', ['map', 'style', ...at], messages.unsafeUrl(url));
      }
    }
  }
  if (Array.isArray(raw['credits'])) {
    raw['credits'].forEach((credit, i) => {
      if (isRecord(credit) && typeof credit['url'] === 'string' && !isSafeUrl(credit['url']))
        add('unsafe-url', ['credits', i, 'url'], messages.unsafeUrl(credit['url']));
    });
  }

  const chapters = raw['chapters'];
  if (!Array.isArray(chapters)) return problems;
  const firstIndex = new Map<string, number>();
  chapters.forEach((chapter, i) => {
    if (!isRecord(chapter)) return;
    const at = (...rest: PathKey[]): PathKey[] => ['chapters', i, ...rest];
    const id = chapter['id'];
    if (typeof id === 'string') {
      const first = firstIndex.get(id);
      if (first !== undefined) add('duplicate-id', at('id'), messages.duplicateId(id, first));
      else firstIndex.set(id, i);
    }
    for (const key of ['camera', 'cameraMobile'] as const) {
      const camera = chapter[key];
      if (!isRecord(camera)) continue;
      const hasCenter = camera['center'] !== undefined || camera['zoom'] !== undefined;
      const hasBounds = camera['bounds'] !== undefined;
      if (hasCenter && hasBounds) add('camera-conflict', at(key), messages.cameraConflict());
      else if (!hasBounds && (camera['center'] === undefined || camera['zoom'] === undefined))
        add('camera-incomplete', at(key), messages.cameraIncomplete());
      const bounds = camera['bounds'];
      if (Array.isArray(bounds) && bounds.length === 2 && Array.isArray(bounds[0]) && Array.isArray(bounds[1])) {
        const [[w, s], [e, n]] = bounds as [[number, number], [number, number]];
        if (typeof w === 'number' && typeof e === 'number' && typeof s === 'number' && typeof n === 'number' && (s >= n || w >= e))
          add('bounds-order', at(key, 'bounds'), messages.boundsOrder(bounds));
      }
    }
    const layers = chapter['layers'];
    const compare = chapter['compare'];
    const side = (name: 'before' | 'after') => (isRecord(compare) && isRecord(compare[name]) ? compare[name]['layers'] : undefined);
    // Lists of layer ids: each id names a story layer.
    const lists: [PathKey[], unknown][] = [[['layers', 'show'], isRecord(layers) && layers['show']], [['layers', 'hide'], isRecord(layers) && layers['hide']], [['compare', 'before', 'layers'], side('before')], [['compare', 'after', 'layers'], side('after')]];
    for (const [path, ids] of lists) {
      if (!Array.isArray(ids)) continue;
      ids.forEach((layerId, j) => {
        if (typeof layerId === 'string' && !layerIds.includes(layerId)) add('unknown-layer', at(...path, j), messages.unknownLayer(layerId, layerIds));
      });
    }
    if (isRecord(layers)) {
      if (isRecord(layers['paint'])) {
        for (const layerId of Object.keys(layers['paint'])) {
          if (!layerIds.includes(layerId))
            add('unknown-layer', at('layers', 'paint', layerId), messages.unknownLayer(layerId, layerIds));
        }
      }
    }
    const progress = chapter['progress'];
    if (isRecord(progress) && typeof progress['layer'] === 'string') {
      const layers = Array.isArray(raw['layers']) ? raw['layers'] : [];
      const layer = layers.find((l) => isRecord(l) && l['id'] === progress['layer']);
      if (!layer) add('unknown-layer', at('progress', 'layer'), messages.unknownLayer(progress['layer'], layerIds));
      else if (!isRecord(layer) || layer['type'] !== 'line') add('invalid-value', at('progress', 'layer'), messages.progressNotLine(progress['layer']));
    }
    const colorAt = (value: unknown, path: PathKey[]) => {
      if (typeof value === 'string' && !isCssColor(value)) add('invalid-value', path, messages.invalidColor(value));
    };
    for (const list of ['legend', 'markers'] as const) {
      const items = chapter[list];
      if (Array.isArray(items)) items.forEach((item, j) => isRecord(item) && colorAt(item['color'], at(list, j, 'color')));
    }
    const media = chapter['media'];
    if (isRecord(media) && typeof media['src'] === 'string') {
      if (typeof media['alt'] !== 'string') add('media-alt-missing', at('media', 'alt'), messages.mediaAltMissing(media['src']));
      if (!isSafeUrl(media['src'])) add('unsafe-url', at('media', 'src'), messages.unsafeUrl(media['src']));
    }
  });
  return problems;
}

/**
 * Validates a parsed story: the schema, then the checks it cannot express. Returns every
 * problem at once, each with its path and chapter id, so authors can fix them in one pass.
 */
export function validateStory(raw: unknown, file = ''): ValidationResult {
  if (!isRecord(raw)) {
    const expected = 'an object ({"version": 1, "title": …, "chapters": […]})';
    return { ok: false, problems: [{ code: 'wrong-type', message: messages.wrongType(raw, expected), path: '', file }] };
  }
  const result = v.safeParse(Story, raw);
  const problems = result.success ? [] : result.issues.map((issue) => problemFromIssue(issue, raw, file));
  problems.push(...semanticProblems(raw, file));
  if (problems.length === 0 && result.success) return { ok: true, story: result.output, problems: [] };
  return { ok: false, problems };
}
