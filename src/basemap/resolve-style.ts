import type { StyleSpecification } from 'maplibre-gl';
import { embeddedStyle, type Theme } from './embedded-style.js';
import { errorMessage } from '../story/quote.js';

type MapLibre = typeof import('maplibre-gl');

/** The style to start the map with, and why the embedded one replaced the story's, if it did. */
export interface ResolvedStyle {
  style: StyleSpecification;
  embedded: boolean;
  /** Set when the story's style could not be used and the embedded style replaces it. */
  fallbackReason?: string;
}

/**
 * Turns the story's `map.style` into a style object: the embedded style, an inline style, a
 * style fetched from a URL, or one made for a PMTiles archive. A style that cannot be loaded
 * falls back to the embedded style, with the reason, so the story always has a map.
 */
export async function resolveStyle(
  maplibre: MapLibre,
  option: string | Record<string, unknown> | undefined,
  theme: Theme,
  detail: string[],
  options: { signal?: AbortSignal | undefined; timeout: number },
): Promise<ResolvedStyle> {
  const { signal, timeout } = options;
  const embedded = (): ResolvedStyle => ({ style: embeddedStyle(theme, detail), embedded: true });
  if (option === undefined || option === 'embedded') return embedded();
  // A story's own style (fetched, inline or from an archive) loads its code only when named;
  // if that code or the style cannot be loaded, the embedded style stands in.
  try {
    return { style: await (await import('./story-style.js')).storyStyle(maplibre, option, { theme, signal, timeout }), embedded: false };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ...embedded(), fallbackReason: errorMessage(error) };
  }
}
