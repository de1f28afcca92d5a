import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { AttributeValues, isAlign, isMargin, isTheme, isTimeout } from './attribute-values.js';
import { prefetchBasemap } from './basemap/world-data.js';
import { fire } from './events.js';
import { styles } from './map-story.styles.js';
import { describeCamera, paddingForText, type Padding } from './map/camera.js';
import type { Locator } from './map/locator.js';
import type { MapDriver } from './map/map-driver.js';
import { loadMapLibre, prefetchMapLibre } from './map/load-maplibre.js';
import { StoryMotion, type CardBox } from './motion/story-motion.js';
import { NearViewport } from './scroll/near-viewport.js';
import { ScrollFrames } from './scroll/scroll-frames.js';
import { ScrollSteps } from './scroll/scroll-steps.js';
import type { ChapterState } from './story/chapter-states.js';
import { InlineStory } from './source/inline-story.js';
import { LoadStatus, LoadTask } from './source/load-task.js';
import { loadStory, type LoadedStory, type LoadResult, type StorySource } from './story/load.js';
import { messages, type StoryProblem } from './story/messages.js';
import type { Story, StoryInput } from './story/schema.js';
import { loadSanitizer, needsSanitizer, sanitizedBodies } from './story/sanitize.js';
import { DEFAULT_TIMEOUT } from './story/timeout.js';
import { renderNav, renderProblems, renderStory } from './view/story-view.js';
import { reducedMotion } from './motion/reduced-motion.js';

/** Below this width (of the element, not the window) text becomes cards over a full-bleed map. */
export const NARROW_WIDTH = 700;

/**
 * A story with more chapters than LONG_STORY renders its first FIRST_RENDER_CHAPTERS (more than
 * fill the first screens) at once and the rest one frame later, so its text appears as soon as
 * a short story's would, whatever its length. Shorter stories render in one go.
 */
export const LONG_STORY = 30;
export const FIRST_RENDER_CHAPTERS = 10;

/** Height of the navigation bar at the top of the map, in pixels, kept free of targets. */
const CONTROLS_HEIGHT = 56;
/** How long the scroll must rest before the chapter catches up with cards a jump skipped, ms. */
const REST_MS = 200;

type AlignValue = 'left' | 'right' | 'center' | 'full';
type Column = { left: number; right: number };

/** True when two stories need the same map (style, sources, layers, theme). */
function sameMap(a: Story, b: Story): boolean {
  const key = (s: Story) => JSON.stringify([s.map, s.sources, s.layers]);
  return key(a) === key(b);
}

/** The map code (driver, basemap style) and MapLibre load only when a map is wanted. */
const loadDriver = () => import('./map/map-driver.js');

/** The map margin when the attribute is not set (or not valid). */
const DEFAULT_MAP_MARGIN = '100%';

/** The chapter id `#id` in a URL names, or undefined when the hash is not valid percent-encoding. */
function hashId(hash: string): string | undefined {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return undefined;
  }
}

/** Resolves after the next frame is painted: the article's text shows before the map is built. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * @tag map-story
 *
 * A scroll-driven map story: chapters of text scroll past a sticky MapLibre map, which moves
 * to each chapter's camera and shows its layers.
 *
 * The story comes from the `story` property, the `src` attribute, or a
 * `<script type="application/json">` child, in that order of precedence.
 *
 * Every fetch (the story, a map style, the story's map data) has `timeout` ms (default 20 s) to
 * answer; after that it fails like any failed load: an error, or for a style the embedded
 * basemap. Attribute values it does not know (`theme="Dark"`) fall back to the default, with
 * one console warning.
 *
 * Keyboard: with focus on a chapter, ArrowDown/PageDown/j and ArrowUp/PageUp/k move to the next
 * and previous chapter, Home and End to the first and last.
 *
 * @fires map-story-ready - The story is shown and its map has loaded. Detail: `{title, chapters}`.
 * @fires map-story-chapter-enter - A chapter became active. Detail: `{index, chapterId, direction}`.
 * @fires map-story-chapter-exit - A chapter stopped being active. Detail: `{index, chapterId, direction}`.
 * @fires map-story-progress - The reader's progress through the active chapter changed (at most once per frame). Detail: `{index, chapterId, progress}`.
 * @fires map-story-error - The story or its map has a problem. Detail: `{code, message, path, chapterId, file, line, column, problems}`.
 *
 * @csspart map-area - The sticky area holding the map.
 * @csspart map - The map container.
 * @csspart map-status - The map's loading or failure notice.
 * @csspart nav - Previous/next buttons, chapter count and explore toggle.
 * @csspart nav-button - The previous and next buttons.
 * @csspart nav-status - The chapter count ("3 / 13").
 * @csspart explore-button - The button that unlocks the map and returns to the story.
 * @csspart inset - The locator map (when the story's `map.inset` is true).
 * @csspart text - The column of text cards.
 * @csspart header - The title card.
 * @csspart chapter - Each chapter card (the active one also has part `chapter-active`).
 * @csspart credits - The credits card.
 * @csspart errors - The list of story problems.
 * @csspart skip-link - The link that skips past the story (visible on focus).
 *
 * @cssprop --map-story-background - Page background behind the map. Default `#f7f5f0` (dark: `#11181f`).
 * @cssprop --map-story-card-background - Text card background. Default near-white (dark: near-black).
 * @cssprop --map-story-text-color - Text colour. Default `#1d232a` (dark: `#e8edf1`).
 * @cssprop --map-story-muted-color - Secondary text colour. Default `#4f5a64` (dark: `#b4bfc8`).
 * @cssprop --map-story-accent-color - Links, dates and focus rings. Default `#b23a0e` (dark: `#ff9e7a`).
 * @cssprop --map-story-font-family - Body text font. Default a serif stack.
 * @cssprop --map-story-heading-font-family - Headings and labels font. Default a sans-serif stack.
 * @cssprop --map-story-map-height - Height of the sticky map. Default `100vh`.
 * @cssprop --map-story-column-width - Width of side text columns. Default `420px`.
 * @cssprop --map-story-radius - Card corner radius. Default `6px`.
 */
export class MapStory extends LitElement {
  static override styles = styles;

  static override properties = {
    src: { type: String, reflect: true },
    story: { attribute: false },
    theme: { type: String, reflect: true },
    align: { type: String, reflect: true },
    hash: { type: Boolean, reflect: true },
    mapMargin: { type: String, attribute: 'map-margin' },
    fullResolution: { type: Boolean, attribute: 'full-resolution', reflect: true },
    base: { type: String },
    timeout: { type: Number },
    narrow: { state: true },
    activeIndex: { state: true },
    mapReady: { state: true },
    mapError: { state: true },
    mapNotice: { state: true },
    layerProblems: { state: true },
    exploring: { state: true },
  };

  /** URL of the story JSON, resolved against the page. */
  declare src: string | undefined;
  /**
   * The story as an object; takes precedence over `src`. Typed as the story format (a misspelt
   * field is a type error); whatever is given is still validated at run time.
   */
  declare story: StoryInput | undefined;
  /** `light` or `dark`; overrides the story's `layout.theme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** `left`, `right`, `center` or `full`; overrides the story's `layout.align`. */
  declare align: AlignValue | undefined;
  /** When set, `#chapter-id` in the page URL opens that chapter, and the URL follows the reader (`history.replaceState`). */
  declare hash: boolean;
  /**
   * How near the viewport the story must be for its map to be created (CSS margin, e.g.
   * `100%` = one viewport height, the default, or `500px`). Maps farther than three times this
   * are released (text stays), so a page can hold many stories without hitting the browser's
   * limit on WebGL contexts.
   */
  declare mapMargin: string;
  /**
   * Draw the map at the device's full pixel ratio during camera motion too. By default, on a
   * device whose map frames fall under ~22 a second while the camera moves, the map draws at a
   * lower pixel ratio until the camera rests (half the device's on high-density screens, 3/4 on
   * others), so flights and scrolling stay smooth; at rest it is always sharp.
   */
  declare fullResolution: boolean;
  /** Base URL for the relative URLs (data, media, styles) of a story given as the `story` property or inline. Default: the page. */
  declare base: string | undefined;
  /**
   * How long, in ms, each fetch (the story's `src`, a `map.style` URL, the story's map data)
   * may take before it counts as failed (the story: an error; a style: the embedded basemap;
   * map data: a notice on the map). Default 20000 (20 s).
   */
  declare timeout: number;

  declare private narrow: boolean;
  declare private activeIndex: number | undefined;
  declare private mapReady: boolean;
  declare private mapError: string | undefined;
  declare private mapNotice: string | undefined;
  declare private layerProblems: StoryProblem[];
  declare private exploring: boolean;

  private readonly inline = new InlineStory(this);
  private driver: MapDriver | undefined;
  private motion: StoryMotion | undefined;
  private locator: Locator | undefined;
  private mapRun = 0;
  /** `mapRun` before the current map started: equal to `mapRun` when no map is starting or shown. */
  private mapRunStarted = 0;
  private needsSetup = false;
  /** The story whose chapters are rendered, and how many of them (see LONG_STORY). */
  private renderedFor: LoadedStory | undefined;
  private renderedChapters = 0;
  /** The story whose first chapters have been painted (the map need not wait for a paint). */
  private paintedFor: LoadedStory | undefined;
  private firedFor: LoadResult | undefined;
  /** The load's exception last fired as an error (each fires once). */
  private firedError: unknown;
  /** The story the map was last set up for. */
  private shown: LoadedStory | undefined;
  private shownTheme: string | undefined;
  private columns: Partial<Record<AlignValue, Column>> = {};
  private boxes: CardBox[] = [];
  /** The chapter cards, found when they are measured (not on every `goTo`). */
  private cards: HTMLElement[] = [];
  private size = { width: 0, height: 0 };
  private lastProgress = '';
  /** The trigger line's position in the last frame and when it last moved, to tell a resting scroll. */
  private lastX: number | undefined;
  private movedAt = 0;
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  private announcement = '';
  private readonly steps = new ScrollSteps(this, (index, element) => {
    // IntersectionObserver reports can arrive after the page moved on (e.g. a goTo() right
    // after another): only a card that spans the trigger line now becomes active.
    const r = element.getBoundingClientRect();
    const line = this.triggerOffset * innerHeight;
    if (r.top - 2 <= line && r.bottom + 2 >= line) this.enterChapter(index);
  });
  private readonly frames = new ScrollFrames(this, () => this.onFrame());
  private readonly nearness = new NearViewport(this, () => this.mapMarginValue, (near) => this.onNear(near));
  /** Layout changes are handled in the next frame: changing layout inside a ResizeObserver
   *  callback makes browsers report "ResizeObserver loop completed" errors to the page. */
  private resizeFrame = 0;
  private readonly resizeObserver = new ResizeObserver(() => {
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = requestAnimationFrame(() => this.onResize());
  });

  private readonly attributeValues = new AttributeValues();
  private readonly loader = new LoadTask(this, {
    task: async ([story, src, inline, base, pageLoaded], { signal }) => {
      const source = this.sourceOf(story, src, inline, base);
      // No story yet while the page loads is not a problem: a later script may set it.
      if (source.kind === 'none' && !pageLoaded) return undefined;
      const result = await loadStory(source, { signal, timeout: this.timeoutMs });
      if (!result.ok || !needsSanitizer(result.loaded.story)) return result;
      await loadSanitizer();
      // Story HTML is sanitised once, here, not on every render.
      return { ...result, loaded: { ...result.loaded, html: sanitizedBodies(result.loaded.story) } };
    },
    // (The page's loading counts only for an element with no story yet: its end must not restart
    // a load under way.)
    args: () => [this.story, this.src, this.inline.text, this.base, this.inline.pageLoaded || !!(this.story ?? this.src ?? this.inline.text)] as const,
  });

  constructor() {
    super();
    this.hash = false;
    this.mapMargin = DEFAULT_MAP_MARGIN;
    this.timeout = DEFAULT_TIMEOUT;
    this.fullResolution = false;
    this.narrow = false;
    this.activeIndex = undefined;
    this.mapReady = false;
    this.mapError = undefined;
    this.mapNotice = undefined;
    this.layerProblems = [];
    this.exploring = false;
  }

  /** The MapLibre map, once created (read-only; `undefined` before the map loads or without WebGL). */
  get map(): MapDriver['map'] | undefined {
    return this.driver?.map;
  }

  /** The index of the active chapter, or `undefined` before the reader reaches one. */
  get chapterIndex(): number | undefined {
    return this.activeIndex;
  }

  /**
   * Scrolls the page to a chapter (by index or id) and makes it active.
   * `smooth` scrolls smoothly unless the reader prefers reduced motion.
   */
  goTo(chapter: number | string, options: { smooth?: boolean; focus?: boolean } = {}): void {
    const states = this.loaded?.states;
    if (!states) return;
    const index = typeof chapter === 'number' ? chapter : states.findIndex((s) => s.id === chapter);
    const card = this.cards[index];
    if (!card) return;
    const smooth = (options.smooth ?? true) && !reducedMotion();
    this.setScrollMargin(card, this.boxes[index]?.height ?? card.offsetHeight);
    card.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
    if (options.focus) card.focus({ preventScroll: true });
    if (!smooth) this.enterChapter(index, true);
  }

  private sourceOf(story: unknown, src: string | undefined, inline: string | undefined, base: string | undefined): StorySource {
    if (story !== undefined && story !== null) return { kind: 'property', value: story, base };
    if (src) return { kind: 'url', url: src };
    if (inline !== undefined) return { kind: 'inline', text: inline, base };
    return { kind: 'none' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
    this.needsSetup = true;
    if (this.hasUpdated) this.requestUpdate(); // reconnected: set the map up again
    // Fetch MapLibre and the driver in parallel with the story (errors surface in startMap).
    prefetchMapLibre();
    loadDriver().catch(() => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.resizeFrame);
    clearTimeout(this.catchUpTimer);
    this.teardownMap();
  }

  private get loaded(): LoadedStory | undefined {
    const value = this.loader.status === LoadStatus.COMPLETE ? this.loader.value : undefined;
    return value?.ok ? value.loaded : undefined;
  }

  private get storyTheme(): 'light' | 'dark' {
    return this.attributeValues.check('theme', this.theme, isTheme, 'light or dark') ?? this.loaded?.story.layout?.theme ?? 'light';
  }

  private alignOf(state: ChapterState | undefined): AlignValue {
    const align = this.attributeValues.check('align', this.align, isAlign, 'left, right, center or full');
    return align ?? state?.align ?? this.loaded?.story.layout?.align ?? 'left';
  }

  private get mapMarginValue(): string {
    return this.attributeValues.check('map-margin', this.mapMargin, isMargin, 'a length in px or %, e.g. "100%" or "500px"') ?? DEFAULT_MAP_MARGIN;
  }

  /** The time each fetch may take, in ms. */
  private get timeoutMs(): number {
    // A non-numeric attribute becomes NaN: the warning quotes what the author wrote.
    const value = Number.isNaN(this.timeout) ? (this.getAttribute('timeout') ?? this.timeout) : this.timeout;
    return this.attributeValues.check('timeout', value, isTimeout, 'a number of milliseconds above 0, e.g. "20000"') ?? DEFAULT_TIMEOUT;
  }

  /** Where chapters become active, as a share of the viewport height. */
  private get triggerOffset(): number {
    return this.narrow ? 0.7 : 0.5;
  }

  // ---- rendering ------------------------------------------------------------------------

  /** How many chapters to render: the first few for a new long story, then all of them. */
  private chapterLimit(loaded: LoadedStory): number {
    if (loaded !== this.renderedFor) {
      this.renderedFor = loaded;
      const count = loaded.states.length;
      this.renderedChapters = count > LONG_STORY ? FIRST_RENDER_CHAPTERS : count;
      if (this.renderedChapters < loaded.states.length) {
        void afterPaint().then(() => {
          if (this.renderedFor !== loaded) return;
          this.paintedFor = loaded;
          this.renderedChapters = loaded.states.length;
          this.requestUpdate();
        });
      }
    }
    return this.renderedChapters;
  }

  /** True once every chapter of the loaded story is in the DOM (cards can be measured). */
  private get allRendered(): boolean {
    const loaded = this.loaded;
    return !!loaded && loaded === this.renderedFor && this.renderedChapters >= loaded.states.length;
  }

  override render(): TemplateResult {
    const result = this.loader.status === LoadStatus.COMPLETE ? this.loader.value : undefined;
    const loaded = result?.ok ? result.loaded : undefined;
    const story = loaded?.story;
    return html`
      ${story ? html`<a class="skip-link" part="skip-link" href="#" @click=${this.skip}>Skip past the map story</a>` : nothing}
      <div
        class="root"
        data-theme=${this.storyTheme}
        ?data-narrow=${this.narrow}
        ?data-exploring=${this.exploring}
        lang=${story?.lang ?? nothing}
        dir=${story?.dir ?? nothing}
      >
        <div class="map-area" part="map-area">
          <div class="map" part="map" role="region" aria-label=${story ? `Map: ${story.title}` : 'Map'}></div>
          ${this.renderMapStatus(loaded)}
          ${loaded && this.mapReady
            ? renderNav(this.activeIndex, loaded.states.length, this.exploring, {
                previous: () => this.goTo(Math.max(0, (this.activeIndex ?? 0) - 1)),
                next: () => this.goTo(Math.min(loaded.states.length - 1, (this.activeIndex ?? -1) + 1)),
                explore: () => this.setExploring(!this.exploring),
              })
            : nothing}
          ${story?.map?.inset ? html`<canvas class="inset" part="inset" aria-hidden="true"></canvas>` : nothing}
        </div>
        <div class="text" part="text" @keydown=${this.onKeydown}>
          ${result && !result.ok ? renderProblems(result.problems, result.file) : nothing}
          ${loaded && this.layerProblems.length ? renderProblems(this.layerProblems, loaded.file) : nothing}
          ${this.loader.status === LoadStatus.PENDING && !loaded ? html`<p class="card" role="status">Loading story…</p>` : nothing}
          ${this.loader.status === LoadStatus.ERROR ? renderProblems([this.unexpected(this.loader.error)], '') : nothing}
          ${story ? renderStory(story, loaded!.states, this.activeIndex, (s) => this.alignOf(s), this.chapterLimit(loaded!), loaded!.html) : nothing}
        </div>
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
      ${story ? html`<p class="story-end visually-hidden" tabindex="-1">End of the map story.</p>` : nothing}
    `;
  }

  private renderMapStatus(loaded: LoadedStory | undefined): TemplateResult | typeof nothing {
    if (!loaded) return nothing;
    if (this.mapReady) {
      return this.mapNotice ? html`<p class="map-status" part="map-status" role="status">${this.mapNotice}</p>` : nothing;
    }
    return html`<p class="map-status" part="map-status" role="status">${this.mapError ?? 'Loading map…'}</p>`;
  }

  /** A problem for an exception the load did not expect (a bug): said as it is, blaming nothing else. */
  private unexpected(error: unknown): StoryProblem {
    return { code: 'unreadable', message: messages.storyUnexpected(error instanceof Error ? error.message : String(error)), path: '' };
  }

  private readonly skip = (event: Event) => {
    event.preventDefault();
    const end = this.renderRoot.querySelector<HTMLElement>('.story-end');
    end?.scrollIntoView({ block: 'start', behavior: 'instant' });
    end?.focus({ preventScroll: true });
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    const states = this.loaded?.states;
    const target = event.target as HTMLElement;
    if (!states || event.altKey || event.ctrlKey || event.metaKey || !target.classList.contains('chapter')) return;
    const current = Number(target.dataset['index'] ?? this.activeIndex ?? 0);
    const moves: Record<string, number> = {
      ArrowDown: current + 1, PageDown: current + 1, j: current + 1,
      ArrowUp: current - 1, PageUp: current - 1, k: current - 1,
      Home: 0, End: states.length - 1,
    };
    const to = Object.hasOwn(moves, event.key) ? moves[event.key] : undefined;
    if (to === undefined) return;
    event.preventDefault();
    this.goTo(Math.max(0, Math.min(states.length - 1, to)), { focus: true });
  };

  // ---- lifecycle after render -----------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('story') || changed.has('src') || changed.has('base') || changed.has('theme')) this.needsSetup = true;
    if (changed.has('mapMargin') && this.hasUpdated) this.nearness.refresh();
    if (changed.has('fullResolution')) this.driver?.setAdaptiveResolution(!this.fullResolution);
  }

  /** Creates the map when the story nears the viewport; releases it when far away. */
  private onNear(near: boolean): void {
    const loaded = this.loaded;
    if (!loaded || this.needsSetup) return; // setup() starts the map if the story is near by then
    if (near && !this.driver && this.mapRun === this.mapRunStarted) void this.startMap(loaded);
    if (!near && (this.driver || this.mapRun !== this.mapRunStarted)) this.releaseMap();
  }

  protected override updated(): void {
    const result = this.loader.status === LoadStatus.COMPLETE ? this.loader.value : undefined;
    if (result && result !== this.firedFor) {
      this.firedFor = result;
      this.needsSetup = true;
      if (!result.ok) {
        this.teardownMap();
        this.steps.release();
        this.fireProblems(result.problems);
      }
    }
    // An exception in the load fires once, on the first load too.
    if (this.loader.status === LoadStatus.ERROR && this.loader.error !== this.firedError) {
      this.firedError = this.loader.error;
      this.firedFor = undefined;
      this.fireProblems([this.unexpected(this.loader.error)]);
    }
    const loaded = this.loaded;
    if (loaded && this.needsSetup && this.isConnected && !this.allRendered && this.nearness.near) this.prepareMap(loaded);
    if (loaded && this.needsSetup && this.isConnected && this.allRendered) {
      this.needsSetup = false;
      this.setup(loaded);
    }
  }

  private fireProblems(problems: StoryProblem[]): void {
    if (problems.length === 0) return;
    fire(this, 'map-story-error', { ...problems[0]!, problems });
  }

  private setup(loaded: LoadedStory): void {
    const previous = this.shown;
    const sameTheme = this.shownTheme === this.storyTheme;
    this.shown = loaded;
    this.shownTheme = this.storyTheme;
    this.measure();
    this.motion = new StoryMotion(loaded.states, this.boxes, this.size.width);
    this.steps.observe(this.cards, this.triggerOffset);
    // A new version of the same story whose map is unchanged (e.g. edited text) keeps the map
    // and the reader's place; anything else starts a new map.
    if (this.driver && previous && sameTheme && sameMap(previous.story, loaded.story)) {
      this.driver.updateStory(loaded.story);
      if ((this.activeIndex ?? 0) >= loaded.states.length) this.activeIndex = loaded.states.length - 1;
      this.reapply();
      fire(this, 'map-story-ready', { title: loaded.story.title, chapters: loaded.story.chapters.length });
      return;
    }
    this.activeIndex = undefined;
    this.releaseMap();
    if (this.nearness.near) void this.startMap(loaded);
  }

  /** The chapter `#id` in the page URL opens (with the `hash` attribute), or -1. */
  private hashIndex(loaded: LoadedStory): number {
    const id = this.hash ? hashId(location.hash) : undefined;
    return id === undefined ? -1 : loaded.states.findIndex((s) => s.id === id);
  }

  /**
   * Starts loading what the map's first view needs (MapLibre, the basemap data it draws), so
   * a long story's map need not wait for all its chapters to be rendered. Loads are shared.
   */
  private prepareMap(loaded: LoadedStory): void {
    const index = this.hashIndex(loaded);
    const state = loaded.states[index >= 0 ? index : 0]!;
    const style = loaded.story.map?.style;
    if (style === undefined || style === 'embedded') prefetchBasemap((this.narrow ? state.cameraMobile : state.camera).zoom);
    loadMapLibre().catch(() => {}); // errors surface when the map is created
  }

  private async startMap(loaded: LoadedStory): Promise<void> {
    const run = ++this.mapRun;
    this.mapRunStarted = run - 1;
    this.driver?.destroy();
    this.driver = undefined;
    this.mapNotice = undefined;
    if (this.layerProblems.length) this.layerProblems = [];
    const container = this.renderRoot.querySelector<HTMLElement>('.map')!;
    const hashIndex = this.hashIndex(loaded);
    const state = loaded.states[hashIndex >= 0 ? hashIndex : 0]!;
    this.prepareMap(loaded);
    try {
      const painted = this.paintedFor === loaded ? undefined : afterPaint();
      const [{ MapDriver }, [, css]] = await Promise.all([loadDriver(), loadMapLibre(), painted]);
      if (run !== this.mapRun) return;
      this.adoptMapCss(css);
      const driver = await MapDriver.create(
        {
          container,
          story: loaded.story,
          theme: this.storyTheme,
          timeout: this.timeoutMs,
          onError: (code, reason) => this.mapProblem(code, reason, loaded.story),
          // The mapping to story problems loads only when a story has layer errors.
          onLayerErrors: (errors) =>
            void import('./story/style-problems.js').then(
              ({ styleProblems }) => {
                if (run !== this.mapRun) return;
                this.layerProblems = styleProblems(errors, loaded.file, loaded.story);
                this.fireProblems(this.layerProblems);
              },
              () => {
                // The mapping could not load: the errors are still shown and fired, as MapLibre said them.
                if (run !== this.mapRun) return;
                this.layerProblems = errors.map((e) => ({ code: 'invalid-style', message: messages.invalidStyle(e.message), path: '', file: loaded.file }));
                this.fireProblems(this.layerProblems);
              },
            ),
        },
        state,
        this.paddingFor(state),
        this.narrow,
      );
      if (run !== this.mapRun || !this.isConnected) {
        driver.destroy();
        return;
      }
      this.driver = driver;
      driver.setAdaptiveResolution(!this.fullResolution);
      this.mapReady = true;
      const current = loaded.states[this.activeIndex ?? state.index]!;
      this.applyState(current, true);
      // What the first view does not need waits until it is drawn.
      void driver.firstView.then(() => {
        if (run !== this.mapRun) return;
        if (loaded.story.map?.inset) void this.startLocator(driver, run);
        return driver.warmUp(loaded.states);
      }).catch(() => {}); // best effort: a failed warm-up only means a later compile
      if (hashIndex >= 0) this.goTo(hashIndex, { smooth: false });
      this.frames.request();
      fire(this, 'map-story-ready', { title: loaded.story.title, chapters: loaded.story.chapters.length });
    } catch (error) {
      if (run !== this.mapRun) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.mapProblem('map-failed', reason, loaded.story);
    }
  }

  private async startLocator(driver: MapDriver, run: number): Promise<void> {
    await this.updateComplete;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.inset');
    if (!canvas || run !== this.mapRun) return;
    const { Locator } = await import('./map/locator.js');
    if (run !== this.mapRun) return;
    const locator = new Locator(canvas, this.storyTheme);
    this.locator = locator;
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (this.locator === locator && this.driver === driver) locator.draw(driver.viewBounds());
    };
    driver.map.on('move', () => {
      if (!frame) frame = requestAnimationFrame(draw);
    });
    draw();
    const land = await driver.coarseLand().catch(() => undefined);
    if (land && this.locator === locator) {
      locator.setLand(land);
      draw();
    }
  }

  private mapProblem(code: 'map-failed' | 'style-failed' | 'data-failed', reason: string, story: Story): void {
    const style = typeof story.map?.style === 'string' ? story.map.style : 'inline style';
    const message =
      code === 'map-failed' ? messages.mapFailed(reason) : code === 'style-failed' ? messages.styleFailed(style, reason) : messages.dataFailed(reason);
    if (code === 'map-failed') this.mapError = message;
    if (code === 'style-failed') this.mapNotice = message;
    // Data that did not load (a story source, the basemap's files) leaves part of the map empty:
    // readers and authors see why on the map, not only in an event. The first notice stays.
    if (code === 'data-failed') this.mapNotice ??= message;
    this.fireProblems([{ code, message, path: code === 'style-failed' ? 'map.style' : '', file: this.loaded?.file }]);
  }

  private adoptMapCss(css: string): void {
    const root = this.renderRoot as ShadowRoot & { _mapCss?: boolean };
    if (root._mapCss) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
    root._mapCss = true;
  }

  /** Removes the map (and its WebGL context) but keeps the story. */
  private releaseMap(): void {
    this.mapRun++;
    this.mapRunStarted = this.mapRun;
    this.driver?.destroy();
    this.driver = undefined;
    this.locator = undefined;
    this.mapReady = false;
    this.exploring = false;
  }

  private teardownMap(): void {
    this.releaseMap();
    this.needsSetup = true;
    this.mapReady = false;
    this.mapError = undefined;
    this.mapNotice = undefined;
    this.exploring = false;
  }

  // ---- chapters and motion --------------------------------------------------------------

  /** The trigger line's position in the element's coordinates (one layout read). */
  private triggerX(): number {
    return this.triggerOffset * innerHeight - this.getBoundingClientRect().top;
  }

  private enterChapter(index: number, instant = false): void {
    const loaded = this.loaded;
    const state = loaded?.states[index];
    if (!loaded || !state || index === this.activeIndex) return;
    const previous = this.activeIndex;
    const direction = previous === undefined || index > previous ? 'down' : 'up';
    this.activeIndex = index;
    if (previous !== undefined) {
      fire(this, 'map-story-chapter-exit', { index: previous, chapterId: loaded.states[previous]!.id, direction });
    }
    if (this.exploring) this.applyState(state, instant, false);
    else this.showState(state, instant);
    if (this.hash) history.replaceState(history.state, '', `#${encodeURIComponent(state.id)}`);
    const chapter = loaded.story.chapters[index]!;
    this.announcement = `${chapter.title ?? `Chapter ${index + 1}`}. ${chapter.mapDescription ?? describeCamera(this.narrow ? state.cameraMobile : state.camera)}`;
    fire(this, 'map-story-chapter-enter', { index, chapterId: state.id, direction });
    this.frames.request();
  }

  /** Once per frame at most, after scrolling: scrubbed camera, drawn lines, progress events. */
  private onFrame(): void {
    const loaded = this.loaded;
    if (!loaded || !this.motion) return;
    const x = this.triggerX();
    // Cards a jump carried past the line unseen by scrollama: the chapter catches up once the
    // scroll has rested there for REST_MS (a fast scroll passes many cards; entering each
    // would start flights nobody sees).
    const now = performance.now();
    if (x !== this.lastX) {
      this.lastX = x;
      this.movedAt = now;
    }
    const at = this.motion.chapterAt(x, this.activeIndex);
    if (at !== undefined && at !== this.activeIndex) {
      const wait = this.movedAt + REST_MS - now;
      if (wait <= 0) this.enterChapter(at);
      else {
        clearTimeout(this.catchUpTimer);
        this.catchUpTimer = setTimeout(() => this.frames.request(), wait);
      }
    }
    const driver = this.driver;
    if (driver) {
      const moving = this.motion.frame(
        {
          resolve: (s) => driver.resolveCamera(s, this.paddingFor(s), this.narrow),
          current: () => driver.currentCamera(),
          jumpTo: (t) => driver.jumpTo(t),
          setLineProgress: (layer, f, head) => driver.setLineProgress(layer, f, head),
        },
        x,
        !this.exploring && !reducedMotion(),
        now,
      );
      if (moving) this.frames.request(); // the scrubbed camera glides on after the scroll stops
    }
    const index = this.activeIndex;
    if (index !== undefined) {
      const progress = Math.round(this.motion.progressOf(index, x) * 1000) / 1000;
      const key = `${index}:${progress}`;
      if (key !== this.lastProgress) {
        this.lastProgress = key;
        fire(this, 'map-story-progress', { index, chapterId: loaded.states[index]!.id, progress });
      }
    }
  }

  private setExploring(on: boolean): void {
    const loaded = this.loaded;
    if (!this.driver || !loaded) return;
    this.exploring = on;
    this.driver.setInteractive(on || (loaded.story.map?.interactive ?? false));
    if (!on) this.showState(loaded.states[this.activeIndex ?? 0]!, reducedMotion());
  }

  // ---- layout ---------------------------------------------------------------------------

  private onResize(): void {
    const narrow = this.getBoundingClientRect().width < NARROW_WIDTH;
    if (narrow !== this.narrow) {
      this.narrow = narrow;
      void this.updateComplete.then(() => {
        this.measure();
        this.steps.observe(this.cards, this.triggerOffset);
        this.reapply();
      });
    } else {
      const before = this.size;
      this.measure();
      // The map changed size within the same layout (a window resized, a column that grew):
      // the chapter's view is fitted again, its padding and label sides with it. On a narrow
      // layout a change of height alone is the browser's toolbar showing or hiding while the
      // reader scrolls, which MapLibre's own resize handles.
      const { width, height } = this.size;
      if (before.width && (width !== before.width || (!narrow && height !== before.height))) this.refit();
    }
  }

  /** Fits the current chapter's view to a new map size: at once when the camera rests, else
   *  by re-aiming the flight (or glide) under way, so a resize never cuts a camera move short. */
  private refit(): void {
    const state = this.loaded?.states[this.activeIndex ?? 0];
    if (!state || !this.driver || this.exploring) return;
    this.driver.resize(); // MapLibre's own resize is throttled: fit to the size the map has now
    if (!this.driver.map.isMoving() && state.transition.type !== 'scrub') this.applyState(state, true);
    else this.showState(state, false);
  }

  /** Reads layout once per resize (never while scrolling): map size, text columns, card boxes. */
  private measure(): void {
    this.cards = [...this.renderRoot.querySelectorAll<HTMLElement>('.chapter')];
    const area = this.renderRoot.querySelector<HTMLElement>('.map-area');
    if (!area) return;
    const box = area.getBoundingClientRect();
    const host = this.getBoundingClientRect();
    this.size = { width: box.width, height: box.height };
    this.boxes = this.cards.map((c) => {
      const r = c.getBoundingClientRect();
      return { top: r.top - host.top, height: r.height };
    });
    this.columns = {};
    for (const card of this.renderRoot.querySelectorAll<HTMLElement>('.card[data-align]')) {
      const align = card.dataset['align'] as AlignValue;
      if (this.columns[align]) continue;
      const r = card.getBoundingClientRect();
      this.columns[align] = { left: r.left - box.left, right: r.right - box.left };
    }
    this.motion?.relayout(this.boxes, this.size.width);
    this.frames.request();
  }

  /**
   * Makes `scrollIntoView` put a card's middle on the trigger line, wherever the page scrolls.
   * Uses the measured height (no layout read) and writes only a changed value.
   */
  private setScrollMargin(card: HTMLElement, height: number): void {
    const margin = `${Math.round(this.triggerOffset * innerHeight - height / 2)}px`;
    if (card.style.scrollMarginTop !== margin) card.style.scrollMarginTop = margin;
  }

  private paddingFor(state: ChapterState): Padding {
    const align = this.alignOf(state);
    const card = { height: this.boxes[state.index]?.height ?? this.size.height * 0.3, offset: this.triggerOffset };
    const padding = paddingForText(this.size.width, this.size.height, this.columns[align], align, this.narrow, card);
    // Keep targets clear of the navigation bar along the top edge.
    return { ...padding, top: padding.top + CONTROLS_HEIGHT };
  }

  private reapply(): void {
    const state = this.loaded?.states[this.activeIndex ?? 0];
    if (state && !this.exploring) this.applyState(state, true);
  }

  /**
   * Shows a chapter's map state with its transition. A scrubbed chapter's camera is the
   * scroll's: it glides to where the scroll is (`StoryMotion`), never cuts, unless `instant`.
   */
  private showState(state: ChapterState, instant: boolean): void {
    const glide = !instant && !reducedMotion() && state.transition.type === 'scrub' && !!this.motion;
    this.applyState(state, instant, !glide);
    if (!glide) return;
    this.motion!.land(state.index);
    this.frames.request();
  }

  /** Shows a chapter's map state; moving the camera there takes it from the scrubbed camera. */
  private applyState(state: ChapterState, instant: boolean, moveCamera = true): void {
    if (!this.driver) return;
    this.driver.apply(state, this.paddingFor(state), this.narrow, instant, moveCamera);
    if (moveCamera) this.motion?.release();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'map-story': MapStory;
  }
}
