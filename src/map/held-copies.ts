import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * The warm-ups' copies on the map (the first view's and the story's, invisible: see warm-up.ts)
 * and what takes them away. They go when a chapter is shown or the camera starts moving after
 * the first view is drawn (not with the first chapter's own jump, before their first frame), so
 * their removal rides on a frame the map draws anyway instead of a full repaint of its own,
 * before first idle or after it.
 */
export class HeldCopies {
  readonly #map: MapLibreMap;
  readonly #removers: (() => void)[] = [];
  /** The first view is drawn: the next chapter or move takes the copies away. */
  #releasable = false;
  #stopped = false;

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  /** Keeps copies (`remove` takes them away) until the next chapter or camera move. */
  hold(remove: () => void): void {
    this.#removers.push(remove);
    this.#listen();
  }

  /** The first view is drawn: from now on the next chapter or move takes the copies away. */
  firstViewDrawn(): void {
    this.#releasable = true;
    this.#listen();
  }

  /** A chapter is shown: the copies go with its frame (once the first view is drawn). */
  readonly release = (): void => {
    if (!this.#releasable || this.#stopped || !this.#removers.length) return;
    this.#map.off('movestart', this.release);
    for (const remove of this.#removers.splice(0)) remove();
  };

  /** The map is being removed: the copies go with it. */
  stop(): void {
    this.#stopped = true;
    this.#removers.length = 0;
  }

  #listen(): void {
    if (!this.#releasable || this.#stopped || !this.#removers.length) return;
    this.#map.off('movestart', this.release); // (listening once)
    this.#map.on('movestart', this.release);
  }
}
