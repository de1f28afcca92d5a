// Issue 22 (listeners grow): 100 reconnects and 100 story swaps leave the document's and the
// window's scroll listeners as they were (+0), release every WebGL context, and print the heap's
// growth. A file of its own: these are long (each cycle waits for the map to be ready).
import { expect } from 'chai';
import type { MapStory } from '../src/map-story.js';
import { loadJson, mount, nextEvent, trackWebGLContexts, unmountAll, until, asStory } from './helpers.js';

const CYCLES = 100;
/**
 * One cycle in FULL_EVERY waits for the map (\`map-story-ready\`); the others only for the
 * chapters to be set up (scroll steps observed), so the element is removed or given another
 * story while its map is still starting: the harder case for leaks, and 100 full maps took
 * ~2.5 minutes. Either way every map made is counted by the WebGL context tracker. The
 * chapters are set up when scrollama's scroll listener is back (one per element, removed when
 * it disconnects), or when the swapped story's title shows (its setup follows its render).
 */
const FULL_EVERY = 10;

/** Counts the live listeners of `document` and `window`, by event type. */
function trackListeners(): { count: (type?: string) => number; list: () => string; restore: () => void } {
  const live = new Set<string>();
  const ids = new WeakMap<object, number>();
  let next = 0;
  const key = (target: EventTarget, type: string, listener: unknown, options: unknown) => {
    const capture = typeof options === 'boolean' ? options : !!(options as { capture?: boolean } | undefined)?.capture;
    if (!ids.has(listener as object)) ids.set(listener as object, next++);
    return `${target === document ? 'document' : 'window'} ${type} ${ids.get(listener as object)} ${capture}`;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
    if ((this === document || this === window) && listener) {
      const once = typeof options === 'object' && !!(options as { once?: boolean } | null)?.once;
      if (!once) live.add(key(this, type, listener, options));
    }
    return (add as (...a: unknown[]) => void).call(this, type, listener, options);
  } as typeof add;
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
    if ((this === document || this === window) && listener) live.delete(key(this, type, listener, options));
    return (remove as (...a: unknown[]) => void).call(this, type, listener, options);
  } as typeof remove;
  return {
    count: (type) => [...live].filter((k) => type === undefined || k.split(' ')[1] === type).length,
    /** The live listeners as "target type", for the log when a count differs. */
    list: () => [...live].map((k) => k.split(' ').slice(0, 2).join(' ')).sort().join(', '),
    restore: () => {
      EventTarget.prototype.addEventListener = add;
      EventTarget.prototype.removeEventListener = remove;
    },
  };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
/** Heap in use after garbage collection (twice: MapLibre frees some memory in a later task). */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    await new Promise((r) => setTimeout(r, 0));
    gc();
  }
  return heap();
}

describe('lifecycle: listeners, contexts and heap stay bounded', function () {
  // Each cycle waits for a real map; a busy machine only makes this slower, never wrong.
  this.timeout(600_000);
  let listeners: ReturnType<typeof trackListeners>;
  let contexts: ReturnType<typeof trackWebGLContexts>;
  beforeEach(() => {
    listeners = trackListeners();
    contexts = trackWebGLContexts();
  });
  afterEach(() => {
    unmountAll();
    listeners.restore();
    contexts.restore();
  });

  /** Waits until the maps started by cut-off cycles are gone (their creation returned): only
   *  the element's own map lives, so the listeners counted are its own. */
  const onlyOwnMap = () => until(() => contexts.live() === 1, 20_000, 'one live WebGL context');

  async function mountReady(story: unknown): Promise<MapStory> {
    let ready!: Promise<unknown>;
    const el = mount((e) => {
      ready = nextEvent(e, 'map-story-ready', 60_000);
      e.story = asStory(story);
    });
    await ready;
    return el;
  }

  it(`${CYCLES} reconnects: scroll listeners +0, WebGL contexts 0 after removal`, async () => {
    const story = await loadJson('test-story.json');
    const el = await mountReady(story);
    const parent = el.parentElement!;
    let scroll = 0;
    const reconnect = async (full: boolean) => {
      const ready = nextEvent(el, 'map-story-ready', 60_000);
      el.remove();
      parent.append(el);
      if (full) await ready;
      else {
        ready.catch(() => {});
        await until(() => listeners.count('scroll') >= scroll, 20_000, 'chapters set up');
      }
    };
    for (let i = 0; i < 3; i++) await reconnect(true); // warm caches
    // The baseline is taken when only the element's own map lives: a map released by the last
    // cycle may still hold its window listeners for a moment (CI once counted 7 -> 3).
    await onlyOwnMap();
    scroll = listeners.count('scroll');
    const all = listeners.count();
    const baseline = listeners.list();
    const before = await settledHeap();
    for (let i = 0; i < CYCLES; i++) await reconnect(i % FULL_EVERY === 0);
    await reconnect(true);
    await onlyOwnMap();
    const growth = ((await settledHeap()) - before) / 1024 / 1024;
    console.log(`${CYCLES} reconnects: scroll listeners ${scroll} -> ${listeners.count('scroll')}; all document/window listeners ${all} -> ${listeners.count()}; heap growth ${growth.toFixed(2)} MB`);
    if (listeners.count() !== all) console.log(`listeners before: ${baseline}\nlisteners after: ${listeners.list()}`);
    expect(listeners.count('scroll') - scroll, 'scroll listeners added').to.equal(0);
    expect(listeners.count() - all, 'document/window listeners added').to.equal(0);
    el.remove();
    // A map still starting when its element left is removed once its creation returns.
    await until(() => contexts.live() === 0, 20_000, 'no live WebGL context after removal');
  });

  it(`${CYCLES} story swaps: scroll listeners +0, WebGL contexts 0 after removal`, async () => {
    const a = await loadJson('test-story.json');
    // Every other story needs another map (a different source), so maps are made and released too.
    const b = structuredClone(a);
    b.title = 'Swapped';
    b.sources.line.data.features[0].geometry.coordinates = [[31, 31], [35, 35]];
    const el = await mountReady(a);
    const swap = async (story: { title: string }, full: boolean) => {
      // The ready of this story's map: a map started for the story before may still report
      // ready after the swap, and be replaced a moment later (CI once counted 7 -> 3 then).
      const ready = nextEvent(el, 'map-story-ready', 60_000, (e) => e.detail.title === story.title);
      el.story = asStory(structuredClone(story));
      if (full) await ready;
      else {
        ready.catch(() => {});
        await until(() => el.shadowRoot!.querySelector('h1')?.textContent === story.title, 20_000, 'the new story shown');
      }
    };
    for (let i = 0; i < 4; i++) await swap(i % 2 ? a : b, true); // warm caches
    await onlyOwnMap(); // the baseline without the released map's listeners (see above)
    const scroll = listeners.count('scroll');
    const all = listeners.count();
    const baseline = listeners.list();
    const before = await settledHeap();
    for (let i = 0; i < CYCLES; i++) await swap(i % 2 ? a : b, i % FULL_EVERY === 0);
    await swap(CYCLES % 2 ? a : b, true);
    await onlyOwnMap();
    const [scrollAfter, allAfter, after] = [listeners.count('scroll'), listeners.count(), listeners.list()];
    const growth = ((await settledHeap()) - before) / 1024 / 1024;
    console.log(`${CYCLES} story swaps: scroll listeners ${scroll} -> ${scrollAfter}; all document/window listeners ${all} -> ${allAfter}; heap growth ${growth.toFixed(2)} MB`);
    if (allAfter !== all) console.log(`listeners before: ${baseline}\nlisteners after: ${after}`);
    expect(scrollAfter - scroll, 'scroll listeners added').to.equal(0);
    expect(allAfter - all, 'document/window listeners added').to.equal(0);
    el.remove();
    // A map still starting when its element left is removed once its creation returns.
    await until(() => contexts.live() === 0, 20_000, 'no live WebGL context after removal');
  });
});

describe('lifecycle: mount and unmount', function () {
  // Moved from robust.test.ts: 55 maps made and removed, each awaited on its own condition.
  this.timeout(600_000);
  afterEach(unmountAll);

  it('50 mount/unmount cycles: WebGL contexts return to 0, heap grows less than 5 MB', async () => {
    const contexts = trackWebGLContexts();
    try {
      const story = await loadJson('test-story.json');
      const cycle = async () => {
        let ready!: Promise<unknown>;
        mount((e) => {
          ready = nextEvent(e, 'map-story-ready', 60_000);
          e.story = story;
        });
        await ready;
        unmountAll();
      };
      for (let i = 0; i < 5; i++) await cycle(); // warm up caches (MapLibre, basemap data)
      const before = await settledHeap();
      for (let i = 0; i < 50; i++) await cycle();
      const growth = ((await settledHeap()) - before) / 1024 / 1024;
      console.log(`heap growth after 50 cycles: ${growth.toFixed(2)} MB; live WebGL contexts: ${contexts.live()}`);
      expect(contexts.live()).to.equal(0);
      expect(growth).to.be.lessThan(5);
    } finally {
      contexts.restore();
    }
  });
});
