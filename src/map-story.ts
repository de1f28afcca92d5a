import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { AttributeValues, DEFAULT_MAP_MARGIN } from './attribute-values.js';
import { chapterExtras } from './compare/chapter-extras.js';
import { fire } from './events.js';
import { styles } from './map-story.styles.js';
import type { MapDriver } from './map/map-driver.js';
import { loadDriver, MapSession } from './map/map-session.js';
import { prefetchMapLibre } from './map/load-maplibre.js';
import { NearViewport } from './scroll/near-viewport.js';
import { Reading } from './scroll/reading.js';
import type { ChapterState } from './story/chapter-states.js';
import { StoryLoader } from './source/story-loader.js';
import type { LoadedStory } from './story/load.js';
import type { StoryProblem } from './story/messages.js';
import type { AlignValue, StoryInput } from './story/schema.js';
import { mapLabel, strings as english } from './story/strings.js';
import { DEFAULT_TIMEOUT } from './story/timeout.js';
import { ProgressiveChapters } from './view/progressive-chapters.js';
import { StoryLayout } from './view/story-layout.js';
import { renderNav, renderProblems, renderStory } from './view/story-view.js';

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
 * and previous chapter, Home and End to the first and last. In explore mode a comparison's divider
 * moves with the arrow keys, PageUp/PageDown, Home and End. Controls and notices are in the
 * story's `lang` (English and Arabic built in), with its `strings` overriding any of them.
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
 * @csspart inset - The locator map (a story with `map.inset`, on wide layouts: phones never load or draw it).
 * @csspart text - The column of text cards.
 * @csspart header - The title card.
 * @csspart chapter - Each chapter card (the active one also has part `chapter-active`).
 * @csspart credits - The credits card.
 * @csspart errors - The list of story problems.
 * @csspart skip-link - The link that skips past the story (visible on focus).
 * @csspart sources - The closed "Sources for the map" list in a chapter whose markers name their sources.
 * @csspart compare - Over the map in a comparison chapter (`compare`): the divider and the sides' labels.
 * @csspart compare-divider - The comparison divider (`role="slider"`; dragged or moved by arrow keys in explore mode).
 * @csspart compare-label - The label of each side of a comparison.
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
  /** @internal Chapters written in HTML are shown in their cards by slot assignment (the page's DOM is not touched). */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, slotAssignment: 'manual' };

  static override properties = {
    src: { type: String, reflect: true },
    story: { attribute: false },
    theme: { type: String, reflect: true },
    align: { type: String, reflect: true },
    hash: { type: Boolean, reflect: true },
    mapMargin: { type: String, attribute: 'map-margin' },
    base: { type: String },
    timeout: { type: Number },
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
  /** Base URL for the relative URLs (data, media, styles) of a story given as the `story` property or inline. Default: the page. */
  declare base: string | undefined;
  /**
   * How long, in ms, each fetch (the story's `src`, a `map.style` URL, the story's map data)
   * may take before it counts as failed (the story: an error; a style: the embedded basemap;
   * map data: a notice on the map). Default 20000 (20 s).
   */
  declare timeout: number;

  readonly #attributeValues = new AttributeValues();
  readonly #chapters = new ProgressiveChapters(this);
  readonly #layout: StoryLayout = new StoryLayout(this, {
    onNarrow: () => {
      this.#reading.watchCards();
      this.#reading.reapply();
    },
    onMapResize: () => this.#reading.refit(),
    onMeasured: (boxes, width) => this.#reading.relayout(boxes, width),
  });
  readonly #session: MapSession = new MapSession(this, {
    theme: () => this.#storyTheme,
    timeout: () => this.#timeoutMs,
    narrow: () => this.#layout.narrow,
    framing: (state) => this.#layout.framing(state, this.#alignOf(state)),
    file: () => this.#loaded?.file,
    onStarted: (loaded, first) => {
      this.#reading.mapStarted(loaded, first);
      this.#fireReady(loaded);
    },
    onProblems: (problems) => this.#fireProblems(problems),
  });
  readonly #reading: Reading = new Reading(this, {
    loaded: () => this.#loaded,
    driver: () => this.#session.driver,
    exploring: () => this.#session.exploring,
    hash: () => this.hash,
    framing: (state) => this.#layout.framing(state, this.#alignOf(state)),
    layout: this.#layout,
  });
  readonly #nearness = new NearViewport(this, () => this.#attributeValues.mapMargin(this.mapMargin), (near) => this.#onNear(near));
  readonly #loader = new StoryLoader(this, () => this.#timeoutMs);
  /** The story must be (re)shown once all its chapters are rendered: a new load, story or theme, a reconnect. */
  #needsSetup = false;

  constructor() {
    super();
    this.hash = false;
    this.mapMargin = DEFAULT_MAP_MARGIN;
    this.timeout = DEFAULT_TIMEOUT;
    chapterExtras(this, { loaded: () => this.#loaded, map: () => this.map, active: () => this.chapterIndex, exploring: () => this.#session.exploring, theme: () => this.#storyTheme });
  }

  /** The MapLibre map, once created (read-only; `undefined` before the map loads or without WebGL). */
  get map(): MapDriver['map'] | undefined {
    return this.#session.driver?.map;
  }

  /** The index of the active chapter, or `undefined` before the reader reaches one. */
  get chapterIndex(): number | undefined { return this.#reading.active; }

  /**
   * Resolves once the map has drawn its first view (basemap included; or at the `timeout`, when
   * map data never answers) and, unless `stage` is `'first-view'`, prepared what later chapters
   * show (see `map/warm-up.ts`): then no chapter change waits for data or shader compiles. At
   * once when there is no map. For screenshots and tests.
   */
  async mapSettled(stage: 'first-view' | 'prepared' = 'prepared'): Promise<void> {
    const driver = this.#session.driver;
    await driver?.firstView;
    if (stage === 'prepared') await driver?.prepared;
  }

  /**
   * Scrolls the page to a chapter (by index or id) and makes it active.
   * `smooth` scrolls smoothly unless the reader prefers reduced motion.
   */
  goTo(chapter: number | string, options: { smooth?: boolean; focus?: boolean } = {}): void {
    this.#reading.goTo(chapter, options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#needsSetup = true;
    if (this.hasUpdated) this.requestUpdate(); // reconnected: set the map up again
    // Fetch MapLibre and the driver in parallel with the story (errors surface when the map starts).
    prefetchMapLibre();
    loadDriver().catch(() => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#needsSetup = true;
  }

  get #loaded(): LoadedStory | undefined { return this.#loader.loaded; }

  get #storyTheme(): 'light' | 'dark' {
    return this.#attributeValues.theme(this.theme) ?? this.#loaded?.story.layout?.theme ?? 'light';
  }

  #alignOf(state: ChapterState | undefined): AlignValue {
    return this.#attributeValues.align(this.align) ?? state?.align ?? this.#loaded?.story.layout?.align ?? 'left';
  }

  /** The time each fetch may take, in ms. */
  get #timeoutMs(): number {
    return this.#attributeValues.timeout(this.timeout, this.getAttribute('timeout'));
  }

  override render(): TemplateResult {
    const [loader, session, reading] = [this.#loader, this.#session, this.#reading];
    const result = loader.result;
    const loaded = loader.loaded;
    const story = loaded?.story;
    const strings = loaded?.strings ?? english;
    return html`
      ${story ? html`<a class="skip-link" part="skip-link" href="#" @click=${this.#skip}>${strings.skipLink}</a>` : nothing}
      <div class="root" data-theme=${this.#storyTheme} ?data-narrow=${this.#layout.narrow} ?data-exploring=${session.exploring} lang=${story?.lang ?? nothing} dir=${story?.dir ?? nothing}>
        <div class="map-area" part="map-area">
          <div class="map" part="map" role="region" aria-label=${mapLabel(strings, story?.title)}></div>
          ${loaded && (!session.ready || session.notice)
            ? html`<p class="map-status" part="map-status" role="status" dir=${strings.dir}>${session.ready ? session.notice : (session.error ?? strings.loadingMap)}</p>`
            : nothing}
          ${loaded && session.ready
            ? renderNav(reading.active, loaded.states.length, session.exploring, {
                previous: () => reading.step(-1),
                next: () => reading.step(1),
                explore: () => this.#explore(!session.exploring),
              }, strings)
            : nothing}
          ${story?.map?.inset && !this.#layout.narrow ? html`<canvas class="inset" part="inset" aria-hidden="true"></canvas>` : nothing}
        </div>
        <div class="text" part="text" @keydown=${reading.onKeydown}>
          ${result && !result.ok ? renderProblems(result.problems, result.file) : nothing}
          ${loaded && session.layerProblems.length ? renderProblems(session.layerProblems, loaded.file) : nothing}
          ${loader.pending && !loaded ? html`<p class="card" role="status">${strings.loadingStory}</p>` : nothing}
          ${loader.failure ? renderProblems([loader.failure], '') : nothing}
          ${loaded ? renderStory(loaded.story, loaded.states, reading.active, (s) => this.#alignOf(s), { limit: this.#chapters.limit(loaded), safe: loaded.html, slotted: !!loaded.slotted, strings }) : nothing}
        </div>
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">${reading.announcement}</div>
      </div>
      ${story ? html`<p class="story-end visually-hidden" tabindex="-1">${strings.storyEnd}</p>` : nothing}
    `;
  }

  readonly #skip = (event: Event) => {
    event.preventDefault();
    const end = this.renderRoot.querySelector<HTMLElement>('.story-end');
    end?.scrollIntoView({ block: 'start', behavior: 'instant' });
    end?.focus({ preventScroll: true });
  };

  #explore(on: boolean): void {
    const loaded = this.#loaded;
    if (!loaded || !this.#session.driver) return;
    this.#session.explore(on, loaded.story);
    if (!on) this.#reading.resume();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('story') || changed.has('src') || changed.has('base') || changed.has('theme')) this.#needsSetup = true;
    if (changed.has('mapMargin') && this.hasUpdated) this.#nearness.refresh();
  }

  /** Creates the map when the story nears the viewport; releases it when far away. */
  #onNear(near: boolean): void {
    const loaded = this.#loaded;
    if (!loaded || this.#needsSetup) return; // setup() starts the map if the story is near by then
    if (near && !this.#session.active) void this.#startMap(loaded);
    if (!near && this.#session.active) this.#session.release();
  }

  #startMap(loaded: LoadedStory): Promise<void> {
    return this.#session.start(loaded, this.#reading.opening(loaded), this.#chapters.painted(loaded));
  }

  protected override updated(): void {
    const slotted = this.#loaded?.slotted;
    for (const slot of slotted ? this.renderRoot.querySelectorAll<HTMLSlotElement>('slot[data-index]') : []) {
      const chapter = slotted![Number(slot.dataset['index'])]!;
      if (slot.assignedNodes()[0] !== chapter) slot.assign(chapter);
    }
    const { result, problem } = this.#loader.news();
    if (result) this.#needsSetup = true;
    if (result && !result.ok) {
      this.#session.teardown();
      this.#reading.stop();
      this.#fireProblems(result.problems);
    }
    if (problem) this.#fireProblems([problem]); // an exception in the load fires once, on the first load too
    const loaded = this.#loaded;
    if (!loaded || !this.#needsSetup || !this.isConnected) return;
    if (!this.#chapters.all(loaded)) {
      if (this.#nearness.near) this.#session.prepare(loaded, this.#reading.opening(loaded));
      return;
    }
    this.#needsSetup = false;
    this.#setup(loaded);
  }

  #fireReady({ story }: LoadedStory): void { fire(this, 'map-story-ready', { title: story.title, chapters: story.chapters.length }); }

  #fireProblems(problems: StoryProblem[]): void { if (problems.length) fire(this, 'map-story-error', { ...problems[0]!, problems }); }

  /** Shows a story whose chapters are all rendered: measured, watched, and on the map. */
  #setup(loaded: LoadedStory): void {
    this.#layout.measure();
    this.#reading.begin(loaded, this.#layout.boxes, this.#layout.size.width);
    // A new version of the same story whose map is unchanged (e.g. edited text) keeps the map
    // and the reader's place; anything else starts a new map.
    if (this.#session.keeps(loaded)) {
      this.#session.keep(loaded);
      this.#reading.reapply();
      this.#fireReady(loaded);
      return;
    }
    this.#reading.restart();
    this.#session.release();
    if (this.#nearness.near) void this.#startMap(loaded);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'map-story': MapStory;
  }
}
