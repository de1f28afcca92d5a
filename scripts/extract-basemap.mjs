#!/usr/bin/env node
// Extracts the embedded basemap's data from npm packages into small committed files, so that
// neither the packages nor the network are needed at run time. Run it when a story needs
// detail in a new region:
//
//   npm install --no-save @geo-maps/countries-coastline-1m   # ~100 MB, never a dependency
//   node scripts/extract-basemap.mjs
//
// Writes:
// - src/basemap/data/world-110m.ts, world-50m.ts: Natural Earth countries and land as
//   TopoJSON (npm world-atlas), 3-4x smaller than GeoJSON. world-atlas is made for spherical
//   rendering (d3): its polygons cross the antimeridian. MapLibre draws planar GeoJSON, where
//   such a polygon fills the wrong side of the world, so they are cut at ±180° here.
// - src/basemap/data/labels.ts: country label points (pole of inaccessibility of each
//   country's largest polygon, npm polylabel), sea names and a few cities (hand-placed).
// - for each region below, a GeoJSON "detail" file next to its story: OSM-derived coastline
//   (npm @geo-maps/countries-coastline-1m, ODbL, © OpenStreetMap contributors) clipped to the
//   region, a `region` rectangle (drawn as sea under it) and runways (OurAirports, public domain).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clipPolygon } from 'lineclip';
import polylabel from 'polylabel';
import { geoEquirectangular } from 'd3-geo';
import { geoProject } from 'd3-geo-projection';
import { feature } from 'topojson-client';
import { topology as toTopology } from 'topojson-server';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const out = join(repo, 'src', 'basemap', 'data');
mkdirSync(out, { recursive: true });
const round = (n, d = 5) => Math.round(n * 10 ** d) / 10 ** d;
const write = (path, value) => {
  const text = JSON.stringify(value);
  writeFileSync(path, text);
  console.log(`${path.replace(`${repo}/`, '')}: ${text.length} bytes`);
};
/**
 * The embedded basemap's data ships as modules whose default export is the JSON text: a
 * dynamic `import()` is the one way of loading a file that every bundler (Vite, webpack,
 * esbuild, Rollup, Parcel) and every host follows with no configuration; `new URL(…,
 * import.meta.url)` assets are not copied by esbuild or Rollup, and Parcel turns `.json` into JS.
 */
const writeModule = (path, value) => {
  const text = JSON.stringify(value);
  const name = path.split('/').pop();
  writeFileSync(path, `// Made by scripts/extract-basemap.mjs: do not edit. The JSON text of ${name.replace(/\.ts$/, '')}.\nconst text: string = ${JSON.stringify(text)};\nexport default text;\n`);
  console.log(`${path.replace(`${repo}/`, '')}: ${text.length} bytes of JSON`);
};

// ---- Natural Earth world ----------------------------------------------------------------
/** Cuts spherical GeoJSON at the antimeridian: an equirectangular projection in degrees, y up. */
const cut = (() => {
  const projection = geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).precision(0);
  const flip = (coords) => (typeof coords[0] === 'number' ? [round(coords[0], 4), round(-coords[1], 4)] : coords.map(flip));
  return (fc) => {
    const projected = geoProject(fc, projection);
    for (const f of projected.features) if (f.geometry) f.geometry.coordinates = flip(f.geometry.coordinates);
    return projected;
  };
})();

let countries50;
for (const scale of ['110m', '50m']) {
  const source = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'));
  const countries = feature(source, source.objects.countries);
  for (const f of countries.features) f.properties = { name: f.properties.name };
  const topology = toTopology({ countries: cut(countries), land: cut(feature(source, source.objects.land)) }, 1e5);
  if (scale === '50m') countries50 = topology;
  writeModule(join(out, `world-${scale}.ts`), topology);
}

// ---- labels -----------------------------------------------------------------------------
// Sea and ocean names: hand-placed label points, each checked to fall in open water.
const seas = [
  ['Mediterranean Sea', 17.5, 34.4, 1], ['Atlantic Ocean', -19, 40, 1], ['Black Sea', 34, 43.3, 1],
  ['Baltic Sea', 18.6, 55.9, 1], ['North Sea', 3.5, 56, 1], ['Red Sea', 38.4, 20.6, 2],
  ['Caspian Sea', 51, 42, 2], ['Aegean Sea', 25, 38.8, 3], ['Adriatic Sea', 15.6, 43, 3],
  ['Tyrrhenian Sea', 11.5, 40, 3], ['Ionian Sea', 19, 37.6, 3], ['Bay of Biscay', -4.5, 45.5, 3],
  ['Gulf of Sidra', 18.5, 31.6, 4], ['Persian Gulf', 51.4, 27, 3], ['Levantine Sea', 31.5, 33.6, 4],
];
// Cities: coordinates rounded from Wikipedia; rank 1 capitals show from zoom 3.5, rank 2 from 6.
const cities = [
  ['Damascus', 36.28, 33.51, 1], ['Beirut', 35.5, 33.89, 1], ['Ankara', 32.86, 39.93, 1], ['Cairo', 31.24, 30.04, 1],
  ['Tripoli', 13.19, 32.89, 1], ['Athens', 23.73, 37.98, 1], ['Rome', 12.5, 41.9, 1], ['Nicosia', 33.36, 35.17, 1],
  ['Moscow', 37.62, 55.76, 1], ['London', -0.13, 51.51, 1], ['Paris', 2.35, 48.86, 1], ['Madrid', -3.7, 40.42, 1],
  ['Lisbon', -9.14, 38.72, 1], ['Algiers', 3.06, 36.75, 1], ['Tunis', 10.18, 36.81, 1], ['Copenhagen', 12.57, 55.68, 1],
  ['Amman', 35.93, 31.95, 1], ['Baghdad', 44.36, 33.31, 1], ['Istanbul', 28.98, 41.01, 1], ['Aleppo', 37.16, 36.2, 2],
  ['Latakia', 35.79, 35.52, 2], ['Tartus', 35.89, 34.89, 2], ['Jableh', 35.92, 35.36, 2], ['Benghazi', 20.07, 32.12, 2],
  ['Kaliningrad', 20.51, 54.71, 2], ['St Petersburg', 30.31, 59.94, 1], ['Oran', -0.63, 35.7, 2], ['Cartagena', -0.99, 37.61, 2],
  ['Homs', 36.72, 34.73, 2], ['Tobruk', 23.96, 32.08, 2],
];
const land = feature(countries50, countries50.objects.countries);
const ringArea = (ring) => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(a / 2);
};
const countryLabels = [];
for (const f of land.features) {
  if (!f.geometry || !f.properties.name) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const largest = polys.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
  const area = ringArea(largest[0]);
  if (area < 0.05) continue; // microstates: no label
  const [x, y] = polylabel(largest, 0.05);
  const rank = area > 150 ? 1 : area > 20 ? 2 : area > 2 ? 3 : 4;
  countryLabels.push({ type: 'Feature', properties: { kind: 'country', name: f.properties.name, rank }, geometry: { type: 'Point', coordinates: [round(x, 2), round(y, 2)] } });
}
const point = (kind) => ([name, x, y, rank]) => ({ type: 'Feature', properties: { kind, name, rank }, geometry: { type: 'Point', coordinates: [x, y] } });
writeModule(join(out, 'labels.ts'), {
  type: 'FeatureCollection',
  features: [...countryLabels, ...seas.map(point('sea')), ...cities.map(point('city'))],
});

// ---- regional detail --------------------------------------------------------------------
const regions = [
  {
    // The Syrian coast from south of Tartus to north of Latakia: Tartus port (breakwaters,
    // piers) and Khmeimim Air Base near Jableh.
    file: 'stories/tartus-withdrawal/coast-detail.geojson',
    bbox: [35.55, 34.55, 36.35, 36.0],
    countries: ['SYR', 'LBN', 'TUR'],
    runways: [
      // OurAirports runways.csv, OSLK (Bassel Al-Assad / Hmeimim), runway 17/35:
      // 9,175 ft x 148 ft; thresholds 35.41390,35.94750 and 35.38870,35.94940.
      { name: 'Khmeimim runway 17/35', from: [35.9475, 35.4139], to: [35.9494, 35.3887], widthM: 45, source: 'OurAirports (OSLK)' },
    ],
  },
];

const coastlinePath = (() => {
  try {
    return require.resolve('@geo-maps/countries-coastline-1m/map.geo.json');
  } catch {
    return undefined;
  }
})();

/** A runway as a rectangle `widthM` metres wide around its centre line. */
function runwayPolygon({ from, to, widthM }) {
  const lat = ((from[1] + to[1]) / 2) * (Math.PI / 180);
  const mPerDegLat = 111_320;
  const mPerDegLng = 111_320 * Math.cos(lat);
  const dx = (to[0] - from[0]) * mPerDegLng;
  const dy = (to[1] - from[1]) * mPerDegLat;
  const len = Math.hypot(dx, dy);
  const ox = ((-dy / len) * widthM) / 2 / mPerDegLng;
  const oy = ((dx / len) * widthM) / 2 / mPerDegLat;
  const ring = [
    [from[0] + ox, from[1] + oy], [to[0] + ox, to[1] + oy], [to[0] - ox, to[1] - oy], [from[0] - ox, from[1] - oy],
  ].map(([x, y]) => [round(x, 6), round(y, 6)]);
  return [[...ring, ring[0]]];
}

if (!coastlinePath) {
  console.log('skipped regional detail: run `npm install --no-save @geo-maps/countries-coastline-1m` first');
} else {
  const coast = JSON.parse(readFileSync(coastlinePath, 'utf8'));
  for (const region of regions) {
    const [w, s, e, n] = region.bbox;
    const features = [
      {
        type: 'Feature',
        properties: { kind: 'region', source: 'extent of the detailed coastline' },
        geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
      },
    ];
    // Clip each country's polygons to the region.
    const clippedByCountry = [];
    for (const f of coast.features) {
      if (!region.countries.includes(f.properties.A3)) continue;
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const clipped = [];
      for (const poly of polys) {
        const rings = poly.map((ring) => clipPolygon(ring, region.bbox)).filter((r) => r.length >= 4);
        if (rings.length && rings[0].length >= 4) clipped.push(rings.map((r) => r.map(([x, y]) => [round(x), round(y)])));
      }
      if (clipped.length) clippedByCountry.push({ country: f.properties.A3, clipped });
    }
    // A segment two countries share is a land border, not coast.
    const key = (a, b) => { const p = a.join(','), q = b.join(','); return p < q ? `${p}|${q}` : `${q}|${p}`; };
    const owners = new Map();
    for (const { country, clipped } of clippedByCountry) {
      for (const poly of clipped) for (const ring of poly) for (let i = 0; i < ring.length - 1; i++) {
        const k = key(ring[i], ring[i + 1]);
        owners.set(k, (owners.get(k) ?? new Set()).add(country));
      }
    }
    const onEdge = ([x1, y1], [x2, y2]) =>
      (x1 === x2 && (x1 === round(w) || x1 === round(e))) || (y1 === y2 && (y1 === round(s) || y1 === round(n)));
    const osm = '© OpenStreetMap contributors (ODbL), via @geo-maps/countries-coastline-1m';
    for (const { country, clipped } of clippedByCountry) {
      // Coastline: the rings without the stretches along the region's edge or shared with a neighbour.
      const lines = [];
      for (const poly of clipped) {
        for (const ring of poly) {
          let run = [];
          for (let i = 0; i < ring.length - 1; i++) {
            if (onEdge(ring[i], ring[i + 1]) || owners.get(key(ring[i], ring[i + 1])).size > 1) {
              if (run.length > 1) lines.push(run);
              run = [];
            } else {
              if (run.length === 0) run.push(ring[i]);
              run.push(ring[i + 1]);
            }
          }
          if (run.length > 1) lines.push(run);
        }
      }
      features.push({ type: 'Feature', properties: { kind: 'land', country, source: osm }, geometry: { type: 'MultiPolygon', coordinates: clipped } });
      if (lines.length) features.push({ type: 'Feature', properties: { kind: 'coastline', country, source: osm }, geometry: { type: 'MultiLineString', coordinates: lines } });
    }
    for (const runway of region.runways) {
      features.push({
        type: 'Feature',
        properties: { kind: 'runway', name: runway.name, source: runway.source },
        geometry: { type: 'Polygon', coordinates: runwayPolygon(runway) },
      });
    }
    const path = join(repo, region.file);
    if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
    write(path, { type: 'FeatureCollection', features });
  }
}
