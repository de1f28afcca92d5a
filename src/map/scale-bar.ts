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
 * is checked when a move ends, not on every frame; hidden, it stops following the camera (the
 * control measures the view on every move, which on a slow CPU cost more than the move itself).
 */
export class ScaleBar {
  readonly #control: ScaleControl;
  #following = true;
  readonly #check = () => {
    const bar = this.#control._container;
    const show = this.#map.getZoom() >= SCALE_MIN_ZOOM;
    if (bar) bar.style.display = show ? '' : 'none';
    if (show === this.#following) return;
    this.#following = show;
    if (show) {
      this.#map.on('move', this.#control._onMove);
      this.#control._onMove();
    } else this.#map.off('move', this.#control._onMove);
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
    this.#map.off('move', this.#control._onMove);
  }
}
