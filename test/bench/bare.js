// The lightest possible implementation of the same job: bare MapLibre, the same embedded style
// and data, the same cameras, text from the same JSON, and an IntersectionObserver calling
// flyTo. No validation, no sanitising, no accessibility, no error handling. The bench bundles it
// (minified, MapLibre included, its worker beside it) like map-story's standalone build.
import { Map } from 'maplibre-gl';
import { embeddedStyle } from '../../src/basemap/embedded-style.ts';
import { loadLabels, loadWorld } from '../../src/basemap/world-data.ts';

window.__bench = { textAt: undefined, idleAt: undefined };
const params = new URLSearchParams(location.search);
const storyUrl = new URL(params.get('story'), location.href);
// (bundled into bench-results/, where the bench copies the basemap data too)
const story = await (await fetch(storyUrl)).json();

const text = document.querySelector('.text');
text.querySelector('h1').textContent = story.title;
const steps = story.chapters.map((c) => {
  const div = document.createElement('div');
  div.className = 'step';
  div.innerHTML = `<h2></h2><p></p>`;
  div.querySelector('h2').textContent = c.title ?? '';
  div.querySelector('p').textContent = c.body ?? '';
  text.append(div);
  return div;
});
requestAnimationFrame(() => (window.__bench.textAt = performance.now()));

const detail = (story.map?.detail ?? []).map((u) => new URL(u, storyUrl).href);
const first = story.chapters[0].camera;
const map = new Map({ container: 'map', style: embeddedStyle('light', detail), center: first.center ?? [0, 0], zoom: first.zoom ?? 2, interactive: false });
map.on('idle', () => {
  if (!window.__bench.idleAt && map.querySourceFeatures('world-110m').length + map.querySourceFeatures('world-50m').length > 0) window.__bench.idleAt = performance.now();
});
map.on('load', () => {
  loadWorld('110m').then((d) => map.getSource('world-110m').setData(d));
  loadLabels().then((d) => map.getSource('labels').setData(d));
  let detailLoaded = false;
  const more = () => {
    if (detailLoaded || map.getZoom() < 2) return;
    detailLoaded = true;
    loadWorld('50m').then((d) => map.getSource('world-50m').setData(d));
  };
  map.on('zoom', more);
  more();
});

const fly = (i) => {
  const c = story.chapters[i].camera;
  if (c.bounds) map.fitBounds(c.bounds, { padding: 40 });
  else map.flyTo({ center: c.center, zoom: c.zoom, pitch: c.pitch ?? 0, bearing: c.bearing ?? 0 });
};
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) if (e.isIntersecting) fly(steps.indexOf(e.target));
}, { rootMargin: '-50% 0px -50% 0px' });
steps.forEach((s) => observer.observe(s));

/** As in probe.js: average over `n` switches, fastest of 10 batches. */
window.__switchCost = (n) => {
  let best = Infinity;
  for (let batch = 0; batch < 10; batch++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      steps[i % steps.length].scrollIntoView({ block: 'center' });
      fly(i % steps.length);
    }
    best = Math.min(best, (performance.now() - t0) / n);
  }
  return best;
};
