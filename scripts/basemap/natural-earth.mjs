// The embedded basemap's world geography, from npm packages (build time only): Natural Earth
// land and borders (npm world-atlas) and label points (countries: polylabel; seas and cities:
// hand-placed). Used by scripts/build-tiles.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import polylabel from 'polylabel';
import { geoEquirectangular } from 'd3-geo';
import { geoProject } from 'd3-geo-projection';
import { feature, mesh } from 'topojson-client';
import { topology as toTopology } from 'topojson-server';

const require = createRequire(import.meta.url);
const round = (n, d) => Math.round(n * 10 ** d) / 10 ** d;
/** Coordinates keep 4 decimals (~10 m): far finer than the 1:50m data. */
const DECIMALS = 4;
/** TopoJSON quantization while the borders are found (as world-atlas itself). */
const QUANTIZATION = 1e5;

/**
 * Cuts spherical GeoJSON at the antimeridian: world-atlas is made for d3's spherical rendering,
 * its polygons cross ±180°, and planar tiles would fill the wrong side of the world. An
 * equirectangular projection in degrees, y flipped back up.
 */
const cut = (() => {
  const projection = geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).precision(0);
  const flip = (coords) => (typeof coords[0] === 'number' ? [round(coords[0], DECIMALS), round(-coords[1], DECIMALS)] : coords.map(flip));
  return (fc) => {
    const projected = geoProject(fc, projection);
    for (const f of projected.features) if (f.geometry) f.geometry.coordinates = flip(f.geometry.coordinates);
    return projected;
  };
})();

/** Twice the signed area of a ring: positive when counter-clockwise. */
function signedArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum;
}

/** RFC 7946 winding (outer rings counter-clockwise): the tiler fills whole tiles inside polygons right. */
function rewind(geometry) {
  const fix = (rings) => rings.map((ring, i) => ((signedArea(ring) < 0) === (i === 0) ? ring.slice().reverse() : ring));
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: fix(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') return { ...geometry, coordinates: geometry.coordinates.map(fix) };
  return geometry;
}

/** One scale of the world ('110m' or '50m'): land polygons, borders between countries, and the countries. */
export function world(scale) {
  const source = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'));
  const countries = feature(source, source.objects.countries);
  for (const f of countries.features) f.properties = { name: f.properties.name };
  const topology = toTopology({ countries: cut(countries), land: cut(feature(source, source.objects.land)) }, QUANTIZATION);
  const land = feature(topology, topology.objects.land);
  return {
    land: { type: 'FeatureCollection', features: land.features.map((f) => ({ type: 'Feature', properties: {}, geometry: rewind(f.geometry) })) },
    borders: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: mesh(topology, topology.objects.countries, (a, b) => a !== b) }] },
    countries: feature(topology, topology.objects.countries),
  };
}

// Sea and ocean names: hand-placed label points, each checked to fall in open water.
const SEAS = [
  ['Mediterranean Sea', 17.5, 34.4, 1], ['Atlantic Ocean', -19, 40, 1], ['Black Sea', 34, 43.3, 1],
  ['Baltic Sea', 18.6, 55.9, 1], ['North Sea', 3.5, 56, 1], ['Red Sea', 38.4, 20.6, 2],
  ['Caspian Sea', 51, 42, 2], ['Aegean Sea', 25, 38.8, 3], ['Adriatic Sea', 15.6, 43, 3],
  ['Tyrrhenian Sea', 11.5, 40, 3], ['Ionian Sea', 19, 37.6, 3], ['Bay of Biscay', -4.5, 45.5, 3],
  ['Gulf of Sidra', 18.5, 31.6, 4], ['Persian Gulf', 51.4, 27, 3], ['Levantine Sea', 31.5, 33.6, 4],
];
// Cities: coordinates rounded from Wikipedia; rank 1 capitals show from zoom 3.5, rank 2 from 6.
const CITIES = [
  ['Damascus', 36.28, 33.51, 1], ['Beirut', 35.5, 33.89, 1], ['Ankara', 32.86, 39.93, 1], ['Cairo', 31.24, 30.04, 1],
  ['Tripoli', 13.19, 32.89, 1], ['Athens', 23.73, 37.98, 1], ['Rome', 12.5, 41.9, 1], ['Nicosia', 33.36, 35.17, 1],
  ['Moscow', 37.62, 55.76, 1], ['London', -0.13, 51.51, 1], ['Paris', 2.35, 48.86, 1], ['Madrid', -3.7, 40.42, 1],
  ['Lisbon', -9.14, 38.72, 1], ['Algiers', 3.06, 36.75, 1], ['Tunis', 10.18, 36.81, 1], ['Copenhagen', 12.57, 55.68, 1],
  ['Amman', 35.93, 31.95, 1], ['Baghdad', 44.36, 33.31, 1], ['Istanbul', 28.98, 41.01, 1], ['Aleppo', 37.16, 36.2, 2],
  ['Latakia', 35.79, 35.52, 2], ['Tartus', 35.89, 34.89, 2], ['Jableh', 35.92, 35.36, 2], ['Benghazi', 20.07, 32.12, 2],
  ['Kaliningrad', 20.51, 54.71, 2], ['St Petersburg', 30.31, 59.94, 1], ['Oran', -0.63, 35.7, 2], ['Cartagena', -0.99, 37.61, 2],
  ['Homs', 36.72, 34.73, 2], ['Tobruk', 23.96, 32.08, 2],
];
/** Countries smaller than this (square degrees) get no label. */
const MIN_LABELLED_AREA = 0.05;
/** Area thresholds (square degrees) of country label ranks 1-3; smaller ones are rank 4. */
const RANK_AREAS = [150, 20, 2];

const ringArea = (ring) => Math.abs(signedArea(ring) / 2);

/** Label points: countries (rank by area), seas and cities, each with `kind`, `name`, `rank`. */
export function labels(countries) {
  const countryLabels = [];
  for (const f of countries.features) {
    if (!f.geometry || !f.properties.name) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const largest = polys.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
    const area = ringArea(largest[0]);
    if (area < MIN_LABELLED_AREA) continue;
    const [x, y] = polylabel(largest, 0.05);
    const rank = RANK_AREAS.findIndex((min) => area > min) + 1 || RANK_AREAS.length + 1;
    countryLabels.push({ type: 'Feature', properties: { kind: 'country', name: f.properties.name, rank }, geometry: { type: 'Point', coordinates: [round(x, 2), round(y, 2)] } });
  }
  const point = (kind) => ([name, x, y, rank]) => ({ type: 'Feature', properties: { kind, name, rank }, geometry: { type: 'Point', coordinates: [x, y] } });
  return { type: 'FeatureCollection', features: [...countryLabels, ...SEAS.map(point('sea')), ...CITIES.map(point('city'))] };
}

/** The names of the cities the basemap labels (a marker labelled like one hides it). */
export const CITY_NAMES = CITIES.map(([name]) => name);
