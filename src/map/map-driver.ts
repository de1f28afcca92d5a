import type {
  ErrorEvent,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { CITY_RANKS, cityFilter, cityLayers, embeddedStyle, FONTS, palettes, type Theme } from '../basemap/embedded-style.js';
import { loadBasemap, type BasemapLoad } from '../basemap/load-basemap.js';
import { loadLabels, loadWorld, registerWorldProtocols } from '../basemap/world-data.js';
import { mentionsPMTiles, registerPMTiles, resolveStyle } from '../basemap/resolve-style.js';
import type { ChapterState, LayerState } from '../story/chapter-states.js';
import type { Story } from '../story/schema.js';
import { addPadding, DEFAULT_BOUNDS_PADDING, type Padding } from './camera.js';
import type { CameraTarget } from '../motion/camera-path.js';
import { firstLine, MeasuredLine, progressGradient, PROGRESS_STEPS } from '../motion/line-progress.js';
import { sanitizeAttribution } from '../story/sanitize.js';
import { loadMapLibre } from './load-maplibre.js';
import { watchSource } from './source-watch.js';
import { messages, quote } from '../story/messages.js';
import { within } from '../story/timeout.js';
import { LABEL_ANCHORS, labelSide } from './marker-labels.js';
import { warmUp, warmUpAll, type WarmUpLayer } from './warm-up.js';
import { reducedMotion } from '../motion/reduced-motion.js';
import { AdaptiveResolution, type ResolutionMap } from './adaptive-resolution.js';

export interface MapDriverOptions {
  container: HTMLElement;
  story: Story;
  theme: Theme;
  /** How long, in ms, the style and the story's map data may take to arrive before they count as failed. */
  timeout: number;
  /** Called for problems that happen after start (style or data failing to load). */
  onError: (code: 'style-failed' | 'data-failed', reason: string) => void;
  /** Called with the style-spec errors MapLibre reported while adding the story's sources and layers. */
  onLayerErrors: (errors: { message: string }[]) => void;
}

const MARKERS = 'map-story-markers';
const HEAD = 'map-story-progress-head';
/**
 * The head's colours: shown where the feature state `on` is set, transparent elsewhere. Colours
 * (not sizes) by data make the head the markers' WebGL program variant, compiled for the first
 * view anyway; sizes by data were a variant of their own (~200 ms to compile under SwiftShader).
 */
const headColor = (color: string) => ['case', ['boolean', ['feature-state', 'on'], false], color, 'rgba(0,0,0,0)'] as never;
const FIRST_VIEW_WARM_UP = 'map-story-first-view-warm-up';
/** Feature properties for warm-up copies of the basemap's labels and the markers' layers. */
const SAMPLE_PROPERTIES = { name: 'A', label: 'A', color: '#000000', approximate: false, side: 'e11' };
const HANDLERS = ['dragPan', 'scrollZoom', 'boxZoom', 'dragRotate', 'keyboard', 'doubleClickZoom', 'touchZoomRotate'] as const;

/** Resolves when the map's style has loaded; rejects on an error before that. */
function whenLoaded(map: MapLibreMap): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (event: ErrorEvent) => {
      map.off('load', onLoad);
      reject(event.error ?? new Error('the style could not be loaded'));
    };
    const onLoad = () => {
      map.off('error', onError);
      resolve();
    };
    map.once('load', onLoad);
    map.once('error', onError);
  });
}

/**
 * The only code that talks to MapLibre. It creates the map, adds the story's sources and
 * layers above the basemap, and applies chapter states: camera, layer visibility and paint,
 * markers. A new move always stops the running one; reduced motion turns moves into jumps.
 */
export class MapDriver {
  readonly map: MapLibreMap;
  private readonly abort = new AbortController();
  /** What each story layer shows now, by id (a Map: ids may be any string). */
  private readonly applied = new Map<string, LayerState>();
  private removed = false;
  /**
   * Resolves once the first view is drawn, basemap data included: work the first view does not
   * need (the locator, shader warm-up) waits for it, so it never slows the map's first paint.
   */
  firstView: Promise<void> = Promise.resolve();
  /** The embedded basemap's loads; undefined with another style. */
  private basemap: BasemapLoad | undefined;

  private readonly resolution: AdaptiveResolution;

  private constructor(map: MapLibreMap, private options: MapDriverOptions) {
    this.map = map;
    this.resolution = new AdaptiveResolution(map as unknown as ResolutionMap);
  }

  /**
   * Creates the map and resolves once its style has loaded. A story style that fails to load is
   * replaced by the embedded style (reported through `onError`). Rejects if WebGL is unavailable.
   */
  static async create(options: MapDriverOptions, initial: ChapterState, padding: Padding, mobile: boolean, signal?: AbortSignal): Promise<MapDriver> {
    const [maplibre] = await loadMapLibre();
    const detail = options.story.map?.detail ?? [];
    let resolved = await resolveStyle(maplibre, options.story.map?.style, options.theme, detail, { signal, timeout: options.timeout });
    if (resolved.fallbackReason) options.onError('style-failed', resolved.fallbackReason);
    if (mentionsPMTiles(options.story.sources)) await registerPMTiles(maplibre);
    // Starts MapLibre's workers and loads the land converter into them while the map is made.
    let protocols = resolved.embedded ? registerWorldProtocols(maplibre) : undefined;
    let map = MapDriver.newMap(maplibre, options, resolved.style, initial, padding, mobile);
    try {
      // A style's own requests (sprite, a TileJSON) have no time limit in MapLibre: ours applies.
      await (resolved.embedded ? whenLoaded(map) : within(whenLoaded(map), options.timeout, messages.noAnswer('the style', options.timeout)));
    } catch (error) {
      map.remove();
      if (resolved.embedded) throw error;
      options.onError('style-failed', error instanceof Error ? error.message : String(error));
      resolved = { style: embeddedStyle(options.theme, detail), embedded: true };
      map = MapDriver.newMap(maplibre, options, resolved.style, initial, padding, mobile);
      await whenLoaded(map).catch((e: unknown) => {
        map.remove();
        throw e;
      });
    }
    // Start with the compact attribution folded to its (i) button, so it never covers text.
    map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
    const driver = new MapDriver(map, options);
    driver.setInteractive(options.story.map?.interactive ?? false);
    driver.addStoryLayers(initial, resolved.embedded);
    // The story's detail coastlines are sources of the embedded style (see embeddedStyle).
    if (resolved.embedded) detail.forEach((url, i) => driver.watch(`detail-${i}`, url));
    map.on('error', (event) => {
      const message = event.error?.message ?? 'unknown error';
      driver.dataFailed((event as { sourceId?: string }).sourceId ?? message, message);
    });
    // The first chapter's markers go to the worker before the basemap's land (see loadBasemap),
    // so their labels are placed and fade in while the land is tiled, not after it.
    driver.setMarkers(initial, driver.resolveCamera(initial, padding, mobile));
    // While the worker tiles the basemap, compile the programs its first draw will need.
    if (resolved.embedded) {
      const shown = [...resolved.style.layers, ...driver.ownLayers].filter((l) => l.id !== HEAD && (l.layout?.visibility ?? 'visible') === 'visible');
      for (const layer of shown) driver.compiled.add(layer.id);
      void warmUpAll(map, FIRST_VIEW_WARM_UP, shown, SAMPLE_PROPERTIES, () => !driver.removed).catch(() => {});
    }
    const basemap = resolved.embedded
      ? loadBasemap(map, (reason) => driver.dataFailed(reason, reason), driver.abort.signal, [MARKERS, FIRST_VIEW_WARM_UP], (protocols ??= registerWorldProtocols(maplibre)), options.timeout)
      : undefined;
    driver.basemap = basemap;
    if (basemap) {
      void loadLabels().then((labels) => {
        const cities = labels.features.filter((f) => f.properties?.['kind'] === 'city').map((f) => String(f.properties?.['name']));
        driver.cityNames = new Map(cities.map((name) => [name.trim().toLowerCase(), name]));
        driver.hideNamedCities();
      }, () => {});
    }
    // Resolved in a task of its own after the idle event, so what runs next (which changes the
    // map) does not change what other listeners of that event see.
    driver.firstView = Promise.resolve(basemap?.first).then(() => new Promise<void>((resolve) => map.once('idle', () => setTimeout(resolve, 0))));
    void driver.firstView.then(() => {
      if (driver.removed) return;
      basemap?.rest();
      for (const id of [...driver.deferred.keys()]) driver.fillSource(id);
    });
    return driver;
  }

  private static newMap(
    maplibre: typeof import('maplibre-gl'),
    options: MapDriverOptions,
    style: StyleSpecification,
    initial: ChapterState,
    padding: Padding,
    mobile: boolean,
  ): MapLibreMap {
    const camera = mobile ? initial.cameraMobile : initial.camera;
    const attribution = options.story.map?.attribution ? sanitizeAttribution(options.story.map.attribution) : undefined;
    const map = new maplibre.Map({
      container: options.container,
      style,
      interactive: true, // handlers exist; explore mode turns them on and off
      attributionControl: { compact: true, ...(attribution ? { customAttribution: attribution } : {}) },
      center: camera.center ?? [0, 0],
      zoom: camera.zoom ?? 1,
      pitch: camera.pitch ?? 0,
      bearing: camera.bearing ?? 0,
      fadeDuration: reducedMotion() ? 0 : 300,
    });
    map.setPadding(padding);
    return map;
  }

  /**
   * Adds the story's sources and layers. MapLibre validates each against the style spec and
   * reports problems as error events; they are collected and handed to `onLayerErrors`, and
   * a layer MapLibre refused is left out of later chapter states.
   */
  private addStoryLayers(initial: ChapterState, embedded: boolean): void {
    const { story, theme } = this.options;
    const errors: { message: string }[] = [];
    const collect = (event: ErrorEvent) => errors.push({ message: event.error?.message ?? 'invalid layer' });
    this.map.on('error', collect);
    const attempt = (add: () => void) => {
      try {
        add();
      } catch (error) {
        errors.push({ message: error instanceof Error ? error.message : String(error) });
      }
    };
    // Lines drawn by scroll progress need line metrics on their source.
    const progressSources = new Set(
      story.chapters
        .map((c) => story.layers?.find((l) => l.id === c.progress?.layer)?.['source'])
        .filter((s): s is string => typeof s === 'string'),
    );
    // GeoJSON that the first chapter does not show waits until after the first view (or until a
    // chapter shows it), so the worker is free for what the reader sees first.
    const shownFirst = new Set(
      (story.layers ?? []).filter((l) => initial.layers.get(l.id)?.visible).map((l) => l['source']),
    );
    for (const [id, source] of Object.entries(story.sources ?? {})) {
      const spec: Record<string, unknown> = progressSources.has(id) ? { ...source, lineMetrics: true } : { ...source };
      if (spec['type'] === 'geojson' && spec['data'] !== undefined && !shownFirst.has(id)) {
        this.deferred.set(id, spec['data']);
        spec['data'] = { type: 'FeatureCollection', features: [] };
      }
      // MapLibre shows attributions as HTML: a story's are untrusted.
      if (typeof spec['attribution'] === 'string') spec['attribution'] = sanitizeAttribution(spec['attribution']);
      attempt(() => this.map.addSource(id, spec as unknown as SourceSpecification));
      const url = typeof spec['data'] === 'string' ? spec['data'] : spec['url'];
      if (typeof url === 'string' && this.map.getSource(id)) this.watch(id, url);
    }
    for (const layer of story.layers ?? []) {
      const spec = layer as unknown as LayerSpecification;
      const layout = { ...((spec as { layout?: Record<string, unknown> }).layout ?? {}) };
      layout['visibility'] = layout['visibility'] === 'visible' ? 'visible' : 'none';
      // Added only if MapLibre took it (an error event or a throw means it did not).
      const before = errors.length;
      attempt(() => this.map.addLayer({ ...spec, layout } as LayerSpecification));
      const added = errors.length === before && !!this.map.getLayer(layer.id);
      if (added) this.applied.set(layer.id, { visible: layout['visibility'] === 'visible', paint: new Map() });
    }
    this.map.off('error', collect);
    if (errors.length) this.options.onLayerErrors(errors);
    const c = palettes[theme];
    this.map.addSource(MARKERS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.addOwnLayer({
      id: `${MARKERS}-circle`,
      type: 'circle',
      source: MARKERS,
      paint: {
        'circle-radius': 6,
        'circle-color': ['case', ['get', 'approximate'], 'rgba(0,0,0,0)', ['get', 'color']],
        'circle-stroke-color': ['case', ['get', 'approximate'], ['get', 'color'], c.halo],
        'circle-stroke-width': 2,
      },
    });
    this.addOwnLayer({
      id: `${MARKERS}-label`,
      type: 'symbol',
      source: MARKERS,
      layout: {
        'text-field': ['get', 'label'],
        // The embedded style's local fonts (glyphs drawn once for both), else the font most
        // glyph servers have.
        'text-font': embedded ? FONTS.sans : ['Noto Sans Regular', 'Helvetica Neue', 'Arial', 'sans-serif'],
        'text-size': 13,
        // Labels go on the side facing the middle of the view; if that collides, above or below,
        // then the other side, each only where the label fits inside the map (see labelSide).
        'text-variable-anchor-offset': LABEL_ANCHORS as never,
        'text-optional': true,
      },
      paint: { 'text-color': c.label, 'text-halo-color': c.halo, 'text-halo-width': 1.5 },
    });
    this.map.addSource(HEAD, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.addOwnLayer({
      id: HEAD,
      type: 'circle',
      source: HEAD,
      layout: { visibility: 'none' },
      // Every place a head can be is in the source; only the one whose state is `on` has colours.
      paint: { 'circle-radius': 6, 'circle-color': headColor(theme === 'dark' ? '#ff8a65' : '#c2410c'), 'circle-stroke-color': headColor(c.halo), 'circle-stroke-width': 2.5 },
    });
  }

  /** What failed to load, by source id (else by message): each failure is reported once per map. */
  private readonly failures = new Set<string>();

  /** Reports data that failed to load, once per source (a tile server down fails every tile). */
  private dataFailed(key: string, reason: string): void {
    if (this.removed || this.failures.has(key)) return;
    this.failures.add(key);
    this.options.onError('data-failed', reason);
  }

  /** Ends of the watches on story sources still loading (see watchSource). */
  private readonly watches = new Set<() => void>();

  /** Reports a story source whose data (at `url`) has not arrived within the timeout. */
  private watch(id: string, url: string): void {
    const { timeout } = this.options;
    if (!this.map.getSource(id) || this.map.isSourceLoaded(id)) return;
    const stop = watchSource(this.map, id, timeout, () => {
      this.watches.delete(stop);
      this.dataFailed(id, messages.noAnswer(quote(url), timeout));
    });
    this.watches.add(stop);
  }

  /** Data of GeoJSON sources not loaded yet (see addStoryLayers), by source id. */
  private readonly deferred = new Map<string, unknown>();

  /** Loads a deferred source's data now (a chapter shows it, or the first view is drawn). */
  private fillSource(id: string): void {
    const data = this.deferred.get(id);
    if (data === undefined) return;
    this.deferred.delete(id);
    const source = this.map.getSource(id) as GeoJSONSource | undefined;
    if (source && typeof data === 'string') this.watch(id, data);
    source?.setData(data as string);
  }

  /** The layers the driver adds itself (markers, progress head), kept for the warm-up. */
  private readonly ownLayers: LayerSpecification[] = [];
  private addOwnLayer(layer: LayerSpecification): void {
    this.ownLayers.push(layer);
    this.map.addLayer(layer);
  }

  /**
   * Compiles, out of sight, the WebGL programs of every layer the chapters will show (story
   * layers, lines drawn by scroll, markers), earliest chapter first, so no chapter compiles one
   * during the reader's scroll (see warm-up.ts), and sends the head places of lines drawn by
   * scroll to the worker, so a line that starts drawing costs nothing more. Call after
   * {@link firstView}.
   */
  warmUp(states: ChapterState[]): Promise<void> {
    for (const { progress } of states) if (progress && progress.head !== false) this.loadHeads(progress.layer);
    // Then, the map at rest, how fast it draws (see AdaptiveResolution).
    this.warmed = this.compilePrograms(states)
      .then(() => this.resolution.probe())
      .then(() => {});
    return this.warmed;
  }

  /** Layers whose programs the first view's warm-up compiled (not warmed up again). */
  private readonly compiled = new Set<string>();

  /** The running or finished warm-up (tests wait for it). */
  warmed: Promise<void> | undefined;

  private async compilePrograms(states: ChapterState[]): Promise<void> {
    const { story } = this.options;
    const firstShown = (id: string) => {
      const i = states.findIndex((s) => s.layers.get(id)?.visible);
      return i < 0 ? states.length : i;
    };
    const progress = new Set(states.map((s) => s.progress?.layer).filter((id): id is string => !!id));
    const sample = async (source: unknown): Promise<Record<string, unknown> | undefined> => {
      const src = typeof source === 'string' ? (this.map.getSource(source) as GeoJSONSource | undefined) : undefined;
      if (src?.type !== 'geojson') return undefined;
      const data = await src.getData().catch(() => undefined);
      const first = data?.type === 'FeatureCollection' ? data.features[0] : data?.type === 'Feature' ? data : undefined;
      return (first?.properties as Record<string, unknown> | null | undefined) ?? undefined;
    };
    const entries: (WarmUpLayer & { order: number })[] = [];
    for (const layer of story.layers ?? []) {
      if (!this.applied.has(layer.id)) continue; // refused by MapLibre
      const spec = layer as unknown as LayerSpecification;
      const properties = await sample(layer['source']);
      const order = firstShown(layer.id);
      entries.push({ layer: spec, order, ...(properties ? { properties } : {}) });
      if (progress.has(layer.id)) {
        const color = typeof (spec.paint as Record<string, unknown> | undefined)?.['line-color'] === 'string' ? String((spec.paint as Record<string, unknown>)['line-color']) : '#000';
        entries.push({ layer: spec, order, paint: { 'line-gradient': progressGradient(0.5, color) }, ...(properties ? { properties } : {}) });
      }
    }
    const firstProgress = states.findIndex((s) => s.progress);
    for (const layer of this.ownLayers) {
      if (layer.id === HEAD && firstProgress < 0) continue; // never drawn
      if (this.compiled.has(layer.id)) continue; // in the first view's warm-up
      entries.push({ layer, order: layer.id === HEAD ? firstProgress : 0, properties: SAMPLE_PROPERTIES });
    }
    entries.sort((a, b) => a.order - b.order);
    if (this.removed) return;
    // Layers drawn in the current view already have their programs (unless drawn differently).
    const ids = entries.map((e) => e.layer.id).filter((id) => this.map.getLayer(id));
    const drawn = new Set(this.map.queryRenderedFeatures({ layers: ids }).map((f) => f.layer.id));
    await warmUp(this.map, entries.filter((e) => e.paint || !drawn.has(e.layer.id)), () => !this.removed);
  }

  /** Takes a new version of the story whose map parts (style, sources, layers) are unchanged. */
  updateStory(story: Story): void {
    this.options = { ...this.options, story };
  }

  /** Lets the map draw at a lower resolution while its camera moves on a slow device (see AdaptiveResolution). */
  setAdaptiveResolution(on: boolean): void {
    this.resolution.enabled = on;
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

  private lines = new Map<string, Promise<MeasuredLine | undefined>>();
  private drawn = new Map<string, { fraction: number; head: boolean }>();

  /**
   * Draws `layerId` up to `fraction` of its length (a `line-gradient` on `line-progress`),
   * with a marker at the head while it is partly drawn. Repeated fractions cost nothing.
   */
  setLineProgress(layerId: string, fraction: number, head: boolean): void {
    if (this.removed || !this.map.getLayer(layerId) || this.drawn.get(layerId)?.fraction === fraction) return;
    this.drawn.set(layerId, { fraction, head });
    const layer = this.options.story.layers?.find((l) => l.id === layerId);
    const paint = layer?.['paint'] as Record<string, unknown> | undefined;
    const color = typeof paint?.['line-color'] === 'string' ? paint['line-color'] : this.options.theme === 'dark' ? '#ff8a65' : '#c2410c';
    this.map.setPaintProperty(layerId, 'line-gradient', progressGradient(fraction, color) as never);
    this.refreshHeads();
  }

  /**
   * Puts the head marker at the end of the drawn part of each visible, partly drawn line. The
   * head source holds every place a head can be (`PROGRESS_STEPS` + 1 per line, sent once); moving
   * a head switches the feature state `on` from one to the next, which costs no data sent to the
   * worker and no tiles reloaded while the reader scrolls.
   */
  private refreshHeads(): void {
    for (const [id, d] of this.drawn) {
      const needed = d.head && d.fraction > 0 && d.fraction < 1 && this.map.getLayoutProperty(id, 'visibility') !== 'none';
      const slot = this.headSlots.get(id);
      if (slot === undefined) {
        if (needed) this.loadHeads(id); // not before: the line's data may wait for its chapter
        continue;
      }
      const want = needed ? slot + Math.round(d.fraction * PROGRESS_STEPS) : -1;
      const lit = this.litHeads.get(id) ?? -1;
      if (want === lit) continue;
      if (lit >= 0) this.map.setFeatureState({ source: HEAD, id: lit }, { on: false });
      if (want >= 0) this.map.setFeatureState({ source: HEAD, id: want }, { on: true });
      this.litHeads.set(id, want);
    }
    // Hidden while there is no head, so its source costs no tiles.
    const shown = [...this.litHeads.values()].some((v) => v >= 0);
    if (shown !== this.headShown) this.map.setLayoutProperty(HEAD, 'visibility', shown ? 'visible' : 'none');
    this.headShown = shown;
  }

  private headShown = false;
  /** First head feature id of each line whose head places are in the head source. */
  private readonly headSlots = new Map<string, number>();
  /** The head feature shown now, by line (-1: none). */
  private readonly litHeads = new Map<string, number>();
  private readonly headPlaces: Feature<Point>[] = [];

  /** Adds a line's head places to the head source, once its data is known. */
  private loadHeads(layerId: string): void {
    if (this.headSlots.has(layerId) || this.lines.has(layerId)) return; // done, or on its way
    void this.measuredLine(layerId).then((line) => {
      if (this.removed || !line) return;
      const slot = this.headPlaces.length;
      for (let i = 0; i <= PROGRESS_STEPS; i++) {
        this.headPlaces.push({ type: 'Feature', id: slot + i, properties: {}, geometry: { type: 'Point', coordinates: line.pointAt(i / PROGRESS_STEPS) } });
      }
      (this.map.getSource(HEAD) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: this.headPlaces });
      this.headSlots.set(layerId, slot);
      this.refreshHeads();
    });
  }

  private measuredLine(layerId: string): Promise<MeasuredLine | undefined> {
    let line = this.lines.get(layerId);
    if (!line) {
      const layer = this.options.story.layers?.find((l) => l.id === layerId);
      this.fillSource(String(layer?.['source']));
      const source = this.map.getSource(String(layer?.['source'])) as GeoJSONSource | undefined;
      line = source
        ? source.getData().then(
            (data) => {
              const coords = firstLine(data);
              return coords && coords.length > 1 ? new MeasuredLine(coords) : undefined;
            },
            () => undefined,
          )
        : Promise.resolve(undefined);
      this.lines.set(layerId, line);
    }
    return line;
  }

  /**
   * Shows a chapter's state. `instant` jumps (used for the first chapter and deep links).
   * Layer changes are applied as a diff against what is shown, so repeated states cost nothing.
   */
  apply(state: ChapterState, padding: Padding, mobile: boolean, instant = false, moveCamera = true): void {
    if (this.removed) return;
    const map = this.map;
    for (const [id, layer] of state.layers) {
      const shown = this.applied.get(id);
      if (!shown) continue; // MapLibre refused this layer (reported when it was added)
      if (layer.visible && this.deferred.size) this.fillSource(String(this.options.story.layers?.find((l) => l.id === id)?.['source']));
      if (shown.visible !== layer.visible) map.setLayoutProperty(id, 'visibility', layer.visible ? 'visible' : 'none');
      for (const [prop, value] of layer.paint) {
        if (shown.paint.get(prop) !== value) map.setPaintProperty(id, prop as 'fill-color', value as string);
      }
      this.applied.set(id, layer);
    }
    const target = this.resolveCamera(state, padding, mobile);
    if (moveCamera) this.moveCamera(state, target, instant);
    this.setMarkers(state, target);
    if (this.drawn.size) this.refreshHeads();
  }

  /** The embedded basemap's city names by their lower case, once its labels are loaded. */
  private cityNames: Map<string, string> | undefined;
  /** The labels of the markers shown. */
  private markerLabels: string[] = [];
  /** The names of the cities hidden for them, joined by newlines. */
  private citiesHidden = '';

  /**
   * A marker labelled like one of the embedded basemap's cities hides that city's dot and name:
   * a place is named once on the map, as the story names it. The filters change only when the
   * set of such names does (6 times in the Tartus story), as they reload the labels' tiles.
   */
  private hideNamedCities(): void {
    if (!this.cityNames || this.removed) return;
    const names = this.cityNames;
    const hidden = [...new Set(this.markerLabels.flatMap((l) => names.get(l.trim().toLowerCase()) ?? []))].sort();
    const key = hidden.join('\n');
    if (key === this.citiesHidden) return;
    this.citiesHidden = key;
    for (const rank of CITY_RANKS) {
      for (const id of cityLayers(rank)) if (this.map.getLayer(id)) this.map.setFilter(id, cityFilter(rank, hidden), { validate: false });
    }
  }

  /** Shows a chapter's markers, their labels placed for the camera `target` (see labelSide). */
  private setMarkers(state: ChapterState, target: CameraTarget): void {
    this.markerLabels = state.markers.flatMap((m) => (m.label ? [m.label] : []));
    this.hideNamedCities();
    const width = this.map.getCanvas().width / this.map.getPixelRatio(); // no layout read
    const accent = this.options.theme === 'dark' ? '#ff8a65' : '#c2410c';
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: state.markers.map((m) => {
        const label = m.approximate ? `${m.label ?? ''} (approx.)`.trim() : (m.label ?? '');
        return {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: m.coordinates },
          properties: { label, color: m.color ?? accent, approximate: m.approximate ?? false, side: labelSide(m.coordinates, label, target, width) },
        };
      }),
    };
    const key = JSON.stringify(data);
    if (key === this.markersShown) return; // unchanged: no worker round trip, no new placement
    this.markersShown = key;
    (this.map.getSource(MARKERS) as GeoJSONSource | undefined)?.setData(data);
  }

  private markersShown = '';

  /** A chapter's camera for the current map size and padding (bounds fitted now). */
  resolveCamera(state: ChapterState, padding: Padding, mobile: boolean): CameraTarget {
    const camera = mobile ? state.cameraMobile : state.camera;
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
    if (this.removed) return;
    this.map.stop();
    this.map.jumpTo(target);
  }

  private moveCamera(state: ChapterState, target: CameraTarget, instant: boolean): void {
    const map = this.map;
    map.stop();
    const { type, duration } = state.transition;
    if (instant || type === 'jump' || type === 'scrub' || reducedMotion() || duration === 0) map.jumpTo(target);
    else if (type === 'ease') map.easeTo({ ...target, duration: duration ?? 1000, essential: true });
    else map.flyTo({ ...target, ...(duration !== undefined ? { duration } : {}), essential: true });
  }

  /** Resizes the canvas to its container now (MapLibre does it too, throttled): the element calls
   *  this before it fits a chapter to a new map size. */
  resize(): void {
    if (!this.removed) this.map.resize();
  }

  /**
   * The world's 1:110m land and borders (for the locator): the embedded basemap's copy when the
   * map draws it, else converted on the page.
   */
  coarseLand(): Promise<FeatureCollection> {
    return this.basemap ? this.basemap.land('110m') : loadWorld('110m');
  }

  /** Removes the map and releases its WebGL context; aborts pending basemap loads. */
  destroy(): void {
    if (this.removed) return;
    this.removed = true;
    this.abort.abort();
    for (const stop of this.watches) stop();
    this.resolution.destroy();
    this.map.remove();
  }
}
