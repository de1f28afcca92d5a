import type { ErrorEvent, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { ChapterState, LayerState } from '../story/chapter-states.js';
import { errorMessage } from '../story/quote.js';
import { sanitizeAttribution } from '../story/sanitize.js';
import type { Story } from '../story/schema.js';

/** One of the story's layers, as the story gives it. */
type Layer = NonNullable<Story['layers']>[number];

/**
 * The story's own sources and layers on the map. Owns which of them MapLibre took and what each
 * layer shows now (visibility and paint, applied as a diff). Every source gets its data when
 * added, hidden or not: the story warm-up needs a sample of each, and sent after the first
 * view, the data's arrival cost a full repaint of its own there (see warm-up.ts).
 */
export class StoryLayers {
  /** What each story layer MapLibre took shows now, by id (a Map: ids may be any string). */
  readonly #applied = new Map<string, LayerState>();

  readonly #map: MapLibreMap;
  #story: Story;
  /** Watches a source's data URL for an answer in time (see MapDriver). */
  readonly #watch: (sourceId: string, url: string) => void;

  constructor(map: MapLibreMap, story: Story, watch: (sourceId: string, url: string) => void) {
    this.#map = map;
    this.#story = story;
    this.#watch = watch;
  }

  /** The story's layer with this id. */
  layer(id: string): Layer | undefined {
    return this.#story.layers?.find((l) => l.id === id);
  }

  /** The source id of the story's layer `id`. */
  sourceOf(id: string): string {
    return String(this.layer(id)?.['source']);
  }

  /** True when MapLibre took the layer (a refused one is left out of chapter states). */
  has(id: string): boolean {
    return this.#applied.has(id);
  }

  /** Takes a new version of the story whose sources and layers are unchanged. */
  updateStory(story: Story): void {
    this.#story = story;
  }

  /**
   * Adds the story's sources and layers. MapLibre validates each against the style spec and
   * reports problems as error events (or throws); they are collected and returned.
   */
  add(): { message: string }[] {
    const [story, map] = [this.#story, this.#map];
    const errors: { message: string }[] = [];
    const collect = (event: ErrorEvent) => errors.push({ message: event.error?.message ?? 'invalid layer' });
    map.on('error', collect);
    const attempt = (add: () => void) => {
      try {
        add();
      } catch (error) {
        errors.push({ message: errorMessage(error) });
      }
    };
    // Lines drawn by scroll progress need line metrics on their source.
    const progressSources = new Set(story.chapters.map((c) => (c.progress ? this.layer(c.progress.layer)?.['source'] : undefined)).filter((s) => typeof s === 'string'));
    for (const [id, source] of Object.entries(story.sources ?? {})) {
      const spec: Record<string, unknown> = progressSources.has(id) ? { ...source, lineMetrics: true } : { ...source };
      // MapLibre shows attributions as HTML: a story's are untrusted.
      if (typeof spec['attribution'] === 'string') spec['attribution'] = sanitizeAttribution(spec['attribution']);
      attempt(() => map.addSource(id, spec as unknown as SourceSpecification));
      const url = typeof spec['data'] === 'string' ? spec['data'] : spec['url'];
      if (typeof url === 'string' && map.getSource(id)) this.#watch(id, url);
    }
    for (const layer of story.layers ?? []) {
      const spec = layer as unknown as LayerSpecification;
      const layout = { ...((spec as { layout?: Record<string, unknown> }).layout ?? {}) };
      layout['visibility'] = layout['visibility'] === 'visible' ? 'visible' : 'none';
      // Kept only if MapLibre took it (an error event or a throw means it did not).
      const before = errors.length;
      attempt(() => map.addLayer({ ...spec, layout } as LayerSpecification));
      if (errors.length === before && map.getLayer(layer.id)) this.#applied.set(layer.id, { visible: layout['visibility'] === 'visible', paint: new Map() });
    }
    map.off('error', collect);
    return errors;
  }

  /** Shows a chapter's layers: only what differs from what is shown is sent to MapLibre. */
  apply(state: ChapterState): void {
    for (const [id, layer] of state.layers) {
      const now = this.#applied.get(id);
      if (!now) continue; // MapLibre refused this layer (reported when it was added)
      if (now.visible !== layer.visible) this.#map.setLayoutProperty(id, 'visibility', layer.visible ? 'visible' : 'none');
      for (const [prop, value] of layer.paint) {
        if (now.paint.get(prop) !== value) this.#map.setPaintProperty(id, prop as 'fill-color', value as string);
      }
      this.#applied.set(id, layer);
    }
  }
}
