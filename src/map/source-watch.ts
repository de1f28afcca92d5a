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
