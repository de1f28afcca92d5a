// The lightest possible implementation of the same job: bare MapLibre, the same embedded style
// and data, the same cameras, the same content on the map (the story's sources and layers, each
// chapter's labelled markers as a circle and a symbol layer), text from the same JSON, and an
// IntersectionObserver calling flyTo. No validation, no sanitising, no accessibility, no error
// handling, no scroll-driven lines. The bench bundles it (minified, MapLibre included, its
// worker beside it) like map-story's standalone build.
import * as maplibregl from 'maplibre-gl';
import { Map } from 'maplibre-gl';
import { embeddedStyle, FONTS } from '../../src/basemap/embedded-style.ts';
import { registerTiles } from '../../src/basemap/tiles.ts';

window.__bench = { textAt: undefined, idleAt: undefined };
const params = new URLSearchParams(location.search);
const storyUrl = new URL(params.get('story'), location.href);
const story = await (await fetch(storyUrl)).json();

// The same text as the story's cards (title card, chapters with dates, paragraphs, sources and legends,
// credits), plain DOM, so both pages have the same length to scroll.
const text = document.querySelector('.text');
const el = (tag, className, content) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (content !== undefined) e.textContent = content;
  return e;
};
const header = el('header', 'card');
header.append(el('h1', '', story.title));
if (story.subtitle) header.append(el('p', 'subtitle', story.subtitle));
for (const line of [story.byline, story.date]) if (line) header.append(el('p', 'byline', line));
text.append(header);
const steps = story.chapters.map((c) => {
  const section = el('section', 'card');
  if (c.date) section.append(el('p', 'small date', c.date));
  if (c.title) section.append(el('h2', '', c.title));
  for (const p of (c.body ?? '').split(/\n\s*\n/)) if (p.trim()) section.append(el('p', '', p.trim()));
  // Where the chapter's marks come from: a closed disclosure, as map-story shows it.
  const sourced = (c.markers ?? []).filter((m) => m.source);
  if (sourced.length) {
    const details = el('details', 'sources');
    details.append(el('summary', '', 'Sources for the map'));
    const ul = el('ul');
    for (const m of sourced) ul.append(el('li', '', `${m.label ?? m.name ?? 'Unnamed point'}: ${m.source}`));
    details.append(ul);
    section.append(details);
  }
  if (c.legend?.length) {
    const ul = el('ul');
    for (const item of c.legend) ul.append(el('li', '', item.label));
    section.append(ul);
  }
  text.append(section);
  return section;
});
if (story.credits?.length) {
  const footer = el('footer', 'card');
  footer.append(el('h2', '', 'Sources and credits'));
  const ul = el('ul');
  for (const c of story.credits) ul.append(el('li', '', c.text));
  footer.append(ul);
  text.append(footer);
}
// Text paint: the end of the frame that draws the text (as in probe.js).
requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => (window.__bench.textAt = performance.now());
  channel.port2.postMessage(0);
});

const detail = (story.map?.detail ?? []).map((u) => new URL(u, storyUrl).href);
const first = story.chapters[0].camera;
registerTiles(maplibregl); // the same tiles as map-story's, through the same protocol
const map = new Map({ container: 'map', style: embeddedStyle('light', detail), center: first.center ?? [0, 0], zoom: first.zoom ?? 2, interactive: false });
map.on('idle', () => {
  if (!window.__bench.idleAt && map.querySourceFeatures('basemap', { sourceLayer: 'land' }).length > 0) window.__bench.idleAt = performance.now();
});
// Each chapter's layers (shown and hidden from chapter to chapter) and markers.
const shownAt = [];
for (const c of story.chapters) {
  const shown = new Set(shownAt.at(-1) ?? []);
  for (const id of c.layers?.show ?? []) shown.add(id);
  for (const id of c.layers?.hide ?? []) shown.delete(id);
  shownAt.push(shown);
}
const markersOf = (c) => ({
  type: 'FeatureCollection',
  features: (c.markers ?? []).map((m) => ({ type: 'Feature', properties: { label: m.label ?? '' }, geometry: { type: 'Point', coordinates: m.coordinates } })),
});
let chapter = 0;
/** The chapter flown to last, -1 before the first (the bench attributes each frame to it). */
let active = -1;
window.__chapter = () => active;
const showContent = () => {
  if (!map.getSource('markers')) return;
  for (const layer of story.layers ?? []) map.setLayoutProperty(layer.id, 'visibility', shownAt[chapter].has(layer.id) ? 'visible' : 'none');
  map.getSource('markers').setData(markersOf(story.chapters[chapter]));
};
map.on('load', () => {
  for (const [id, source] of Object.entries(story.sources ?? {})) map.addSource(id, typeof source.data === 'string' ? { ...source, data: new URL(source.data, storyUrl).href } : source);
  for (const layer of story.layers ?? []) map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } });
  map.addSource('markers', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'markers', type: 'circle', source: 'markers', paint: { 'circle-radius': 6, 'circle-color': '#c2410c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
  map.addLayer({ id: 'marker-labels', type: 'symbol', source: 'markers', layout: { 'text-field': ['get', 'label'], 'text-font': FONTS.sans, 'text-size': 13, 'text-anchor': 'left', 'text-offset': [0.9, 0] }, paint: { 'text-color': '#1d232a', 'text-halo-color': '#fff', 'text-halo-width': 1.5 } });
  showContent();
});

const fly = (i) => {
  chapter = i;
  active = i;
  showContent();
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
