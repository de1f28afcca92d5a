import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task, TaskStatus } from '@lit/task';
import { fire } from './events.js';
import { styles } from './map-story.styles.js';
import { describeCamera, paddingForText, type Padding } from './map/camera.js';
import { MapDriver, loadMapLibre } from './map/map-driver.js';
import { prefetchBasemap } from './basemap/embedded-style.js';
import { ScrollSteps } from './scroll/scroll-steps.js';
import type { ChapterState } from './story/chapter-states.js';
import { loadStory, type LoadedStory, type LoadResult, type StorySource } from './story/load.js';
import { messages, type StoryProblem } from './story/messages.js';
import { isPlainText, paragraphs, sanitizeHtml } from './story/sanitize.js';
import { styleProblems } from './story/style-problems.js';
import type { Chapter, Story } from './story/schema.js';

/** Below this width (of the element, not the window) text becomes cards over a full-bleed map. */
export const NARROW_WIDTH = 700;

type AlignValue = 'left' | 'right' | 'center' | 'full';
type Column = { left: number; right: number };

/**
 * A scroll-driven map story: chapters of text scroll past a sticky MapLibre map, which moves
 * to each chapter's camera and shows its layers.
 *
 * The story comes from the `story` property, the `src` attribute, or a
 * `<script type="application/json">` child, in that order of precedence.
 *
 * @fires map-story-ready - The story is shown and its map has loaded. Detail: `{title, chapters}`.
 * @fires map-story-chapter-enter - A chapter became active. Detail: `{index, id, direction}`.
 * @fires map-story-chapter-exit - A chapter stopped being active. Detail: `{index, id, direction}`.
 * @fires map-story-error - The story or its map has a problem. Detail: `{code, message, path, chapterId, file, problems}`.
 *
 * @csspart map-area - The sticky area holding the map.
 * @csspart map - The map container.
 * @csspart map-status - The map's loading or failure notice.
 * @csspart text - The column of text cards.
 * @csspart header - The title card.
 * @csspart chapter - Each chapter card (the active one also has part `chapter-active`).
 * @csspart credits - The credits card.
 * @csspart errors - The list of story problems.
 *
 * @cssprop --map-story-background - Page background behind the map. Default `#f7f5f0` (dark: `#11181f`).
 * @cssprop --map-story-card-background - Text card background. Default near-white (dark: near-black).
 * @cssprop --map-story-text-color - Text colour. Default `#1d232a` (dark: `#e8edf1`).
 * @cssprop --map-story-muted-color - Secondary text colour. Default `#4f5a64` (dark: `#b4bfc8`).
 * @cssprop --map-story-accent-color - Links and dates. Default `#b23a0e` (dark: `#ff9e7a`).
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
    narrow: { state: true },
    activeIndex: { state: true },
    mapReady: { state: true },
    mapError: { state: true },
    mapNotice: { state: true },
    layerProblems: { state: true },
  };

  /** URL of the story JSON, resolved against the page. */
  declare src: string | undefined;
  /** The story as an object; takes precedence over `src`. */
  declare story: unknown;
  /** `light` or `dark`; overrides the story's `layout.theme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** `left`, `right`, `center` or `full`; overrides the story's `layout.align`. */
  declare align: AlignValue | undefined;

  declare private narrow: boolean;
  declare private activeIndex: number | undefined;
  declare private mapReady: boolean;
  declare private mapError: string | undefined;
  declare private mapNotice: string | undefined;
  declare private layerProblems: StoryProblem[];

  private inlineText: string | undefined;
  private driver: MapDriver | undefined;
  private mapRun = 0;
  private needsSetup = false;
  private firedFor: LoadResult | undefined;
  private columns: Partial<Record<AlignValue, Column>> = {};
  private cardHeights: number[] = [];
  private size = { width: 0, height: 0 };
  private readonly steps = new ScrollSteps(this, (index) => this.enterChapter(index));
  /** Layout changes are handled in the next frame: changing layout inside a ResizeObserver
   *  callback makes browsers report "ResizeObserver loop completed" errors to the page. */
  private resizeFrame = 0;
  private readonly resizeObserver = new ResizeObserver(() => {
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = requestAnimationFrame(() => this.onResize());
  });
  private announcement = '';

  private readonly loader = new Task(this, {
    task: ([story, src, inline], { signal }) => loadStory(this.sourceOf(story, src, inline), signal),
    args: () => [this.story, this.src, this.inlineText] as const,
  });

  constructor() {
    super();
    this.narrow = false;
    this.activeIndex = undefined;
    this.mapReady = false;
    this.mapError = undefined;
    this.mapNotice = undefined;
    this.layerProblems = [];
  }

  /** The MapLibre map, once created (read-only; `undefined` before the map loads or without WebGL). */
  get map(): MapDriver['map'] | undefined {
    return this.driver?.map;
  }

  /** The index of the active chapter, or `undefined` before the reader reaches one. */
  get chapterIndex(): number | undefined {
    return this.activeIndex;
  }

  private sourceOf(story: unknown, src: string | undefined, inline: string | undefined): StorySource {
    if (story !== undefined && story !== null) return { kind: 'property', value: story };
    if (src) return { kind: 'url', url: src };
    if (inline !== undefined) return { kind: 'inline', text: inline };
    return { kind: 'none' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const script = this.querySelector(':scope > script[type="application/json"]');
    this.inlineText = script?.textContent ?? undefined;
    this.resizeObserver.observe(this);
    this.needsSetup = true;
    if (this.hasUpdated) this.requestUpdate(); // reconnected: set the map up again
    void loadMapLibre(); // start fetching MapLibre in parallel with the story
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.resizeFrame);
    this.teardownMap();
  }

  private get loaded(): LoadedStory | undefined {
    const value = this.loader.status === TaskStatus.COMPLETE ? this.loader.value : undefined;
    return value?.ok ? value.loaded : undefined;
  }

  private get storyTheme(): 'light' | 'dark' {
    return this.theme ?? this.loaded?.story.layout?.theme ?? 'light';
  }

  private alignOf(state: ChapterState | undefined): AlignValue {
    return this.align ?? state?.align ?? this.loaded?.story.layout?.align ?? 'left';
  }

  // ---- rendering ------------------------------------------------------------------------

  override render(): TemplateResult {
    const result = this.loader.status === TaskStatus.COMPLETE ? this.loader.value : undefined;
    const loaded = result?.ok ? result.loaded : undefined;
    const story = loaded?.story;
    return html`
      <div
        class="root"
        data-theme=${this.storyTheme}
        ?data-narrow=${this.narrow}
        lang=${story?.lang ?? nothing}
        dir=${story?.dir ?? nothing}
      >
        <div class="map-area" part="map-area">
          <div class="map" part="map" role="region" aria-label=${story ? `Map: ${story.title}` : 'Map'}></div>
          ${this.renderMapStatus(loaded)}
        </div>
        <div class="text" part="text">
          ${result && !result.ok ? this.renderProblems(result.problems, result.file) : nothing}
          ${loaded && this.layerProblems.length ? this.renderProblems(this.layerProblems, loaded.file) : nothing}
          ${this.loader.status === TaskStatus.PENDING && !loaded
            ? html`<p class="card" role="status">Loading story…</p>`
            : nothing}
          ${this.loader.status === TaskStatus.ERROR ? this.renderProblems([this.unexpected(this.loader.error)], '') : nothing}
          ${story ? this.renderStory(story, loaded!.states) : nothing}
        </div>
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  private renderMapStatus(loaded: LoadedStory | undefined): TemplateResult | typeof nothing {
    if (!loaded) return nothing;
    if (this.mapReady) {
      return this.mapNotice ? html`<p class="map-status" part="map-status" role="status">${this.mapNotice}</p>` : nothing;
    }
    return html`<p class="map-status" part="map-status" role="status">${this.mapError ?? 'Loading map…'}</p>`;
  }

  private renderStory(story: Story, states: ChapterState[]): TemplateResult {
    const headerAlign = this.alignOf(states[0]);
    return html`
      <header class="card intro" part="header" data-align=${headerAlign}>
        <h1>${story.title}</h1>
        ${story.subtitle ? html`<p class="subtitle">${story.subtitle}</p>` : nothing}
        ${story.byline ? html`<p class="byline">${story.byline}</p>` : nothing}
        ${story.date ? html`<p class="byline">${story.date}</p>` : nothing}
      </header>
      ${story.chapters.map((chapter, i) => this.renderChapter(chapter, states[i]!, i))}
      ${story.credits?.length
        ? html`<footer class="card credits" part="credits" data-align=${headerAlign}>
            <h2>Sources and credits</h2>
            <ul>
              ${story.credits.map(
                (c) => html`<li>${c.url ? html`<a href=${c.url} rel="noopener noreferrer" target="_blank">${c.text}</a>` : c.text}</li>`,
              )}
            </ul>
          </footer>`
        : nothing}
    `;
  }

  private renderChapter(chapter: Chapter, state: ChapterState, index: number): TemplateResult {
    const active = index === this.activeIndex;
    return html`
      <section
        class="card chapter"
        part=${active ? 'chapter chapter-active' : 'chapter'}
        id=${`chapter-${chapter.id}`}
        data-index=${index}
        data-align=${this.alignOf(state)}
        aria-current=${active ? 'step' : nothing}
        aria-labelledby=${chapter.title ? `title-${chapter.id}` : nothing}
      >
        ${chapter.date ? html`<p class="date">${chapter.date}</p>` : nothing}
        ${chapter.title ? html`<h2 id=${`title-${chapter.id}`}>${chapter.title}</h2>` : nothing}
        ${chapter.body ? html`<div class="body">${this.renderBody(chapter.body)}</div>` : nothing}
        ${chapter.media
          ? html`<figure>
              <img src=${chapter.media.src} alt=${chapter.media.alt ?? ''} loading="lazy" decoding="async" />
              ${chapter.media.caption || chapter.media.credit
                ? html`<figcaption>
                    ${chapter.media.caption ? html`<span class="caption">${chapter.media.caption}</span>` : nothing}
                    ${chapter.media.credit ? html`<span class="credit">${chapter.media.credit}</span>` : nothing}
                  </figcaption>`
                : nothing}
            </figure>`
          : nothing}
        ${state.markers.length
          ? html`<p class="visually-hidden">Marked on the map: ${state.markers
              .map((m) => `${m.name ?? m.label ?? 'a point'}${m.approximate ? ' (approximate position)' : ''}`)
              .join('; ')}.</p>`
          : nothing}
        ${state.legend.length
          ? html`<ul class="legend" aria-label="Legend">
              ${state.legend.map(
                (item) => html`<li>
                  <span class="swatch" data-shape=${item.shape ?? 'square'} style="background:${item.color};border-color:${item.color}"></span>
                  ${item.label}
                </li>`,
              )}
            </ul>`
          : nothing}
      </section>
    `;
  }

  private renderBody(body: string): TemplateResult {
    if (isPlainText(body)) return html`${paragraphs(body).map((p) => html`<p>${p}</p>`)}`;
    return html`${unsafeHTML(sanitizeHtml(body))}`;
  }

  private renderProblems(problems: StoryProblem[], file: string): TemplateResult {
    return html`
      <div class="errors" part="errors" role="alert">
        <h2>${messages.panelTitle(problems.length, file || undefined)}</h2>
        <ul>
          ${problems.map(
            (p) => html`<li>
              ${p.path ? html`<code>${p.path}</code>${p.chapterId ? html` (chapter <code>${p.chapterId}</code>)` : nothing}: ` : nothing}${p.message}
            </li>`,
          )}
        </ul>
      </div>
    `;
  }

  private unexpected(error: unknown): StoryProblem {
    return { code: 'fetch-failed', message: messages.fetchFailed(this.src ?? '', String(error)), path: '' };
  }

  // ---- lifecycle after render -----------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('story') || changed.has('src')) this.needsSetup = true;
  }

  protected override updated(): void {
    const result = this.loader.status === TaskStatus.COMPLETE ? this.loader.value : undefined;
    if (result && result !== this.firedFor) {
      this.firedFor = result;
      this.needsSetup = true;
      if (!result.ok) {
        this.teardownMap();
        this.steps.release();
        this.fireProblems(result.problems);
      }
    }
    if (this.loader.status === TaskStatus.ERROR && this.firedFor !== undefined) {
      this.firedFor = undefined;
      this.fireProblems([this.unexpected(this.loader.error)]);
    }
    const loaded = this.loaded;
    if (loaded && this.needsSetup && this.isConnected) {
      this.needsSetup = false;
      this.setup(loaded);
    }
  }

  private fireProblems(problems: StoryProblem[]): void {
    if (problems.length === 0) return;
    fire(this, 'map-story-error', { ...problems[0]!, problems });
  }

  private setup(loaded: LoadedStory): void {
    this.measure();
    const steps = [...this.renderRoot.querySelectorAll<HTMLElement>('.chapter')];
    this.steps.observe(steps, this.triggerOffset);
    void this.startMap(loaded);
  }

  private async startMap(loaded: LoadedStory): Promise<void> {
    const run = ++this.mapRun;
    this.driver?.destroy();
    this.driver = undefined;
    this.mapNotice = undefined;
    if (this.layerProblems.length) this.layerProblems = [];
    const container = this.renderRoot.querySelector<HTMLElement>('.map')!;
    const index = this.activeIndex ?? 0;
    const state = loaded.states[index]!;
    const style = loaded.story.map?.style;
    if (style === undefined || style === 'embedded') prefetchBasemap();
    try {
      const [, css] = await loadMapLibre();
      if (run !== this.mapRun) return;
      this.adoptMapCss(css);
      const driver = await MapDriver.create(
        {
          container,
          story: loaded.story,
          theme: this.storyTheme,
          onError: (code, reason) => this.mapProblem(code, reason, loaded.story),
          onLayerErrors: (errors) => {
            this.layerProblems = styleProblems(errors, loaded.file, loaded.story);
            this.fireProblems(this.layerProblems);
          },
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
      this.mapReady = true;
      driver.apply(loaded.states[this.activeIndex ?? 0]!, this.paddingFor(loaded.states[this.activeIndex ?? 0]!), this.narrow, true);
      fire(this, 'map-story-ready', { title: loaded.story.title, chapters: loaded.story.chapters.length });
    } catch (error) {
      if (run !== this.mapRun) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.mapProblem('map-failed', reason, loaded.story);
    }
  }

  private mapProblem(code: 'map-failed' | 'style-failed' | 'data-failed', reason: string, story: Story): void {
    const style = typeof story.map?.style === 'string' ? story.map.style : 'inline style';
    const message =
      code === 'map-failed' ? messages.mapFailed(reason) : code === 'style-failed' ? messages.styleFailed(style, reason) : messages.dataFailed(reason);
    if (code === 'map-failed') this.mapError = message;
    if (code === 'style-failed') this.mapNotice = message;
    this.fireProblems([{ code, message, path: code === 'style-failed' ? 'map.style' : '', file: this.loaded?.file }]);
  }

  private adoptMapCss(css: string): void {
    const root = this.renderRoot as ShadowRoot;
    if ((root as ShadowRoot & { _mapCss?: boolean })._mapCss) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
    (root as ShadowRoot & { _mapCss?: boolean })._mapCss = true;
  }

  private teardownMap(): void {
    this.mapRun++;
    this.driver?.destroy();
    this.driver = undefined;
    this.needsSetup = true;
    this.mapReady = false;
    this.mapError = undefined;
    this.mapNotice = undefined;
  }

  // ---- chapters -------------------------------------------------------------------------

  private enterChapter(index: number): void {
    const loaded = this.loaded;
    const state = loaded?.states[index];
    if (!loaded || !state || index === this.activeIndex) return;
    const previous = this.activeIndex;
    const direction = previous === undefined || index > previous ? 'down' : 'up';
    this.activeIndex = index;
    if (previous !== undefined) {
      fire(this, 'map-story-chapter-exit', { index: previous, id: loaded.states[previous]!.id, direction });
    }
    this.driver?.apply(state, this.paddingFor(state), this.narrow);
    const chapter = loaded.story.chapters[index]!;
    this.announcement = `${chapter.title ?? `Chapter ${index + 1}`}. ${chapter.mapDescription ?? describeCamera(this.narrow ? state.cameraMobile : state.camera)}`;
    fire(this, 'map-story-chapter-enter', { index, id: state.id, direction });
  }

  // ---- layout ---------------------------------------------------------------------------

  private onResize(): void {
    const narrow = this.getBoundingClientRect().width < NARROW_WIDTH;
    if (narrow !== this.narrow) {
      this.narrow = narrow;
      void this.updateComplete.then(() => {
        this.measure();
        this.steps.observe([...this.renderRoot.querySelectorAll<HTMLElement>('.chapter')], this.triggerOffset);
        this.reapply();
      });
    } else {
      this.measure();
    }
  }

  /** Reads layout once per resize (never while scrolling): map size and the text columns. */
  private measure(): void {
    const area = this.renderRoot.querySelector<HTMLElement>('.map-area');
    if (!area) return;
    const box = area.getBoundingClientRect();
    this.size = { width: box.width, height: box.height };
    this.columns = {};
    this.cardHeights = [...this.renderRoot.querySelectorAll<HTMLElement>('.chapter')].map((c) => c.offsetHeight);
    for (const card of this.renderRoot.querySelectorAll<HTMLElement>('.card[data-align]')) {
      const align = card.dataset['align'] as AlignValue;
      if (this.columns[align]) continue;
      const r = card.getBoundingClientRect();
      this.columns[align] = { left: r.left - box.left, right: r.right - box.left };
    }
  }

  /** Where chapters become active, as a share of the viewport height. */
  private get triggerOffset(): number {
    return this.narrow ? 0.7 : 0.5;
  }

  private paddingFor(state: ChapterState): Padding {
    const align = this.alignOf(state);
    const card = { height: this.cardHeights[state.index] ?? this.size.height * 0.3, offset: this.triggerOffset };
    return paddingForText(this.size.width, this.size.height, this.columns[align], align, this.narrow, card);
  }

  private reapply(): void {
    const state = this.loaded?.states[this.activeIndex ?? 0];
    if (state) this.driver?.apply(state, this.paddingFor(state), this.narrow, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'map-story': MapStory;
  }
}
