// Bench probe for the map-story page: when the text is painted, when the map is first idle
// with its basemap drawn, and how long chapter switches take.
const params = new URLSearchParams(location.search);
const el = document.querySelector('map-story');
el.src = params.get('story');
window.__bench = { textAt: undefined, idleAt: undefined };
/** The active chapter's index, -1 before the first (the bench attributes each frame to it). */
window.__chapter = () => el.chapterIndex ?? -1;

/** Text paint: the end of the first frame that draws the story's title (a task posted from that
 * frame's animation callback runs once the frame is rendered). Same measure in bare.js. */
function waitText() {
  if (!el.shadowRoot?.querySelector('h1')) return requestAnimationFrame(waitText);
  const channel = new MessageChannel();
  channel.port1.onmessage = () => (window.__bench.textAt = performance.now());
  channel.port2.postMessage(0);
}
requestAnimationFrame(waitText);

el.addEventListener('map-story-ready', () => {
  const map = el.map;
  const check = () => {
    if (!window.__bench.idleAt && map.loaded() && map.querySourceFeatures('basemap', { sourceLayer: 'land' }).length > 0) window.__bench.idleAt = performance.now();
  };
  map.on('idle', check);
  check();
}, { once: true });

/**
 * Synchronous cost of moving to a chapter (scroll + state): the average over `n` switches, in
 * the fastest of 10 batches (the usual way to keep other work on the machine out of a
 * sub-millisecond figure).
 */
window.__switchCost = (n) => {
  const count = el.shadowRoot.querySelectorAll('.chapter').length;
  let best = Infinity;
  for (let batch = 0; batch < 10; batch++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) el.goTo(i % count, { smooth: false });
    best = Math.min(best, (performance.now() - t0) / n);
  }
  return best;
};
