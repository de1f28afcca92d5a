type MapLibre = typeof import('maplibre-gl');

/** True when a style or story mentions a `pmtiles://` URL anywhere. */
export function mentionsPMTiles(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('pmtiles://');
}

/** The pmtiles code and the styles made from archives load only for a story that uses them. */
export const loadPMTiles = () => import('./pmtiles-style.js');

/** Registers the `pmtiles://` protocol with MapLibre (once), loading the pmtiles code on first use. */
export async function registerPMTiles(maplibre: MapLibre): Promise<void> {
  await (await loadPMTiles()).registerPMTiles(maplibre);
}
