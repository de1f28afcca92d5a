// Loaded by csp-page.html (no inline script allowed there): reports to the parent frame.
import '../../src/index.ts';

const el = document.querySelector('map-story');
const report = (message) => parent.postMessage({ csp: true, ...message }, '*');
el.addEventListener('map-story-ready', () => {
  const map = el.map;
  map.once('idle', () => {
    map.once('render', () => {
      const canvas = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d');
      ctx.drawImage(canvas, 0, 0);
      const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      // The embedded basemap's tiles are modules (script-src 'self'): loaded under the policy.
      const tiles = performance.getEntriesByType('resource').filter((e) => /\/basemap-[\d-]+\./.test(e.name)).length;
      report({ ready: true, colours: colours.size, title: el.shadowRoot.querySelector('h1')?.textContent, tiles });
    });
    map.triggerRepaint();
  });
});
el.addEventListener('map-story-error', (e) => report({ error: e.detail.message }));
document.addEventListener('securitypolicyviolation', (e) => report({ violation: `${e.violatedDirective}: ${e.blockedURI}` }));
