import type { ErrorEvent, LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { BASEMAP, embeddedStyle, type Theme } from '../basemap/embedded-style.js';
import { loadCityNames, loadLocatorLand, registerTiles } from '../basemap/tiles.js';
import { mentionsPMTiles, registerPMTiles } from '../basemap/pmtiles-use.js';
import { resolveStyle } from '../basemap/resolve-style.js';
import type { ChapterState } from '../story/chapter-states.js';
import type { Story } from '../story/schema.js';
import type { Strings } from '../story/strings.js';
import { addPadding, cameraFor, DEFAULT_BOUNDS_PADDING, type Padding } from './camera.js';
import type { CameraTarget } from '../motion/camera-path.js';
import { sanitizeAttribution } from '../story/sanitize.js';
import { loadMapLibre } from './load-maplibre.js';
import { watchSource, watchTiles } from './source-watch.js';
import { elementMessages as messages } from '../story/element-messages.js';
import { errorMessage, quote } from '../story/quote.js';
import { within } from '../story/timeout.js';
import { Markers } from './markers.js';
import { HEAD, ProgressLines } from './progress-lines.js';
import { StoryLayers } from './story-layers.js';
import { HeldCopies } from './held-copies.js';
import { warmUpAll } from './warm-up.js';
import { warmUpStory } from './warm-up-story.js';
import { reducedMotion } from '../motion/reduced-motion.js';
import type { ScaleBar } from './scale-bar.js';

export interface MapDriverOptions {
  container: HTMLElement;
  story: Story;
  /** The reader-facing strings (the story's language): a marker's "(approx.)" on the map. */
  strings: Strings;
  theme: Theme;
  /** How long, in ms, the style and the story's map data may take to arrive before they count as failed. */
  timeout: number;
  /** Called for problems that happen after start (style or data failing to load). */
  onError: (code: 'style-failed' | 'data-failed', reason: string) => void;
  /** Called with the style-spec errors MapLibre reported while adding the story's sources and layers. */
  onLayerErrors: (errors: { message: string }[]) => void;
}

/** How a chapter is framed in the current layout: the text's padding, and whether the layout is narrow. */
export interface Framing {
  padding: Padding;
  narrow: boolean;
}

/** How to show a chapter's state (see {@link MapDriver.apply}). */
export interface ApplyOptions {
  /** Jump instead of the chapter's transition (the first chapter, deep links, resizes). */
  instant: boolean;
  /** False while something else moves the camera (the scrubbed camera, the reader exploring). */
  moveCamera: boolean;
}

const FIRST_VIEW_WARM_UP = 'map-story-first-view-warm-up';
/** Feature properties for warm-up copies of the basemap's labels and the markers' layers. */
const SAMPLE_PROPERTIES = { name: 'A', label: 'A', color: '#000000', approximate: false, side: 'e11' };
const HANDLERS = ['dragPan', 'scrollZoom', 'boxZoom', 'dragRotate', 'keyboard', 'doubleClickZoom', 'touchZoomRotate'] as const;
/** Label fade-in, ms (none with reduced motion). */
const FADE_MS = 300;
/** An `ease` transition's duration when the chapter gives none, ms. */
const EASE_MS = 1000;

type SourceError = ErrorEvent & { sourceId?: string };

/**
 * Resolves when the map has loaded; rejects on an error before that. With `early` (the embedded
 * style), it resolves once the style itself is in (`style.load`), not its first tiles too
 * (`load`): a tile that never arrives must not hold the map back. A source's error (e.g. a
 * basemap tile that failed) then does not reject: it is kept in `early`, to be reported once
 * the map is made.
 */
function whenLoaded(map: MapLibreMap, early?: SourceError[]): Promise<void> {
  const event = early ? 'style.load' : 'load';
  return new Promise<void>((resolve, reject) => {
    const onError = (error: SourceError) => {
      if (early && error.sourceId) {
        early.push(error);
        return;
      }
      map.off('error', onError);
      map.off(event, onLoad);
      reject(error.error ?? new Error('the style could not be loaded'));
    };
    const onLoad = () => {
      map.off('error', onError);
      resolve();
    };
    map.once(event, onLoad);
    map.on('error', onError);
  });
}

/**
 * The element's one handle on MapLibre (the code in `map/` is the only code that talks to it):
 * creates the map with the story's style and projection, and applies chapter states (camera,
 * story layers, markers, lines drawn by scroll). A new move always stops the running one;
 * reduced motion turns moves into jumps. It owns the map's lifetime and the data problems
 * reported; each part of what it draws has its own owner (StoryLayers, Markers, ProgressLines).
 */
export class MapDriver {
  readonly map: MapLibreMap;
  readonly #abort = new AbortController();
  #removed = false;
  /**
   * Resolves once the first view is drawn, basemap tiles included (or at the time limit, when a
   * source never answers): work the first view does not need and that draws no frame on the
   * map (the locator) waits for it.
   */
  firstView: Promise<void> = Promise.resolve();
  /** Resolves once the story warm-up's copies are drawn, their programs compiled (see warmUp). */
  prepared: Promise<void> | undefined;
  readonly #layers: StoryLayers;
  #markers!: Markers;
  #lines!: ProgressLines;
  #scale: ScaleBar | undefined;
  /** Layers whose programs the first view's warm-up compiled (not warmed up again). */
  readonly #compiled: LayerSpecification[] = [];
  readonly #copies: HeldCopies;
  /** What failed to load, by source id (else by message): each failure is reported once per map. */
  readonly #failures = new Set<string>();
  /** Ends of the watches on story sources still loading (see watchSource). */
  readonly #watches = new Set<() => void>();

  #options: MapDriverOptions;

  private constructor(map: MapLibreMap, options: MapDriverOptions) {
    this.#options = options;
    this.map = map;
    this.#layers = new StoryLayers(map, options.story, (id, url) => this.#watch(id, url));
    this.#copies = new HeldCopies(map);
  }

  /**
   * Creates the map and resolves once its style has loaded. A story style that fails to load is
   * replaced by the embedded style (reported through `onError`). Rejects if WebGL is unavailable.
   */
  static async create(options: MapDriverOptions, initial: ChapterState, framing: Framing): Promise<MapDriver> {
    const [maplibre] = await loadMapLibre();
    const detail = options.story.map?.detail ?? [];
    let resolved = await resolveStyle(maplibre, options.story.map?.style, options.theme, detail, { timeout: options.timeout });
    if (resolved.fallbackReason) options.onError('style-failed', resolved.fallbackReason);
    if (mentionsPMTiles(options.story.sources)) await registerPMTiles(maplibre);
    // The embedded basemap's tiles come through a protocol (registered for a fallback too).
    registerTiles(maplibre);
    let map = MapDriver.#newMap(maplibre, options, resolved.style, cameraFor(initial, framing.narrow), framing.padding);
    /** The embedded basemap's source errors before the style loaded (reported below). */
    const early: SourceError[] = [];
    try {
      // A style's own requests (sprite, a TileJSON) have no time limit in MapLibre: ours applies.
      await (resolved.embedded ? whenLoaded(map, early) : within(whenLoaded(map), options.timeout, messages.noAnswer('the style', options.timeout)));
    } catch (error) {
      map.remove();
      if (resolved.embedded) throw error;
      options.onError('style-failed', errorMessage(error));
      resolved = { style: embeddedStyle(options.theme, detail), embedded: true };
      map = MapDriver.#newMap(maplibre, options, resolved.style, cameraFor(initial, framing.narrow), framing.padding);
      await whenLoaded(map, early).catch((e: unknown) => {
        map.remove();
        throw e;
      });
    }
    // Start with the compact attribution folded to its (i) button, so it never covers text.
    map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
    const driver = new MapDriver(map, options);
    driver.setInteractive(options.story.map?.interactive ?? false);
    driver.#addLayers(resolved.embedded);
    // The scale bar's code loads only for a story that shows one.
    if (options.story.map?.scale) {
      void import('./scale-bar.js').then(({ ScaleBar }) => {
        if (!driver.#removed) driver.#scale = new ScaleBar(map, maplibre);
      });
    }
    // The story's detail coastlines are sources of the embedded style (see embeddedStyle).
    if (resolved.embedded) detail.forEach((url, i) => driver.#watch(`detail-${i}`, url));
    const onError = (event: SourceError) => {
      const message = event.error?.message ?? 'unknown error';
      driver.#dataFailed(event.sourceId ?? message, message);
    };
    map.on('error', onError);
    early.forEach(onError);
    driver.#markers.show(initial, driver.resolveCamera(initial, framing));
    // While the worker tiles the basemap, compile the programs its first draw will need.
    if (resolved.embedded) {
      const visible = [...resolved.style.layers, ...driver.#markers.layers].filter((l) => (l.layout?.visibility ?? 'visible') === 'visible');
      try {
        driver.#copies.hold(warmUpAll(map, visible, { source: FIRST_VIEW_WARM_UP, properties: SAMPLE_PROPERTIES, compiled: driver.#compiled }));
      } catch {
        // Best effort: without it the first view compiles its programs as it draws.
      }
    }
    if (resolved.embedded) {
      void loadCityNames().then((names) => {
        if (!driver.#removed) driver.#markers.setCities(names);
      }, () => {}); // a failure is reported with the tiles
      const late = () => driver.#dataFailed(BASEMAP, messages.noAnswer('embedded basemap: the tiles', options.timeout));
      driver.#watches.add(watchTiles(map, BASEMAP, options.timeout, late));
    }
    // Resolved in a task of its own after the idle event, so what runs next (which changes the
    // map) does not change what other listeners of that event see. A source that never answers
    // keeps MapLibre from going idle: the first view counts as drawn at the time limit, when
    // the source's notice shows.
    driver.firstView = new Promise<void>((resolve) => {
      const drawn = () => {
        clearTimeout(limit);
        setTimeout(resolve, 0);
      };
      const limit = setTimeout(drawn, options.timeout);
      map.once('idle', drawn);
    });
    void driver.firstView.then(() => driver.#copies.firstViewDrawn());
    return driver;
  }

  static #newMap(maplibre: typeof import('maplibre-gl'), options: MapDriverOptions, style: StyleSpecification, camera: ChapterState['camera'], padding: Padding): MapLibreMap {
    const attribution = options.story.map?.attribution ? sanitizeAttribution(options.story.map.attribution) : undefined;
    const projection = options.story.map?.projection;
    const s = options.strings;
    const map = new maplibre.Map({
      container: options.container,
      // The story's projection, when it names one, wins over the style's.
      style: projection ? { ...style, projection: { type: projection } } : style,
      interactive: true, // handlers exist; explore mode turns them on and off
      attributionControl: { compact: true, ...(attribution ? { customAttribution: attribution } : {}) },
      center: camera.center ?? [0, 0],
      zoom: camera.zoom ?? 1,
      pitch: camera.pitch ?? 0,
      bearing: camera.bearing ?? 0,
      fadeDuration: reducedMotion() ? 0 : FADE_MS,
      // MapLibre's own words in the story's language (a new language makes a new map: see sameMap).
      locale: { 'Map.Title': s.mapUntitled, 'AttributionControl.ToggleAttribution': s.mapCredits, 'ScaleControl.Kilometers': s.kilometres, 'ScaleControl.Meters': s.metres },
    });
    map.setPadding(padding);
    return map;
  }

  /** Adds the story's sources and layers (problems go to `onLayerErrors`), then the driver's own. */
  #addLayers(embedded: boolean): void {
    const errors = this.#layers.add();
    if (errors.length) this.#options.onLayerErrors(errors);
    this.#markers = new Markers(this.map, { theme: this.#options.theme, embedded, approximate: () => this.#options.strings.approximateLabel });
    this.#lines = new ProgressLines(this.map, this.#layers, this.#options.theme);
  }

  /** Reports data that failed to load, once per source (a tile server down fails every tile). */
  #dataFailed(key: string, reason: string): void {
    if (this.#removed || this.#failures.has(key)) return;
    this.#failures.add(key);
    this.#options.onError('data-failed', reason);
  }

  /** Reports a story source whose data (at `url`) has not arrived within the timeout. */
  #watch(id: string, url: string): void {
    const { timeout } = this.#options;
    if (!this.map.getSource(id) || this.map.isSourceLoaded(id)) return;
    const stop = watchSource(this.map, id, timeout, () => {
      this.#watches.delete(stop);
      this.#dataFailed(id, messages.noAnswer(quote(url), timeout));
    });
    this.#watches.add(stop);
  }

  /**
   * Prepares what later chapters need, while the first view loads: the head places of lines
   * drawn by scroll (so a line that starts drawing costs nothing more), the WebGL programs of
   * every layer they show (see warmUpStory). Its copies draw in the first view's frames, and
   * stay, invisible, until the next chapter or move takes them away (HeldCopies).
   */
  warmUp(states: ChapterState[]): Promise<void> {
    for (const { progress } of states) if (progress && progress.head !== false) this.#lines.prepare(progress.layer);
    const own: LayerSpecification[] = [...this.#markers.layers, this.#lines.layer];
    const warm = { states, layers: this.#layers, story: this.#options.story, own, ownProperties: SAMPLE_PROPERTIES, head: HEAD, compiled: this.#compiled, timeout: this.#options.timeout };
    this.prepared = warmUpStory(this.map, warm, () => !this.#removed).then((release) => {
      if (release && !this.#removed) this.#copies.hold(release);
    });
    return this.prepared;
  }

  /** Takes a new version of the story whose map parts (style, sources, layers) are unchanged. */
  updateStory(story: Story, strings: Strings): void {
    this.#options = { ...this.#options, story, strings };
    this.#layers.updateStory(story);
  }


  /** Turns the reader's pan and zoom on (explore mode) or off (the story drives the camera). */
  setInteractive(on: boolean): void {
    for (const name of HANDLERS) {
      if (on) this.map[name].enable();
      else this.map[name].disable();
    }
  }

  /** The current view, for the locator map. */
  viewBounds(): [[number, number], [number, number]] {
    const b = this.map.getBounds();
    return [[b.getWest(), b.getSouth()], [b.getEast(), b.getNorth()]];
  }

  /** Draws a line up to `fraction` of its length (see ProgressLines). */
  setLineProgress(layerId: string, fraction: number, head: boolean): void {
    if (!this.#removed) this.#lines.set(layerId, fraction, head);
  }

  /** Shows a chapter's state: layers (as a diff against what is shown), markers, and the camera unless told not to. */
  apply(state: ChapterState, framing: Framing, options: ApplyOptions): void {
    if (this.#removed) return;
    this.#copies.release();
    this.#layers.apply(state);
    const target = this.resolveCamera(state, framing);
    if (options.moveCamera) this.#moveCamera(state, target, options.instant);
    this.#markers.show(state, target);
    this.#lines.refresh();
  }

  /** A chapter's camera for the current map size and padding (bounds fitted now). */
  resolveCamera(state: ChapterState, { padding, narrow }: Framing): CameraTarget {
    const camera = cameraFor(state, narrow);
    const pitch = camera.pitch ?? 0;
    const bearing = camera.bearing ?? 0;
    if (camera.bounds) {
      const fit = this.map.cameraForBounds(camera.bounds, {
        padding: addPadding(padding, camera.padding ?? DEFAULT_BOUNDS_PADDING),
        bearing,
        absolutePadding: true,
      });
      if (fit) {
        const c = fit.center as { lng: number; lat: number };
        return { center: [c.lng, c.lat], zoom: fit.zoom ?? this.map.getZoom(), pitch, bearing, padding: (fit.padding as Padding) ?? padding };
      }
    }
    const center = camera.center ?? [this.map.getCenter().lng, this.map.getCenter().lat];
    return { center: [center[0], center[1]], zoom: camera.zoom ?? this.map.getZoom(), pitch, bearing, padding };
  }

  /** The camera the map shows now. */
  currentCamera(): CameraTarget {
    const map = this.map;
    const { lng, lat } = map.getCenter();
    const { top = 0, right = 0, bottom = 0, left = 0 } = map.getPadding();
    return { center: [lng, lat], zoom: map.getZoom(), pitch: map.getPitch(), bearing: map.getBearing(), padding: { top, right, bottom, left } };
  }

  /** Sets the camera at once (scrubbing calls this at most once per frame). */
  jumpTo(target: CameraTarget): void {
    if (this.#removed) return;
    this.map.stop();
    this.map.jumpTo(target);
  }

  /** True while the camera moves (a flight, an ease, the reader's drag). */
  get moving(): boolean {
    return this.map.isMoving();
  }

  #moveCamera(state: ChapterState, target: CameraTarget, instant: boolean): void {
    const map = this.map;
    map.stop();
    const { type, duration } = state.transition;
    if (instant || type === 'jump' || type === 'scrub' || reducedMotion() || duration === 0) map.jumpTo(target);
    else if (type === 'ease') map.easeTo({ ...target, duration: duration ?? EASE_MS, essential: true });
    else map.flyTo({ ...target, ...(duration !== undefined ? { duration } : {}), essential: true });
  }

  /** Resizes the canvas to its container now (MapLibre does it too, throttled): called before a chapter is fitted to a new map size. */
  resize(): void {
    if (!this.#removed) this.map.resize();
  }

  /** The world's coarse land (for the locator): rings of [lng, lat]. */
  coarseLand(): Promise<[number, number][][]> {
    return loadLocatorLand();
  }

  /** Removes the map and releases its WebGL context; aborts pending basemap loads. */
  destroy(): void {
    if (this.#removed) return;
    this.#removed = true;
    this.#abort.abort();
    this.#lines?.stop();
    this.#copies.stop();
    for (const stop of this.#watches) stop();
    this.#scale?.destroy();
    this.map.remove();
  }
}
