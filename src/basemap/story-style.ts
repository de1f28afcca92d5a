import type { StyleSpecification } from 'maplibre-gl';
import type { Theme } from './embedded-style.js';
import { loadPMTiles, mentionsPMTiles, registerPMTiles } from './pmtiles-use.js';
import { loadSanitizer, sanitizeAttribution } from '../story/sanitize.js';
import { elementMessages as messages } from '../story/element-messages.js';
import { deadline, within } from '../story/timeout.js';

type MapLibre = typeof import('maplibre-gl');

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
 * A story's own `map.style` (not the embedded one) as a style object: inline, fetched from a
 * URL, or made for a PMTiles archive. Rejects, with the reason, when it cannot be loaded (the
 * caller falls back to the embedded style). Loaded only for stories that name a style.
 */
export async function storyStyle(maplibre: MapLibre, option: string | Record<string, unknown>, { theme, signal, timeout }: { theme: Theme; signal?: AbortSignal | undefined; timeout: number }): Promise<StyleSpecification> {
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
  return withSafeAttributions(style);
}
