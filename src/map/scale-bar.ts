import type { Map as MapLibreMap, ScaleControl } from 'maplibre-gl';

/**
 * Zoom from which the scale bar shows: close views (a region of a few tens of kilometres and
 * closer), where sizes and distances matter. In wider views Web Mercator's scale changes too
 * much across the map for one bar to be true.
 */
export const SCALE_MIN_ZOOM = 8;
/** The bar's longest length, in pixels. */
const MAX_WIDTH = 110;

/**
 * MapLibre's scale control (metric), shown only in close views (`map.scale` in the story). It
 * is checked when a move ends, not on every frame.
 */
export class ScaleBar {
  readonly #control: ScaleControl;
  readonly #check = () => {
    const bar = this.#control._container;
    if (bar) bar.style.display = this.#map.getZoom() < SCALE_MIN_ZOOM ? 'none' : '';
  };

  readonly #map: MapLibreMap;

  constructor(
    map: MapLibreMap,
    maplibre: typeof import('maplibre-gl'),
  ) {
    this.#map = map;
    this.#control = new maplibre.ScaleControl({ maxWidth: MAX_WIDTH, unit: 'metric' });
    map.addControl(this.#control, 'bottom-left');
    map.on('moveend', this.#check);
    this.#check();
  }

  destroy(): void {
    this.#map.off('moveend', this.#check);
  }
}
