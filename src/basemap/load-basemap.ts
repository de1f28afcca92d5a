import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { loadLabels, loadWorld, needsScale, SCALES, type WorldScale } from './world-data.js';

export interface BasemapLoad {
  /** Resolves once the data the current view draws is in the map. */
  first: Promise<unknown>;
  /** Loads the rest (the other scale), so no later flight waits for it. */
  rest: () => void;
}

/**
 * Puts the embedded basemap's data into a map made with the embedded style: the labels, and
 * each scale of land once a view needs it (see needsScale), following the camera's zoom.
 */
export function loadBasemap(map: MapLibreMap, onError: (reason: string) => void, signal: AbortSignal): BasemapLoad {
  const put = (source: string, data: Promise<FeatureCollection>) =>
    data.then(
      (value) => {
        if (!signal.aborted) (map.getSource(source) as GeoJSONSource | undefined)?.setData(value);
      },
      (error: unknown) => {
        if (!signal.aborted) onError(`embedded basemap: ${String(error)}`);
      },
    );
  const requested = new Set<WorldScale>();
  const request = (scales: WorldScale[]) =>
    scales.filter((scale) => !requested.has(scale)).map((scale) => {
      requested.add(scale);
      if (requested.size === SCALES.length) map.off('zoom', onZoom);
      return put(`world-${scale}`, loadWorld(scale));
    });
  const needed = () => SCALES.filter((scale) => needsScale(scale, map.getZoom()));
  const onZoom = () => request(needed());
  map.on('zoom', onZoom);
  return {
    first: Promise.all([put('labels', loadLabels()), ...request(needed())]),
    rest: () => {
      if (!signal.aborted) request(SCALES);
    },
  };
}
