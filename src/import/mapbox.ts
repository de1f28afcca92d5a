/**
 * Converts a Mapbox storytelling template `config.js` into a map-story story, without running
 * it: the file is parsed (acorn) and only literal values are read. What cannot be carried over
 * (functions, tokens, Mapbox-only styles and features) is reported as warnings.
 */
import { parse, type Node } from 'acorn';
import { isCssColor } from '../story/colors.js';
import { isSafeUrl } from '../story/urls.js';

export interface ImportWarning {
  /** Where in the Mapbox config, e.g. `chapters[2].callback`. */
  path: string;
  message: string;
}

export interface ImportResult {
  story: Record<string, unknown>;
  warnings: ImportWarning[];
}

/** Thrown when the file holds no config object at all. */
export class ImportError extends Error {}

const UNSUPPORTED = Symbol('unsupported');
type Unsupported = { [UNSUPPORTED]: string };
const unsupported = (what: string): Unsupported => ({ [UNSUPPORTED]: what });
const isUnsupported = (v: unknown): v is Unsupported => typeof v === 'object' && v !== null && UNSUPPORTED in v;

type AnyNode = Node & Record<string, any>;

/** Evaluates literal syntax only: objects, arrays, strings, numbers, booleans, null, `-n`, `'a' + 'b'`. */
function literal(node: AnyNode | null | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'Literal':
      return node.value instanceof RegExp ? unsupported('a regular expression') : node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q: AnyNode) => q.value.cooked).join('') : unsupported('a template with ${…}');
    case 'UnaryExpression': {
      const value = literal(node.argument);
      if (typeof value !== 'number') return unsupported(`"${node.operator}" on a non-number`);
      if (node.operator === '-') return -value;
      if (node.operator === '+') return value;
      return unsupported(`the operator "${node.operator}"`);
    }
    case 'BinaryExpression': {
      const left = literal(node.left);
      const right = literal(node.right);
      if (node.operator === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
      return unsupported('an expression');
    }
    case 'ArrayExpression':
      return node.elements.map((e: AnyNode | null) => literal(e));
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const prop of node.properties as AnyNode[]) {
        if (prop.type !== 'Property' || prop.computed) continue;
        const key = prop.key.type === 'Identifier' ? prop.key.name : String(prop.key.value);
        const value = prop.value.type === 'FunctionExpression' || prop.value.type === 'ArrowFunctionExpression' || prop.method
          ? unsupported('a function')
          : literal(prop.value);
        // Defined, not assigned: a key "__proto__" is a key like any other, not the prototype.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'Identifier':
      return node.name === 'undefined' ? undefined : unsupported(`the variable "${node.name}"`);
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return unsupported('a function');
    default:
      return unsupported(`code (${node.type})`);
  }
}

/** Finds the config object: `var config = {…}`, `config = {…}`, `window.config = {…}`, `export default {…}` or a bare `{…}`. */
function findConfig(source: string): AnyNode {
  let program: AnyNode;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true }) as AnyNode;
  } catch (error) {
    try {
      const expr = parse(`(${source}\n)`, { ecmaVersion: 'latest' }) as AnyNode;
      const node = expr.body[0]?.expression;
      if (node?.type === 'ObjectExpression') return node;
    } catch {
      /* fall through to the first error */
    }
    throw new ImportError(`not valid JavaScript: ${(error as Error).message}`);
  }
  const candidates: AnyNode[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) if (d.init?.type === 'ObjectExpression') candidates.push({ ...d.init, _name: d.id.name });
    } else if (node.type === 'ExpressionStatement') {
      const e = node.expression;
      if (e.type === 'AssignmentExpression' && e.right.type === 'ObjectExpression') {
        const name = e.left.type === 'Identifier' ? e.left.name : e.left.property?.name;
        candidates.push({ ...e.right, _name: name });
      } else if (e.type === 'ObjectExpression') candidates.push(e);
    } else if (node.type === 'ExportDefaultDeclaration' && node.declaration.type === 'ObjectExpression') {
      candidates.push({ ...node.declaration, _name: 'default' });
    }
  };
  for (const node of program.body) visit(node);
  const hasChapters = (n: AnyNode) =>
    n.properties.some((p: AnyNode) => p.type === 'Property' && (p.key.name ?? p.key.value) === 'chapters');
  const found = candidates.find((c) => c['_name'] === 'config' && hasChapters(c)) ?? candidates.find(hasChapters);
  if (!found) throw new ImportError('no config object with "chapters" found (expected `var config = { … chapters: [ … ] }`)');
  return found;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const stripHtml = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();

function slug(value: string, index: number, used: Set<string>): string {
  let id = value.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '').slice(0, 80);
  if (!id) id = `chapter-${index + 1}`;
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}-${n}`;
  used.add(unique);
  return unique;
}

/** Converts a Mapbox storytelling `config.js` source into a story. Throws {@link ImportError}. */
export function importMapboxConfig(source: string): ImportResult {
  const config = literal(findConfig(source)) as Record<string, unknown>;
  const warnings: ImportWarning[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  // Report every value that could not be read, wherever it is.
  const scan = (value: unknown, path: string) => {
    if (isUnsupported(value)) warn(path, `${value[UNSUPPORTED]} cannot be imported; nothing in a config is ever run`);
    else if (Array.isArray(value)) value.forEach((v, i) => scan(v, `${path}[${i}]`));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) scan(v, path ? `${path}.${k}` : k);
  };
  scan(config, '');

  const story: Record<string, unknown> = { $schema: './story.schema.json', version: 1, title: str(config['title']) ?? 'Untitled story' };
  if (!str(config['title'])) warn('title', 'no title: "Untitled story" was used');
  for (const key of ['subtitle', 'byline'] as const) if (str(config[key])) story[key] = config[key];
  if (str(config['footer'])) story['credits'] = [{ text: stripHtml(config['footer'] as string) }];

  const map: Record<string, unknown> = { style: 'embedded' };
  const style = str(config['style']);
  if (style?.startsWith('mapbox://')) warn('style', `${style} is a Mapbox style, which needs a Mapbox token; the embedded basemap is used instead (set "map.style" to any MapLibre style URL)`);
  else if (style && /^https?:\/\//.test(style)) map['style'] = style;
  else if (style) warn('style', `"${style}" is not a style URL; the embedded basemap is used`);
  if (config['accessToken'] !== undefined) warn('accessToken', 'access tokens are not needed and were not copied');
  if (config['projection'] === 'globe' || config['projection'] === 'mercator') map['projection'] = config['projection'];
  else if (config['projection'] !== undefined) warn('projection', `projection ${JSON.stringify(config['projection'])} is Mapbox-only; Mercator is used`);
  if (config['use3dTerrain']) warn('use3dTerrain', '3D terrain is not carried over');
  if (config['inset']) warn('inset', 'the inset map is not carried over');
  if (config['insetPosition'] !== undefined && config['inset']) warn('insetPosition', 'the inset map is not carried over');
  if (config['auto']) warn('auto', 'automatic playback is not carried over: readers scroll');
  story['map'] = map;
  if (config['theme'] === 'dark' || config['theme'] === 'light') story['layout'] = { theme: config['theme'] };

  const showMarkers = config['showMarkers'] === true;
  let markerColor = str(config['markerColor']);
  if (markerColor && !isCssColor(markerColor)) {
    warn('markerColor', `${JSON.stringify(markerColor)} is not a literal colour: the theme's accent is used`);
    markerColor = undefined;
  }
  const used = new Set<string>();
  const chapters = Array.isArray(config['chapters']) ? (config['chapters'] as Record<string, unknown>[]) : [];
  if (chapters.length === 0) throw new ImportError('"chapters" is empty or not a list');
  story['chapters'] = chapters.map((raw, i) => {
    const at = (key: string) => `chapters[${i}].${key}`;
    const c = typeof raw === 'object' && raw !== null ? raw : {};
    const rawId = str(c['id']);
    const id = slug(rawId ?? str(c['title']) ?? '', i, used);
    if (rawId !== id) warn(at('id'), rawId ? `id "${rawId}" became "${id}" (ids start with a letter and use letters, digits, "-" and "_")` : `no id: "${id}" was used`);
    const chapter: Record<string, unknown> = { id };
    if (str(c['title'])) chapter['title'] = c['title'];
    if (str(c['description'])) chapter['body'] = c['description'];
    const image = str(c['image']);
    if (image && !isSafeUrl(image)) warn(at('image'), `the image URL ${JSON.stringify(image)} is not allowed (only http(s) and relative URLs): it was left out`);
    else if (image) {
      chapter['media'] = { src: image, alt: '' };
      warn(at('image'), 'the image has no text alternative: write one in "media.alt"');
    }
    const alignment = c['alignment'];
    if (alignment === 'fully') chapter['align'] = 'full';
    else if (alignment === 'left' || alignment === 'right' || alignment === 'center' || alignment === 'full') chapter['align'] = alignment;
    else if (alignment !== undefined) warn(at('alignment'), `alignment ${JSON.stringify(alignment)} is unknown; the story default is used`);
    if (c['hidden'] === true) warn(at('hidden'), 'hidden chapters are shown as ordinary chapters');
    const location = (typeof c['location'] === 'object' && c['location'] !== null ? c['location'] : {}) as Record<string, unknown>;
    const rawCenter = location['center'];
    const center = Array.isArray(rawCenter) && rawCenter.length === 2 && rawCenter.every((n) => num(n) !== undefined)
      ? (rawCenter as [number, number])
      : undefined;
    const camera: Record<string, unknown> = { center: center ?? [0, 0], zoom: num(location['zoom']) ?? 2 };
    if (!center) warn(at('location.center'), 'no usable center: [0, 0] was used');
    if (num(location['pitch'])) camera['pitch'] = location['pitch'];
    if (num(location['bearing'])) camera['bearing'] = location['bearing'];
    chapter['camera'] = camera;
    if (location['speed'] !== undefined || location['curve'] !== undefined) warn(at('location'), '"speed" and "curve" are not carried over; use "transition.duration"');
    const animation = { flyTo: 'fly', easeTo: 'ease', jumpTo: 'jump' }[String(c['mapAnimation'])];
    if (animation) chapter['transition'] = { type: animation };
    else if (c['mapAnimation'] !== undefined) warn(at('mapAnimation'), `unknown animation ${JSON.stringify(c['mapAnimation'])}; "fly" is used`);
    if (c['rotateAnimation']) warn(at('rotateAnimation'), 'rotation is not carried over');
    if (c['callback'] !== undefined && c['callback'] !== '') warn(at('callback'), 'callbacks are never run: there is no code in a story');
    for (const key of ['onChapterEnter', 'onChapterExit'] as const) {
      const list = c[key];
      if (Array.isArray(list) && list.length) {
        const names = list.map((l) => (typeof l === 'object' && l !== null ? (l as Record<string, unknown>)['layer'] : l)).filter(Boolean);
        warn(at(key), `layer changes (${names.map((n) => JSON.stringify(n)).join(', ')}) refer to layers of the Mapbox style; add those layers to the story's "layers" and list them in "layers.show"/"layers.hide"`);
      }
    }
    if (showMarkers && center) chapter['markers'] = [{ coordinates: center, ...(markerColor ? { color: markerColor } : {}) }];
    return chapter;
  });
  return { story, warnings };
}
