import type { AlignValue, Camera, Chapter, Compare, Marker, LegendItem, Progress, Story, Transition } from './schema.js';

export type TransitionType = NonNullable<Transition['type']>;

/** What one story layer looks like in a chapter. */
export interface LayerState {
  visible: boolean;
  /** Every paint property any chapter overrides, with its value in this chapter
   *  (`undefined` means "the layer's default"). */
  paint: ReadonlyMap<string, unknown>;
}

/**
 * Everything the map shows for one chapter, as a pure function of the story and the chapter's
 * index. Moving to a chapter applies its whole state, so the order in which chapters are
 * entered (fast scrolling, scrolling up, deep links, keys) never changes the result.
 */
export interface ChapterState {
  index: number;
  id: string;
  camera: Camera;
  cameraMobile: Camera;
  transition: { type: TransitionType; duration: number | undefined };
  /** By layer id. Maps, not plain objects: story ids may be any string (`toString`, `__proto__`). */
  layers: ReadonlyMap<string, LayerState>;
  markers: Marker[];
  legend: LegendItem[];
  align: AlignValue;
  /** The line drawn by scrolling through this chapter, if any. */
  progress: Progress | undefined;
  /** The embedded basemap in this chapter: its theme (`undefined`: the story's) and whether the story's detail coastlines show. */
  basemap: BasemapState;
  /** The two sides of this chapter's comparison, if it has one (their layers are visible in `layers`). */
  compare: Compare | undefined;
}

export interface BasemapState {
  theme: 'light' | 'dark' | undefined;
  detail: boolean;
}

/** Computes every chapter's state once, after validation. Layer changes carry forward. */
export function chapterStates(story: Story): ChapterState[] {
  const layers = story.layers ?? [];
  const visible = new Map<string, boolean>();
  const paint = new Map<string, Map<string, unknown>>();
  for (const layer of layers) {
    const layout = layer['layout'] as Record<string, unknown> | undefined;
    visible.set(layer.id, layout?.['visibility'] === 'visible');
    paint.set(layer.id, new Map());
  }
  // Every property some chapter overrides starts at the layer's own value (or its default).
  for (const chapter of story.chapters) {
    for (const [layerId, props] of Object.entries(chapter.layers?.paint ?? {})) {
      const layer = layers.find((l) => l.id === layerId);
      const own = (layer?.['paint'] ?? {}) as Record<string, unknown>;
      const values = paint.get(layerId);
      for (const prop of Object.keys(props)) {
        if (values && !values.has(prop)) values.set(prop, Object.hasOwn(own, prop) ? own[prop] : undefined);
      }
    }
  }
  const defaultAlign = story.layout?.align ?? 'left';
  let basemap: BasemapState = { theme: undefined, detail: true };
  return story.chapters.map((chapter: Chapter, index) => {
    basemap = { theme: chapter.basemap?.theme ?? basemap.theme, detail: chapter.basemap?.detail ?? basemap.detail };
    const compare = chapter.compare;
    // A comparison's layers show while it does (each clipped to its side), whatever "layers" says.
    const sides = new Set([...(compare?.before.layers ?? []), ...(compare?.after.layers ?? [])]);
    for (const id of chapter.layers?.show ?? []) visible.set(id, true);
    for (const id of chapter.layers?.hide ?? []) visible.set(id, false);
    for (const [layerId, props] of Object.entries(chapter.layers?.paint ?? {})) {
      const values = paint.get(layerId);
      for (const [prop, value] of Object.entries(props)) values?.set(prop, value);
    }
    const layerStates = new Map<string, LayerState>();
    for (const layer of layers) {
      layerStates.set(layer.id, { visible: visible.get(layer.id)! || sides.has(layer.id), paint: new Map(paint.get(layer.id)) });
    }
    return {
      index,
      id: chapter.id,
      camera: chapter.camera,
      cameraMobile: chapter.cameraMobile ?? chapter.camera,
      transition: { type: chapter.transition?.type ?? 'fly', duration: chapter.transition?.duration },
      layers: layerStates,
      markers: chapter.markers ?? [],
      legend: chapter.legend ?? [],
      align: chapter.align ?? defaultAlign,
      progress: chapter.progress,
      basemap,
      compare,
    };
  });
}
