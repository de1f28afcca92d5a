import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { loadLabels, loadWorld, needsScale, SCALES, type WorldScale } from './world-data.js';

export interface BasemapLoad {
  /** Resolves once the data the current view draws is in the map. */
  first: Promise<unknown>;
  /** Loads the rest (the other scale), so no later flight waits for it. */
  rest: () => void;
}

/** How long the land data waits at most for the labels' tiles to be requested. */
const LABELS_FIRST_MS = 150;

/** True when a layer drawing `source` shows at the map's current zoom. */
function drawnNow(map: MapLibreMap, source: string): boolean {
  const zoom = map.getZoom();
  return map.getLayersOrder().some((id) => {
    const layer = map.getLayer(id);
    return layer?.source === source && !layer.isHidden(zoom);
  });
}

/**
 * Resolves once each of `sources` drawn at the current zoom has asked the worker for a tile
 * (or after `ms`). MapLibre's worker handles messages in order: data given after this is tiled
 * after those tiles.
 */
export function tilesRequested(map: MapLibreMap, sources: string[], ms: number): Promise<void> {
  const waiting = new Set(sources.filter((id) => map.getSource(id) && drawnNow(map, id)));
  if (!waiting.size) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      map.off('sourcedataloading', check);
      resolve();
    };
    const check = (event: { sourceId?: string; tile?: unknown }) => {
      if (event.tile && event.sourceId) waiting.delete(event.sourceId);
      if (!waiting.size) finish();
    };
    const timer = setTimeout(finish, ms);
    map.on('sourcedataloading', check);
  });
}

/**
 * Puts the embedded basemap's data into a map made with the embedded style: the labels, and
 * each scale of land once a view needs it (see needsScale), following the camera's zoom.
 *
 * Labels go first, and the land waits until the labels' and the `symbols` sources' (e.g.
 * markers') tiles are requested. MapLibre's worker handles messages in order: land given
 * first is indexed first (the slowest part of the first view), the labels are placed after
 * it and their 300 ms fade-in comes on top. Labels first, they fade in while the land is tiled.
 */
export function loadBasemap(map: MapLibreMap, onError: (reason: string) => void, signal: AbortSignal, symbols: string[] = []): BasemapLoad {
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
  const labels = put('labels', loadLabels());
  const land = labels
    .then(() => tilesRequested(map, ['labels', ...symbols], LABELS_FIRST_MS))
    .then(() => (signal.aborted ? [] : Promise.all(request(needed()))));
  return {
    first: Promise.all([labels, land]),
    rest: () => {
      if (!signal.aborted) request(SCALES);
    },
  };
}
