import type { ErrorEvent, Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';

/**
 * Calls `onLate` if source `id`'s data has not arrived after `ms` (MapLibre's own requests have
 * no time limit: a server that never answers would leave the map empty, silently). A failure
 * MapLibre reports (an `error` event for the source) ends the watch: it is reported already.
 * Returns a function that ends the watch.
 */
export function watchSource(map: MapLibreMap, id: string, ms: number, onLate: () => void): () => void {
  const stop = () => {
    clearTimeout(timer);
    map.off('sourcedata', onData);
    map.off('error', onError);
  };
  const onData = (event: MapSourceDataEvent) => {
    if (event.sourceId === id && (event.sourceDataType === 'metadata' || event.isSourceLoaded)) stop();
  };
  const onError = (event: ErrorEvent & { sourceId?: string }) => {
    if (event.sourceId === id) stop();
  };
  const timer = setTimeout(() => {
    stop();
    onLate();
  }, ms);
  map.on('sourcedata', onData);
  map.on('error', onError);
  return stop;
}

/**
 * Calls `onLate` once if tiled source `id` keeps loading for `ms` without a moment when all its
 * tiles are in (a tile that never arrives: the protocol's modules hang). Returns a function
 * that ends the watch.
 */
export function watchTiles(map: MapLibreMap, id: string, ms: number, onLate: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const disarm = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const stop = () => {
    disarm();
    map.off('sourcedataloading', onLoading);
    map.off('sourcedata', onData);
  };
  const onLoading = (event: { sourceId?: string }) => {
    if (event.sourceId !== id || timer) return;
    timer = setTimeout(() => {
      if (map.isSourceLoaded(id)) return disarm();
      stop();
      onLate();
    }, ms);
  };
  const onData = (event: MapSourceDataEvent) => {
    if (event.sourceId === id && map.isSourceLoaded(id)) disarm();
  };
  map.on('sourcedataloading', onLoading);
  map.on('sourcedata', onData);
  if (!map.isSourceLoaded(id)) onLoading({ sourceId: id }); // tiles requested before the watch began
  return stop;
}
