import * as v from 'valibot';
import { Story } from './schema.js';
import type { StoryProblem } from './messages.js';
import type { Found, Say } from './found.js';
import { isCssColor } from './colors.js';
import { formatPath, type PathKey } from './paths.js';
import { isSafeUrl } from './urls.js';

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function chapterIdAt(raw: unknown, path: readonly PathKey[]): string | undefined {
  if (path[0] !== 'chapters' || typeof path[1] !== 'number' || !isRecord(raw)) return undefined;
  const chapters = raw['chapters'];
  if (!Array.isArray(chapters)) return undefined;
  const chapter: unknown = chapters[path[1]];
  return isRecord(chapter) && typeof chapter['id'] === 'string' ? chapter['id'] : undefined;
}

// ---- checks the schema cannot express ---------------------------------------------------

/**
 * Names layer and source ids cannot have: MapLibre keeps layers and sources by id in plain
 * objects, where these are inherited members (`toString`, `constructor`, `__proto__`, …). Such a
 * layer is refused as "already exists", yet looks present. (Chapter ids can be anything: the
 * element never indexes a plain object with them.)
 */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

function semanticProblems(raw: unknown, file: string): Found[] {
  const problems: Found[] = [];
  if (!isRecord(raw)) return problems;
  const add = (code: StoryProblem['code'], path: PathKey[], say: Say) =>
    problems.push({ code, say, path: formatPath(path), chapterId: chapterIdAt(raw, path), file });

  const layerIds: string[] = [];
  if (Array.isArray(raw['layers'])) {
    raw['layers'].forEach((layer, i) => {
      if (!isRecord(layer) || typeof layer['id'] !== 'string') return;
      if (layerIds.includes(layer['id'])) add('duplicate-layer', ['layers', i, 'id'], ['duplicateLayer', layer['id']]);
      if (RESERVED_IDS.has(layer['id'])) add('invalid-value', ['layers', i, 'id'], ['reservedId', layer['id']]);
      layerIds.push(layer['id']);
    });
  }
  if (isRecord(raw['sources'])) {
    for (const id of Object.keys(raw['sources'])) if (RESERVED_IDS.has(id)) add('invalid-value', ['sources', id], ['reservedId', id]);
  }

  const mapOptions = raw['map'];
  if (isRecord(mapOptions) && typeof mapOptions['style'] === 'string' && mapOptions['style'] !== 'embedded') {
    if (!isSafeUrl(mapOptions['style'], { pmtiles: true }))
      add('unsafe-url', ['map', 'style'], ['unsafeUrl', mapOptions['style']]);
  }
  if (isRecord(mapOptions) && Array.isArray(mapOptions['detail'])) {
    mapOptions['detail'].forEach((url, i) => {
      if (typeof url === 'string' && !isSafeUrl(url)) add('unsafe-url', ['map', 'detail', i], ['unsafeUrl', url]);
    });
  }
  const sourceUrls = (sources: unknown, at: PathKey[]) => {
    if (!isRecord(sources)) return;
    for (const [id, source] of Object.entries(sources)) {
      if (!isRecord(source)) continue;
      for (const key of ['url', 'data'] as const) {
        const url = source[key];
        if (typeof url === 'string' && !isSafeUrl(url, { pmtiles: true })) add('unsafe-url', [...at, id, key], ['unsafeUrl', url]);
      }
      if (Array.isArray(source['tiles'])) {
        source['tiles'].forEach((url, i) => {
          if (typeof url === 'string' && !isSafeUrl(url)) add('unsafe-url', [...at, id, 'tiles', i], ['unsafeUrl', url]);
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
        if (typeof url === 'string' && !isSafeUrl(url)) add('unsafe-url', ['map', 'style', ...at], ['unsafeUrl', url]);
      }
    }
  }
  if (Array.isArray(raw['credits'])) {
    raw['credits'].forEach((credit, i) => {
      if (isRecord(credit) && typeof credit['url'] === 'string' && !isSafeUrl(credit['url']))
        add('unsafe-url', ['credits', i, 'url'], ['unsafeUrl', credit['url']]);
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
      if (first !== undefined) add('duplicate-id', at('id'), ['duplicateId', id, first]);
      else firstIndex.set(id, i);
    }
    for (const key of ['camera', 'cameraMobile'] as const) {
      const camera = chapter[key];
      if (!isRecord(camera)) continue;
      const hasCenter = camera['center'] !== undefined || camera['zoom'] !== undefined;
      const hasBounds = camera['bounds'] !== undefined;
      if (hasCenter && hasBounds) add('camera-conflict', at(key), ['cameraConflict']);
      else if (!hasBounds && (camera['center'] === undefined || camera['zoom'] === undefined))
        add('camera-incomplete', at(key), ['cameraIncomplete']);
      const bounds = camera['bounds'];
      if (Array.isArray(bounds) && bounds.length === 2 && Array.isArray(bounds[0]) && Array.isArray(bounds[1])) {
        const [[w, s], [e, n]] = bounds as [[number, number], [number, number]];
        if (typeof w === 'number' && typeof e === 'number' && typeof s === 'number' && typeof n === 'number' && (s >= n || w >= e))
          add('bounds-order', at(key, 'bounds'), ['boundsOrder', bounds]);
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
        if (typeof layerId === 'string' && !layerIds.includes(layerId)) add('unknown-layer', at(...path, j), ['unknownLayer', layerId, layerIds]);
      });
    }
    if (isRecord(layers)) {
      if (isRecord(layers['paint'])) {
        for (const layerId of Object.keys(layers['paint'])) {
          if (!layerIds.includes(layerId))
            add('unknown-layer', at('layers', 'paint', layerId), ['unknownLayer', layerId, layerIds]);
        }
      }
    }
    const progress = chapter['progress'];
    if (isRecord(progress) && typeof progress['layer'] === 'string') {
      const layers = Array.isArray(raw['layers']) ? raw['layers'] : [];
      const layer = layers.find((l) => isRecord(l) && l['id'] === progress['layer']);
      if (!layer) add('unknown-layer', at('progress', 'layer'), ['unknownLayer', progress['layer'], layerIds]);
      else if (!isRecord(layer) || layer['type'] !== 'line') add('invalid-value', at('progress', 'layer'), ['progressNotLine', progress['layer']]);
    }
    const colorAt = (value: unknown, path: PathKey[]) => {
      if (typeof value === 'string' && !isCssColor(value)) add('invalid-value', path, ['invalidColor', value]);
    };
    for (const list of ['legend', 'markers'] as const) {
      const items = chapter[list];
      if (Array.isArray(items)) items.forEach((item, j) => isRecord(item) && colorAt(item['color'], at(list, j, 'color')));
    }
    const media = chapter['media'];
    if (isRecord(media) && typeof media['src'] === 'string') {
      if (typeof media['alt'] !== 'string') add('media-alt-missing', at('media', 'alt'), ['mediaAltMissing', media['src']]);
      if (!isSafeUrl(media['src'])) add('unsafe-url', at('media', 'src'), ['unsafeUrl', media['src']]);
    }
  });
  return problems;
}

/** What checking a story found: the story, or its problems, not yet worded (see found.ts). */
export type CheckResult = { ok: true; story: Story } | { ok: false; found: Found[] };

/**
 * Checks a parsed story: the schema, then the checks it cannot express. Finds every problem
 * at once, each with its path and chapter id, so authors can fix them in one pass.
 */
export function checkStory(raw: unknown, file = ''): CheckResult {
  if (!isRecord(raw)) {
    const expected = 'an object ({"version": 1, "title": …, "chapters": […]})';
    return { ok: false, found: [{ code: 'wrong-type', say: ['wrongType', raw, expected], path: '', file }] };
  }
  const result = v.safeParse(Story, raw);
  const found: Found[] = result.success
    ? []
    : result.issues.map((issue) => {
        const path = (issue.path ?? []).map((item) => item.key as PathKey);
        return { issue, path: formatPath(path), chapterId: chapterIdAt(raw, path), file };
      });
  found.push(...semanticProblems(raw, file));
  return found.length === 0 && result.success ? { ok: true, story: result.output } : { ok: false, found };
}

