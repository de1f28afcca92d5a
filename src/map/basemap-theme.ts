import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP, embeddedStyle, type Theme } from '../basemap/embedded-style.js';

/** How long the basemap takes to change theme, ms (none with reduced motion). */
export const THEME_MS = 800;

/**
 * The embedded basemap's chapter state: its theme and whether the story's detail coastlines
 * show. A theme change sets each colour of the embedded style's layers to the other palette
 * (`setPaintProperty` with a transition: a smooth change on the same map and tiles, not a new
 * style). The labels' colours read a feature state (see OTHER_THEME), so they change at once,
 * and MapLibre lays the basemap's tiles out again for them, once per theme change: the price of
 * comparisons that colour each label by its side without either. Detail is the visibility of
 * the `detail-…` layers. Only what differs from what is
 * shown is sent to MapLibre, so applying a chapter's state again costs nothing.
 */
export class BasemapTheme {
  readonly #map: MapLibreMap;
  readonly #detail: readonly string[];
  #theme: Theme;
  #detailVisible = true;

  /** `theme`: the one the map was made with; `detail`: the story's `map.detail` URLs. */
  constructor(map: MapLibreMap, theme: Theme, detail: readonly string[]) {
    this.#map = map;
    this.#theme = theme;
    this.#detail = detail;
  }

  /** True when the map shows the embedded basemap (another style has nothing to change). */
  get embedded(): boolean {
    return !!this.#map.getSource(BASEMAP) && !!this.#map.getLayer('sea');
  }

  get theme(): Theme {
    return this.#theme;
  }

  get detailVisible(): boolean {
    return this.#detailVisible;
  }

  /** Shows `theme` and the detail coastlines (or not); `duration` ms for the colours to change. */
  apply(theme: Theme, detailVisible: boolean, duration: number): void {
    if (!this.embedded) return;
    const map = this.#map;
    const layers = embeddedStyle(theme, [...this.#detail]).layers;
    if (theme !== this.#theme) {
      for (const layer of layers) {
        if (!map.getLayer(layer.id)) continue;
        for (const [property, value] of Object.entries((layer as { paint?: Record<string, unknown> }).paint ?? {})) {
          if (!property.endsWith('color')) continue;
          map.setPaintProperty(layer.id, `${property}-transition` as 'fill-color', { duration, delay: 0 } as never);
          map.setPaintProperty(layer.id, property as 'fill-color', value as string);
        }
      }
      this.#theme = theme;
    }
    if (detailVisible !== this.#detailVisible) {
      for (const layer of layers) {
        if (layer.id.startsWith('detail-') && map.getLayer(layer.id)) map.setLayoutProperty(layer.id, 'visibility', detailVisible ? 'visible' : 'none');
      }
      this.#detailVisible = detailVisible;
    }
  }
}
