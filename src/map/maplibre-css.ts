// MapLibre's stylesheet as text, adopted into the element's shadow root (the build and the dev
// server turn .css imports into string modules).
import css from 'maplibre-gl/dist/maplibre-gl.css';

export default css;
