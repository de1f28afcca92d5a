import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Theme } from '../basemap/embedded-style.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { LoadedStory } from '../story/load.js';
import { elementMessages as messages } from '../story/element-messages.js';
import type { StoryProblem } from '../story/messages.js';
import { errorMessage } from '../story/quote.js';
import type { Story } from '../story/schema.js';
import { cameraFor } from './camera.js';
import { loadMapLibre } from './load-maplibre.js';
import type { Locator } from './locator.js';
import type { Framing, MapDriver } from './map-driver.js';

/** The map code (driver, basemap style) and MapLibre load only when a map is wanted. */
export const loadDriver = () => import('./map-driver.js');

/** Resolves after the next frame is painted: the article's text shows before the map is built. */
export const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** True when two stories need the same map (style, sources, layers, language). */
function sameMap(a: Story, b: Story): boolean {
  // (The language too: MapLibre's own words are set when the map is made.)
  const key = (s: Story) => JSON.stringify([s.map, s.sources, s.layers, s.lang, s.strings]);
  return key(a) === key(b);
}

type MapProblemCode = 'map-failed' | 'style-failed' | 'data-failed';

/** What the session needs from the element. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  renderRoot: HTMLElement | DocumentFragment;
}

/** What the session reads from the element and tells it. */
export interface SessionWiring {
  theme(): Theme;
  timeout(): number;
  narrow(): boolean;
  framing(state: ChapterState): Framing;
  /** The file the story came from, for problems. */
  file(): string | undefined;
  /** A map was created for `loaded`, its first view at chapter `first`: show the current chapter. */
  onStarted(loaded: LoadedStory, first: number): void;
  onProblems(problems: StoryProblem[]): void;
}

/**
 * The map's lifetime: creating the driver (and the locator) for a story, reusing it for an edit
 * of the same story, releasing it when the story goes far from the viewport or the element is
 * removed, and what the map tells the reader (loading, failure, notices, layer problems).
 *
 * One counter, `run`, orders it all: each start or release takes a new run, and whatever a
 * start awaits is dropped if the run changed meanwhile. `starting` is true from a start until
 * its map is created (or the start is dropped).
 */
export class MapSession implements ReactiveController {
  driver: MapDriver | undefined;
  /** A map is created and shown. */
  ready = false;
  /** Why the map could not be created. */
  error: string | undefined;
  /** What did not load (a style, data): shown on the map, which still works. */
  notice: string | undefined;
  /** The story's layers MapLibre refused. */
  layerProblems: StoryProblem[] = [];
  /** The reader unlocked the map (explore mode). */
  exploring = false;
  #run = 0;
  #starting = false;
  /** The locator's canvas and what stops the locator drawing into it (see #startLocator). */
  #locator: { canvas: HTMLCanvasElement; stop: () => void } | undefined;
  /** The first view of the current map is drawn: the locator may start. */
  #viewDrawn = false;
  /** The story and theme the map was made for (an edit of the same map keeps it). */
  #madeFor: { loaded: LoadedStory; theme: Theme } | undefined;
  #cssAdopted = false;

  readonly #host: SessionHost;
  readonly #wiring: SessionWiring;

  constructor(
    host: SessionHost,
    wiring: SessionWiring,
  ) {
    this.#host = host;
    this.#wiring = wiring;
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdated(): void {
    this.syncLocator();
  }

  hostDisconnected(): void {
    this.teardown();
  }

  /** True when a map exists or is being made. */
  get active(): boolean {
    return !!this.driver || this.#starting;
  }

  /**
   * Starts loading what the map's first view needs (MapLibre, the basemap data it draws), so a
   * long story's map need not wait for all its chapters to be rendered. Loads are shared.
   */
  prepare(loaded: LoadedStory, first: number): void {
    const style = loaded.story.map?.style;
    const { center, zoom } = cameraFor(loaded.states[first]!, this.#wiring.narrow());
    if ((style === undefined || style === 'embedded') && center && zoom !== undefined) {
      // The tiles' code and index load with the style, not with the element.
      import('../basemap/tiles.js').then((tiles) => tiles.prefetchTiles([center[0], center[1]], zoom), () => {});
    }
    loadMapLibre().catch(() => {}); // errors surface when the map is created
  }

  /** True when the map made for the last story can show `loaded` (an edit that leaves the map as it was). */
  keeps(loaded: LoadedStory): boolean {
    const made = this.#madeFor;
    return !!this.driver && !!made && made.theme === this.#wiring.theme() && sameMap(made.loaded.story, loaded.story);
  }

  /** Shows a new version of the story on the map made for the last one (see `keeps`). */
  keep(loaded: LoadedStory): void {
    this.#madeFor = { loaded, theme: this.#wiring.theme() };
    this.driver?.updateStory(loaded.story, loaded.strings);
  }

  /** Creates a map for `loaded`, its first view at chapter `first`; `painted`: the text is on screen already. */
  async start(loaded: LoadedStory, first: number, painted: boolean): Promise<void> {
    this.release(); // a map made before goes, with its locator (the new one waits for its first view)
    const run = this.#run;
    this.#starting = true;
    this.#madeFor = { loaded, theme: this.#wiring.theme() };
    this.#set({ notice: undefined, layerProblems: [] });
    const container = this.#host.renderRoot.querySelector<HTMLElement>('.map')!;
    const state = loaded.states[first]!;
    this.prepare(loaded, first);
    try {
      const [{ MapDriver }, [, css]] = await Promise.all([loadDriver(), loadMapLibre(), painted ? undefined : afterPaint()]);
      if (run !== this.#run) return;
      this.#adoptCss(css);
      const driver = await MapDriver.create(
        {
          container,
          story: loaded.story,
          strings: loaded.strings,
          theme: this.#wiring.theme(),
          timeout: this.#wiring.timeout(),
          onError: (code, reason) => this.#problem(code, reason, loaded.story),
          onLayerErrors: (errors) => void this.#layerErrors(errors, loaded, run),
        },
        state,
        this.#wiring.framing(state),
      );
      if (run !== this.#run || !this.#host.isConnected) {
        driver.destroy();
        return;
      }
      this.#starting = false;
      this.driver = driver;
      this.#set({ ready: true });
      // The warm-up's frames are the first view's (a frame of its own after first idle is a
      // full repaint: 150-250 ms each on a slow phone). Best effort: a failed warm-up only
      // means a later compile.
      void driver.warmUp(loaded.states).catch(() => {});
      // The locator's map is not needed for the first view: it waits until that is drawn.
      void driver.firstView.then(() => {
        if (run !== this.#run) return;
        this.#viewDrawn = true;
        this.syncLocator();
      });
      this.#wiring.onStarted(loaded, first);
    } catch (error) {
      if (run !== this.#run) return;
      this.#starting = false;
      this.#problem('map-failed', errorMessage(error), loaded.story);
    }
  }

  /** Turns explore mode on or off (the map's pan and zoom handlers with it). */
  explore(on: boolean, story: Story): void {
    if (!this.driver) return;
    this.driver.setInteractive(on || (story.map?.interactive ?? false));
    this.#set({ exploring: on });
  }

  /** Removes the map (and its WebGL context) but keeps the story and what the map said. */
  release(): void {
    this.#run++;
    this.#starting = false;
    this.driver?.destroy();
    this.driver = undefined;
    this.#viewDrawn = false;
    this.#dropLocator();
    this.#set({ ready: false, exploring: false });
  }

  /** Removes the map and forgets what it said (the element left the page, the story failed). */
  teardown(): void {
    this.release();
    this.#madeFor = undefined;
    this.#set({ error: undefined, notice: undefined });
  }

  /** Sets reactive fields, and asks the element to render when one changed. */
  #set(values: Partial<Pick<MapSession, 'ready' | 'error' | 'notice' | 'layerProblems' | 'exploring'>>): void {
    let changed = false;
    for (const [key, value] of Object.entries(values) as [keyof typeof values, never][]) {
      const same = key === 'layerProblems' ? !this.layerProblems.length && !(value as StoryProblem[]).length : this[key] === value;
      if (same) continue;
      this[key] = value;
      changed = true;
    }
    if (changed) this.#host.requestUpdate();
  }

  /** The story's layers MapLibre refused, as story problems (the mapping loads only when needed). */
  async #layerErrors(errors: { message: string }[], loaded: LoadedStory, run: number): Promise<void> {
    let problems: StoryProblem[];
    try {
      const { styleProblems } = await import('../story/style-problems.js');
      problems = styleProblems(errors, loaded.file, loaded.story);
    } catch {
      // The mapping could not load: the errors are still shown and fired, as MapLibre said them.
      problems = errors.map((e) => ({ code: 'invalid-style', message: messages.invalidStyle(e.message), path: '', file: loaded.file }));
    }
    if (run !== this.#run) return;
    this.#set({ layerProblems: problems });
    this.#wiring.onProblems(problems);
  }

  #problem(code: MapProblemCode, reason: string, story: Story): void {
    const style = typeof story.map?.style === 'string' ? story.map.style : 'inline style';
    const message = code === 'map-failed' ? messages.mapFailed(reason) : code === 'style-failed' ? messages.styleFailed(style, reason) : messages.dataFailed(reason);
    if (code === 'map-failed') this.#set({ error: message });
    if (code === 'style-failed') this.#set({ notice: message });
    // Data that did not load (a story source, the basemap's files) leaves part of the map empty:
    // readers and authors see why on the map, not only in an event. The first notice stays.
    if (code === 'data-failed' && this.notice === undefined) this.#set({ notice: message });
    this.#wiring.onProblems([{ code, message, path: code === 'style-failed' ? 'map.style' : '', file: this.#wiring.file() }]);
  }

  /** MapLibre's CSS, in the shadow root (once per element). */
  #adoptCss(css: string): void {
    if (this.#cssAdopted) return;
    const root = this.#host.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
    this.#cssAdopted = true;
  }

  /**
   * Starts the locator once the first view is drawn, if its canvas is on the page (a story with
   * `map.inset`, in the wide layout only: a phone never loads, decodes or draws it), and drops it
   * when its canvas goes (the layout became narrow). Called after each render of the element.
   */
  syncLocator(): void {
    const canvas = this.#host.renderRoot.querySelector<HTMLCanvasElement>('.inset') ?? undefined;
    if (this.#locator && this.#locator.canvas !== canvas) this.#dropLocator();
    if (canvas && !this.#locator && this.driver && this.#viewDrawn) this.#startLocator(this.driver, canvas);
  }

  #dropLocator(): void {
    this.#locator?.stop();
    this.#locator = undefined;
  }

  /** Draws the view's outline into `canvas` as the map moves, and the land once it has loaded. */
  #startLocator(driver: MapDriver, canvas: HTMLCanvasElement): void {
    let locator: Locator | undefined;
    let frame = 0;
    const draw = () => {
      frame = 0;
      locator?.draw(driver.viewBounds());
    };
    const onMove = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const entry = {
      canvas,
      stop: () => {
        driver.map.off('move', onMove);
        cancelAnimationFrame(frame);
        locator?.destroy();
        locator = undefined;
      },
    };
    this.#locator = entry;
    const current = () => this.#locator === entry;
    void (async () => {
      const { Locator } = await import('./locator.js');
      if (!current()) return;
      const made = new Locator(canvas, this.#wiring.theme());
      locator = made;
      driver.map.on('move', onMove);
      draw();
      const land = await driver.coarseLand().catch(() => undefined);
      if (land && current()) {
        made.setLand(land);
        draw();
      }
    })().catch(() => {}); // best effort: without its code the locator stays blank
  }
}
