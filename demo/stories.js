// The stories the demo shows, by file name in stories/.
export const stories = [
  // html: the same story with its chapters in the page's HTML (<map-chapter>), made by scripts/story-html.mjs.
  { name: 'tartus-withdrawal', html: 'tartus.html', note: 'Scroll-scrubbed camera, a route drawn by scrolling, sourced markers, annotated areas, a scale bar in close views, locator map.' },
  { name: 'feature-tour', note: 'Converted from a Mapbox storytelling config.js: dark theme, centred, right and full-width cards, an image with caption.' },
];
