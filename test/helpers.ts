// Test helpers: mounting <map-story>, waiting for events and for the map to settle, reading
// map pixels. Everything runs in real Chromium with real MapLibre.
import '../src/index.js';
import { setViewport } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { chapterHtml } from '../src/story/story-html.js';
import type { CameraTarget } from '../src/motion/camera-path.js';
import type { MapStoryEventMap } from '../src/events.js';

export type Map = NonNullable<MapStory['map']>;

/** Desktop size for every test unless a test sets another (the browser starts at 800x600). */
export const DESKTOP = { width: 1280, height: 800 };
before(() => setViewport(DESKTOP));

export const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).href;

export async function loadJson(name: string): Promise<any> {
  return (await fetch(fixture(name))).json();
}

const mounted: HTMLElement[] = [];

/** Adds a <map-story> (and optional page padding around it) to the document. */
export function mount(setup: (el: MapStory) => void = () => {}, options: { before?: string; after?: string } = {}): MapStory {
  const wrapper = document.createElement('div');
  wrapper.innerHTML = `${options.before ?? ''}<map-story></map-story>${options.after ?? ''}`;
  const el = wrapper.querySelector('map-story')!;
  setup(el);
  document.body.append(wrapper);
  mounted.push(wrapper);
  return el;
}

export function unmountAll(): void {
  for (const w of mounted.splice(0)) w.remove();
  window.scrollTo(0, 0);
}

export function nextEvent<K extends keyof MapStoryEventMap>(
  target: EventTarget,
  type: K,
  timeout = 20_000,
  filter: (e: MapStoryEventMap[K]) => boolean = () => true,
): Promise<MapStoryEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`timed out waiting for ${type}`));
    }, timeout);
    const listener = (e: Event) => {
      if (!filter(e as MapStoryEventMap[K])) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(e as MapStoryEventMap[K]);
    };
    target.addEventListener(type, listener);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => boolean, timeout = 15_000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(30);
  }
}

/** Resolves once the map has stopped moving and rendered everything it needs. */
export async function settled(map: Map, timeout = 20_000): Promise<void> {
  await until(() => !map.isMoving(), timeout, 'the camera to stop');
  if (!map.loaded() || !map.areTilesLoaded()) {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  }
}

/** Resolves once the element's map exists and `mapSettled(stage)` resolved (first view drawn, or the warm-up done too). */
export async function mapSettled(el: MapStory, stage: 'first-view' | 'prepared' = 'prepared'): Promise<void> {
  await until(() => !!el.map, 20_000, 'the map to be created');
  await el.mapSettled(stage);
}

/** A chapter's section in the element's shadow root. */
export function chapterEl(el: MapStory, id: string): HTMLElement {
  const section = el.shadowRoot!.querySelector<HTMLElement>(`#chapter-${id}`);
  if (!section) throw new Error(`no chapter ${id}`);
  return section;
}

/** Scrolls the page so that a chapter's card crosses the trigger line, like a reader would. */
export async function scrollToChapter(el: MapStory, id: string): Promise<void> {
  const entered = nextEvent(el, 'map-story-chapter-enter', 10_000, (e) => e.detail.chapterId === id);
  chapterEl(el, id).scrollIntoView({ block: 'center', behavior: 'instant' });
  await entered;
}

/** Reads the map's pixels right after a render, while the drawing buffer is still intact. */
export function readPixels(map: Map): Promise<ImageData> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const source = map.getCanvas();
      const canvas = document.createElement('canvas');
      canvas.width = source.width;
      canvas.height = source.height;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(source, 0, 0);
      resolve(ctx.getImageData(0, 0, canvas.width, canvas.height));
    });
    map.triggerRepaint();
  });
}

export function hex(color: string): [number, number, number] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Share of pixels within `tolerance` (per channel) of `color`. */
export function shareOf(image: ImageData, color: string, tolerance = 6): number {
  const [r, g, b] = hex(color);
  let count = 0;
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i]! - r) <= tolerance && Math.abs(d[i + 1]! - g) <= tolerance && Math.abs(d[i + 2]! - b) <= tolerance) count++;
  }
  return count / (d.length / 4);
}

/** The colour of the map at a geographic point. */
export async function colorAt(map: Map, lngLat: [number, number]): Promise<[number, number, number]> {
  const image = await readPixels(map);
  const p = map.project(lngLat);
  const ratio = image.width / map.getCanvas().clientWidth;
  const x = Math.round(p.x * ratio);
  const y = Math.round(p.y * ratio);
  const i = (y * image.width + x) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

/** Tracks every WebGL context the page creates, to check that removed maps release theirs. */
export function trackWebGLContexts(): { live: () => number; restore: () => void } {
  const contexts: (WebGLRenderingContext | WebGL2RenderingContext)[] = [];
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
    const ctx = (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    if (ctx && (type === 'webgl2' || type === 'webgl') && !contexts.includes(ctx as WebGL2RenderingContext)) contexts.push(ctx as WebGL2RenderingContext);
    return ctx;
  } as typeof original;
  return {
    live: () => contexts.filter((c) => !c.isContextLost()).length,
    restore: () => {
      HTMLCanvasElement.prototype.getContext = original;
    },
  };
}

/** Mounts a story and collects its `map-story-error` events. */
export async function mountCollectingErrors(story: unknown): Promise<{ el: MapStory; map: Map; errors: CustomEvent[] }> {
  const errors: CustomEvent[] = [];
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    e.addEventListener('map-story-error', (event) => errors.push(event as CustomEvent));
    e.story = story as MapStory['story'];
  });
  await ready;
  return { el, map: el.map as Map, errors };
}

// Room for every resource timing entry (250 by default: the dev server's modules fill it).
performance.setResourceTimingBufferSize(100_000);

/** Modules and files the page has requested (since `since`, a `performance.now()`) whose URL contains `part`. */
export const pageLoaded = (part: string, since = 0) =>
  performance.getEntriesByType('resource').filter((e) => e.name.includes(part) && e.startTime >= since).length;

/**
 * The locator's canvas has land drawn: before its land arrives it is transparent but for the
 * view's outline; after, opaque sea, and land in another colour on a good share of it.
 */
export async function locatorHasLand(el: MapStory): Promise<void> {
  const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
  await until(() => {
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map<string, number>();
    let opaque = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] !== 255) continue;
      opaque++;
      const key = `${d[i]},${d[i + 1]},${d[i + 2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const [first = 0, second = 0] = [...counts.values()].sort((a, b) => b - a);
    const pixels = d.length / 4;
    return opaque > pixels * 0.9 && first > pixels * 0.2 && second > pixels * 0.1; // sea, land
  }, 20_000, 'land on the locator');
}

/** A story object built loosely (fixtures, hostile or invalid ones) given to `.story`, which is typed. */
export const asStory = (value: unknown) => value as MapStory['story'];

// ---- motion: animation frames, the trigger line, the motion fixture ----------------------

/** Resolves at the next animation frame. */
export const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
/** Resolves after `n` animation frames. */
export const frames = async (n: number) => { for (let i = 0; i < n; i++) await frame(); };
const pad = { top: 0, right: 0, bottom: 0, left: 0 };
const view = (map: Map) => `${map.getCenter().lng},${map.getCenter().lat},${map.getZoom()},${map.getBearing()}`;
/** Resolves once the camera has not changed for three frames (the scrubbed camera has arrived). */
export async function still(map: Map): Promise<void> {
  let last = view(map);
  let same = 0;
  const start = performance.now();
  while (same < 3) {
    await frame();
    const now = view(map);
    same = now === last ? same + 1 : 0;
    last = now;
    if (performance.now() - start > 10_000) throw new Error('timed out waiting for the camera to stop');
  }
}
export const cam = (center: [number, number], zoom: number, bearing = 0): CameraTarget => ({ center, zoom, pitch: 0, bearing, padding: pad });

/** Scrolls so that the trigger line sits at `x` (element coordinates). */
export function scrollToX(el: MapStory, x: number, offset = 0.5): void {
  const top = el.getBoundingClientRect().top;
  window.scrollBy({ top: x - (offset * innerHeight - top), behavior: 'instant' });
}

/** Each chapter card's middle, in element coordinates (where its chapter is anchored). */
export function anchors(el: MapStory): number[] {
  const host = el.getBoundingClientRect().top;
  return [...el.shadowRoot!.querySelectorAll('.chapter')].map((c) => {
    const r = c.getBoundingClientRect();
    return r.top - host + r.height / 2;
  });
}

/** Mounts test/fixtures/motion-story.json (after `edit`), with room to scroll, and waits for the map. */
/** Where a test's story comes from: all JSON, or its chapters written as `<map-chapter>` elements. */
export type StorySourceKind = 'json' | 'html';
/** Both ways of authoring a story: tests that run on each assert the same things. */
export const SOURCES: readonly StorySourceKind[] = ['json', 'html'];

/** Gives the element a story: as the `story` property, or (html) its chapters as `<map-chapter>` children and the rest as the property. */
export function giveStory(el: MapStory, story: any, source: StorySourceKind = 'json'): void {
  if (source === 'json') {
    el.story = story;
    return;
  }
  const { chapters, ...map } = story;
  el.insertAdjacentHTML('beforeend', chapters.map((c: Record<string, unknown>) => chapterHtml(c)).join('\n'));
  el.story = map;
}

export async function mountMotion(setup: (e: MapStory) => void = () => {}, edit: (story: any) => void = () => {}, source: StorySourceKind = 'json'): Promise<{ el: MapStory; map: Map; story: any }> {
  const story = await loadJson('motion-story.json');
  edit(story);
  let ready!: Promise<unknown>;
  const el = mount((e) => {
    ready = nextEvent(e, 'map-story-ready', 30_000);
    setup(e);
    giveStory(e, story, source);
  }, { before: '<div style="height:20vh"></div>', after: '<div style="height:120vh"></div>' });
  await ready;
  return { el, map: el.map!, story };
}
