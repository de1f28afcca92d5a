import type { Map as MapLibreMap, ScaleControl } from 'maplibre-gl';
import { reducedMotion } from '../motion/reduced-motion.js';

/**
 * Zoom from which the scale bar shows: close views (a region of a few tens of kilometres and
 * closer), where sizes and distances matter. In wider views Web Mercator's scale changes too
 * much across the map for one bar to be true.
 */
export const SCALE_MIN_ZOOM = 8;
/** The bar's longest length, in pixels. */
const MAX_WIDTH = 110;
/** The camera has come to rest when it has not moved for this long, ms (a scrubbed camera moves once per frame). */
export const SCALE_REST_MS = 150;
/** The bar's fade out when the camera moves and in when it rests, ms (none with reduced motion). */
const FADE_MS = 200;

/**
 * MapLibre's scale control (metric), shown only in close views (`map.scale` in the story), and
 * only while the camera rests: it fades out when the camera moves and measures the view again
 * once it has stopped (no flight under way, no move for `SCALE_REST_MS`). A bar that followed
 * the camera changed its width and text on every frame of a flight; each change was a layout,
 * a paint and a raster of the map's layer, and the page's next frame waited for that raster
 * behind the GPU (a 60-110 ms long task, 1-3 per scroll through the Tartus story on the bench's
 * desktop, none without the bar). The fade is compositor-only (the bar is a layer of its own),
 * so a move costs no paint.
 */
export class ScaleBar {
  readonly #control: ScaleControl;
  #rest: ReturnType<typeof setTimeout> | undefined;
  /** What the bar shows: nothing (far out), or the view's scale ('shown'), faded while the camera moves. */
  #state: 'none' | 'shown' | 'faded' | undefined;
  readonly #moved = () => {
    if (this.#state === 'shown') this.#show('faded');
    clearTimeout(this.#rest);
    this.#rest = setTimeout(this.#check, SCALE_REST_MS);
  };
  readonly #check = () => {
    if (this.#map.isMoving()) return this.#moved(); // a flight's frames can be far apart on a slow device
    if (this.#map.getZoom() < SCALE_MIN_ZOOM) return this.#show('none');
    this.#control._onMove(); // measures the view: the bar's width and text
    this.#show('shown');
  };

  readonly #map: MapLibreMap;

  constructor(
    map: MapLibreMap,
    maplibre: typeof import('maplibre-gl'),
  ) {
    this.#map = map;
    this.#control = new maplibre.ScaleControl({ maxWidth: MAX_WIDTH, unit: 'metric' });
    map.addControl(this.#control, 'bottom-left');
    // The control measures the view on every move unless told otherwise: only at rest here.
    map.off('move', this.#control._onMove);
    const bar = this.#control._container;
    bar.style.willChange = 'opacity';
    if (!reducedMotion()) bar.style.transition = `opacity ${FADE_MS}ms`;
    map.on('move', this.#moved);
    this.#check();
  }

  #show(state: 'none' | 'shown' | 'faded'): void {
    if (state === this.#state) return;
    this.#state = state;
    const bar = this.#control._container;
    bar.style.display = state === 'none' ? 'none' : '';
    bar.style.opacity = state === 'faded' ? '0' : '';
    bar.setAttribute('aria-hidden', String(state !== 'shown'));
  }

  destroy(): void {
    clearTimeout(this.#rest);
    this.#map.off('move', this.#moved);
  }
}
