import type { AlignValue, Camera, Chapter, Marker, LegendItem, Progress, Story } from './schema.js';

export type TransitionType = 'fly' | 'ease' | 'jump' | 'scrub';

/** What one story layer looks like in a chapter. */
export interface LayerState {
  visible: boolean;
  /** Every paint property any chapter overrides, with its value in this chapter
   *  (`undefined` means "the layer's default"). */
  paint: Record<string, unknown>;
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
  layers: Record<string, LayerState>;
  markers: Marker[];
  legend: LegendItem[];
  align: AlignValue;
  /** The line drawn by scrolling through this chapter, if any. */
  progress: Progress | undefined;
}

/** Computes every chapter's state once, after validation. Layer changes carry forward. */
export function chapterStates(story: Story): ChapterState[] {
  const layers = story.layers ?? [];
  const visible: Record<string, boolean> = {};
  const paint: Record<string, Record<string, unknown>> = {};
  for (const layer of layers) {
    const layout = layer['layout'] as Record<string, unknown> | undefined;
    visible[layer.id] = layout?.['visibility'] === 'visible';
    paint[layer.id] = {};
  }
  // Every property some chapter overrides starts at the layer's own value (or its default).
  for (const chapter of story.chapters) {
    for (const [layerId, props] of Object.entries(chapter.layers?.paint ?? {})) {
      const layer = layers.find((l) => l.id === layerId);
      const own = (layer?.['paint'] ?? {}) as Record<string, unknown>;
      for (const prop of Object.keys(props)) {
        if (!(prop in paint[layerId]!)) paint[layerId]![prop] = own[prop];
      }
    }
  }
  const defaultAlign = story.layout?.align ?? 'left';
  return story.chapters.map((chapter: Chapter, index) => {
    for (const id of chapter.layers?.show ?? []) visible[id] = true;
    for (const id of chapter.layers?.hide ?? []) visible[id] = false;
    for (const [layerId, props] of Object.entries(chapter.layers?.paint ?? {})) {
      Object.assign(paint[layerId]!, props);
    }
    const layerStates: Record<string, LayerState> = {};
    for (const layer of layers) {
      layerStates[layer.id] = { visible: visible[layer.id]!, paint: { ...paint[layer.id] } };
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
    };
  });
}
