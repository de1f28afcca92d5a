#!/usr/bin/env node
// Extracts stories' regional detail from npm packages into small committed files, so that
// neither the packages nor the network are needed at run time. Run it when a story needs
// detail in a new region:
//
//   npm install --no-save @geo-maps/countries-coastline-1m   # ~100 MB, never a dependency
//   node scripts/extract-basemap.mjs
//
// (The world, land, borders and labels, is vector tiles: scripts/build-tiles.mjs.)
// Writes, for each region below, a GeoJSON "detail" file next to its story: OSM-derived
// coastline (npm @geo-maps/countries-coastline-1m, ODbL, © OpenStreetMap contributors) clipped
// to the region, a `region` rectangle (drawn as sea under it) and runways (OurAirports, public
// domain). It stays GeoJSON, in the story's folder (`map.detail`): small, and an author adding
// detail for their own places edits a file they can read, with no tile build.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clipPolygon } from 'lineclip';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const round = (n, d = 5) => Math.round(n * 10 ** d) / 10 ** d;
const write = (path, value) => {
  const text = JSON.stringify(value);
  writeFileSync(path, text);
  console.log(`${path.replace(`${repo}/`, '')}: ${text.length} bytes`);
};
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
