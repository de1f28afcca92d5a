import type { ReactiveControllerHost } from 'lit';
import type { ExtrasWiring } from './extras-view.js';

/**
 * Per-chapter basemaps and comparisons (a chapter's `basemap` and `compare`). Their code (the
 * divider, the clipped layers, the theme change: `ExtrasView`) loads with `import()` only once
 * a story has such a chapter, and then attaches itself to the element as a controller of its
 * own; pages without them pay for this function only.
 */
export function chapterExtras(host: ReactiveControllerHost & HTMLElement, wiring: ExtrasWiring): void {
  let loading = false;
  host.addController({
    hostUpdated() {
      const loaded = wiring.loaded();
      if (loading || !loaded?.states.some((s) => s.compare || s.basemap.theme || !s.basemap.detail)) return;
      loading = true;
      import('./extras-view.js').then(
        (view) => view.attach(host, wiring),
        () => (loading = false), // tried again after the next render
      );
    },
  });
}
