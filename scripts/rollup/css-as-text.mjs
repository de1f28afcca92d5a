/**
 * `import css from 'x.css'` becomes the stylesheet as a string: MapLibre's CSS is adopted into
 * the element's shadow root (src/map/maplibre-css.ts), where a page's <link> cannot reach, so it
 * travels as text instead of being injected into the document or emitted as a file.
 */
export const cssAsText = () => ({
  name: 'css-as-text',
  transform(code, id) {
    if (id.endsWith('.css')) return { code: `export default ${JSON.stringify(code)};`, map: null };
  },
});
