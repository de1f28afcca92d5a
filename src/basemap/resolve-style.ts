import type { StyleSpecification } from 'maplibre-gl';
import { embeddedStyle, type Theme } from './embedded-style.js';
import { loadSanitizer, sanitizeAttribution } from '../story/sanitize.js';
import { elementMessages as messages } from '../story/element-messages.js';
import { errorMessage } from '../story/quote.js';
import { deadline, within } from '../story/timeout.js';

type MapLibre = typeof import('maplibre-gl');

/** The style to start the map with, and why the embedded one replaced the story's, if it did. */
export interface ResolvedStyle {
  style: StyleSpecification;
  embedded: boolean;
  /** Set when the story's style could not be used and the embedded style replaces it. */
  fallbackReason?: string;
}

/** True when a style or story mentions a `pmtiles://` URL anywhere. */
export function mentionsPMTiles(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('pmtiles://');
}

/** The pmtiles code and the styles made from archives load only for a story that uses them. */
const loadPMTiles = () => import('./pmtiles-style.js');

/** Registers the `pmtiles://` protocol with MapLibre (once), loading the pmtiles code on first use. */
export async function registerPMTiles(maplibre: MapLibre): Promise<void> {
  await (await loadPMTiles()).registerPMTiles(maplibre);
}

/** A copy of `style` whose source attributions (shown by MapLibre as HTML) are sanitised. */
function withSafeAttributions(style: StyleSpecification): StyleSpecification {
  // Built from entries, not assigned by id: an id is any string (even "__proto__").
  const sources: StyleSpecification['sources'] = Object.fromEntries(
    Object.entries(style.sources ?? {}).map(([id, source]) => {
      const attribution = (source as { attribution?: unknown }).attribution;
      return [id, typeof attribution === 'string' ? ({ ...source, attribution: sanitizeAttribution(attribution) } as typeof source) : source];
    }),
  );
  return { ...style, sources };
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
  try {
    let style: StyleSpecification;
    if (typeof option === 'object') style = option as unknown as StyleSpecification;
    else if (option.startsWith('pmtiles://')) style = await within(loadPMTiles().then((m) => m.styleFromPMTiles(maplibre, option, theme)), timeout, messages.noAnswer('the archive', timeout));
    else {
      const time = deadline(timeout, signal);
      try {
        const response = await fetch(option, { signal: time.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        style = (await response.json()) as StyleSpecification;
      } catch (error) {
        throw time.timedOut() ? new Error(messages.noAnswer('the server', timeout)) : error;
      } finally {
        time.clear();
      }
      if (typeof style !== 'object' || style === null || (style as { version?: unknown }).version !== 8) {
        throw new Error('not a MapLibre style (version 8)');
      }
    }
    if (mentionsPMTiles(style)) await registerPMTiles(maplibre);
    await loadSanitizer(); // a style's attributions are HTML from whoever wrote the style
    return { style: withSafeAttributions(style), embedded: false };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ...embedded(), fallbackReason: errorMessage(error) };
  }
}
