import type { ErrorEvent, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { loadLabels, needsScale, SCALES, type WorldScale } from './world-data.js';
import { worldUrl } from './world-protocols.js';
import { errorMessage, messages } from '../story/messages.js';
import { TimeoutError, within } from '../story/timeout.js';

export interface BasemapLoad {
  /** Resolves once the data the current view draws is in the map. */
  first: Promise<unknown>;
  /** Loads the rest (the other scale), so no later flight waits for it. */
  rest: () => void;
  /**
   * One scale's land and borders as the map holds them (MapLibre's worker sends back the data
   * it loaded), loading that scale if no view has: the locator draws them without converting
   * the data again. Rejects when the data failed to load.
   */
  land: (scale: WorldScale) => Promise<FeatureCollection>;
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
export function loadBasemap(
  map: MapLibreMap,
  onError: (reason: string) => void,
  signal: AbortSignal,
  symbols: string[],
  protocols: Promise<unknown>,
  timeout: number,
): BasemapLoad {
  const source = (id: string) => (signal.aborted ? undefined : (map.getSource(id) as GeoJSONSource | undefined));
  // Each part of the data has `timeout` ms to arrive: one that never does is a failure too.
  const late = (what: string) => messages.noAnswer(`embedded basemap: the ${what} data`, timeout);
  const labels = within(loadLabels(), timeout, late('labels')).then(
    (data) => source('labels')?.setData(data),
    (error: unknown) => {
      if (!signal.aborted) onError(errorMessage(error));
    },
  );
  // The land is a `map-story-world://` URL (see world-protocols.ts): MapLibre's worker converts
  // it; a failure reaches the map's `error` event.
  const loads = new Map<WorldScale, Promise<boolean>>();
  const request = (scales: WorldScale[]) =>
    scales.map((scale) => {
      let load = loads.get(scale);
      if (!load) {
        load = putLand(scale);
        loads.set(scale, load);
        if (loads.size === SCALES.length) map.off('zoom', onZoom);
      }
      return load;
    });
  const failed = new Set<string>();
  const onFailure = (event: ErrorEvent & { sourceId?: string }) => {
    if (event.sourceId) failed.add(event.sourceId);
  };
  map.on('error', onFailure);
  signal.addEventListener('abort', () => map.off('error', onFailure));
  /** Resolves true once the source holds the scale's data, false if it failed or was aborted. */
  const putLand = async (scale: WorldScale): Promise<boolean> => {
    const id = `world-${scale}`;
    const put = async () => {
      await protocols;
      const target = source(id);
      if (!target) return false;
      await target.setData(worldUrl('world', scale));
      return !failed.has(id) && !signal.aborted;
    };
    try {
      return await within(put(), timeout, late(id));
    } catch (error) {
      // Other failures reach the map's `error` event (reported there); a late one does not.
      if (!(error instanceof TimeoutError)) throw error;
      if (!signal.aborted) onError(error.message);
      return false;
    }
  };
  const needed = () => SCALES.filter((scale) => needsScale(scale, map.getZoom()));
  const onZoom = () => request(needed());
  map.on('zoom', onZoom);
  const land = labels
    .then(() => tilesRequested(map, ['labels', ...symbols], LABELS_FIRST_MS))
    .then(() => (signal.aborted ? [] : Promise.all(request(needed()))));
  return {
    first: Promise.all([labels, land]),
    rest: () => {
      if (!signal.aborted) request(SCALES);
    },
    land: async (scale) => {
      const target = (await request([scale])[0]) ? source(`world-${scale}`) : undefined;
      if (!target) throw new Error(`embedded basemap: no ${scale} land`);
      return (await target.getData()) as FeatureCollection;
    },
  };
}
