import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { palettes, type Theme } from './embedded-style.js';

/**
 * PMTiles support, in a chunk of its own: only stories with a `pmtiles://` style or source
 * load it (with the pmtiles package).
 */
type MapLibre = typeof import('maplibre-gl');

let pmtilesProtocol: Promise<import('pmtiles').Protocol> | undefined;

/** Registers the `pmtiles://` protocol with MapLibre, loading the pmtiles code on first use only. */
export function registerPMTiles(maplibre: MapLibre): Promise<import('pmtiles').Protocol> {
  pmtilesProtocol ??= import('pmtiles').then(({ Protocol }) => {
    const protocol = new Protocol({ metadata: true });
    maplibre.addProtocol('pmtiles', protocol.tile);
    return protocol;
  });
  return pmtilesProtocol;
}

/**
 * A basemap style for a PMTiles archive: its raster tiles, or, for vector tiles, every layer
 * its metadata lists, drawn in the theme's land, line and label colours.
 */
export async function styleFromPMTiles(maplibre: MapLibre, url: string, theme: Theme): Promise<StyleSpecification> {
  const protocol = await registerPMTiles(maplibre);
  const { PMTiles, TileType } = await import('pmtiles');
  const archiveUrl = url.slice('pmtiles://'.length);
  const archive = protocol.get(archiveUrl) ?? new PMTiles(archiveUrl);
  protocol.add(archive);
  const header = await archive.getHeader();
  const c = palettes[theme];
  const background: LayerSpecification = { id: 'background', type: 'background', paint: { 'background-color': c.sea } };
  if (header.tileType !== TileType.Mvt) {
    return {
      version: 8,
      sources: { basemap: { type: 'raster', url, tileSize: 256 } },
      layers: [background, { id: 'basemap', type: 'raster', source: 'basemap' }],
    };
  }
  const metadata = (await archive.getMetadata()) as { vector_layers?: { id: string }[] } | undefined;
  const layers: LayerSpecification[] = [background];
  for (const { id } of metadata?.vector_layers ?? []) {
    const common = { source: 'basemap', 'source-layer': id };
    layers.push(
      { id: `${id}-fill`, type: 'fill', ...common, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': c.land, 'fill-outline-color': c.coast } },
      { id: `${id}-line`, type: 'line', ...common, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': c.border, 'line-width': 1 } },
      { id: `${id}-point`, type: 'circle', ...common, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': c.label, 'circle-radius': 2 } },
    );
  }
  return { version: 8, sources: { basemap: { type: 'vector', url } }, layers };
}

