// Shared by the pages in this folder: every map-story event on the page, and the element's
// problem panel, reported to the parent frame (the test) as they happen.
import '../../src/index.ts';

const report = (message) => parent.postMessage({ embedding: true, ...message }, '*');
for (const type of ['map-story-ready', 'map-story-error']) {
  document.addEventListener(type, (e) => report({
    type,
    title: e.detail.title,
    code: e.detail.code,
    panel: !!e.target.shadowRoot?.querySelector('[part="errors"]'),
  }));
}
