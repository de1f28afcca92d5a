// Loaded by hostile-page.html: renders a story with hostile HTML in every text field under a
// strict CSP, and reports every violation the browser sees to the parent frame.
import '../../src/index.ts';

const report = (message) => parent.postMessage({ csp: true, ...message }, '*');
document.addEventListener('securitypolicyviolation', (e) => report({ violation: `${e.violatedDirective}: ${e.blockedURI} ${e.sample}` }));

const TRAP = 'window.__pwned=1';
const hostile = [
  `<img src=x onerror="${TRAP}">`, `<svg onload="${TRAP}">`, `<p onclick="${TRAP}">click</p>`, `<a href="#" onmouseover="${TRAP}">hover</a>`,
  `<details open ontoggle="${TRAP}">x</details>`, `<body onload="${TRAP}">`, `<video><source onerror="${TRAP}"></video>`,
  `<div style="background:url(/beacon)">x</div>`, `<script>${TRAP}</script>`, `<a href="javascript:${TRAP}">link</a>`,
].join(' ');
const text = `<p>Hostile</p> ${hostile}`;
const chapter = (id, lng) => ({
  id, title: text, date: text, body: text, mapDescription: text,
  camera: { center: [lng, 35], zoom: 4 }, transition: { type: 'jump' },
  media: { src: '../fixtures/pixel.png', alt: text, caption: text, credit: text },
  markers: [{ coordinates: [lng, 35], label: text, name: text }],
  legend: [{ label: text, color: '#c00' }, { label: text, color: 'oklch(0.7 0.1 120)' }],
});
const el = document.querySelector('map-story');
el.addEventListener('map-story-error', (e) => report({ error: e.detail.message }));
el.addEventListener('map-story-ready', () => {
  const map = el.map;
  map.once('idle', async () => {
    // Render the text again several times (chapter changes re-render every card).
    for (const id of ['two', 'three', 'one']) {
      el.goTo(id, { smooth: false });
      await el.updateComplete;
    }
    // Violation reports are queued as tasks: let them arrive.
    await new Promise((r) => setTimeout(r, 200));
    report({ ready: true, pwned: window.__pwned ?? null, chapters: el.shadowRoot.querySelectorAll('.chapter').length });
  });
});
el.story = {
  version: 1, title: text, subtitle: text, byline: text, date: text,
  map: { attribution: text },
  sources: { pts: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, attribution: text } },
  layers: [{ id: 'pts', type: 'circle', source: 'pts' }],
  credits: [{ text }],
  chapters: [chapter('one', 20), chapter('two', 25), chapter('three', 30)],
};
