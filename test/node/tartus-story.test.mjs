// The Tartus story against its source article and its data:
// - no run of RUN words is shared between what a reader sees of the story (titles, bodies, map
//   descriptions, legends, marker labels) and the article it retells: it is told in our own words;
// - every mark on the map is traceable to a sourced feature, and estimates look like estimates.
//
// The article (../shared/seed/article.txt, next to the repository) is not committed: it is someone
// else's text. The test keeps a fingerprint of it instead, test/fixtures/tartus-article-runs.json:
// a hash of every run of RUN words. Where the article is present it is read too, the fingerprint
// is checked against it, and failures quote the article's own words.
// Refresh the fingerprint: UPDATE_ARTICLE_RUNS=1 node --test test/node/tartus-story.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { featureFilter, createExpression } from '@maplibre/maplibre-gl-style-spec';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const storyPath = join(root, 'stories', 'tartus-withdrawal.json');
const story = JSON.parse(readFileSync(storyPath, 'utf8'));
const articlePath = process.env.TARTUS_ARTICLE ?? join(root, '..', 'shared', 'seed', 'article.txt');
const fingerprintPath = join(root, 'test', 'fixtures', 'tartus-article-runs.json');

/** Shortest run of words that counts as copied. */
export const RUN = 8;

/** Words of a text, compared without case, accents, apostrophes or punctuation. */
export function words(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Every run of `n` consecutive words, as text. */
export function runs(text, n = RUN) {
  const w = words(text);
  const out = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell ~2,000 runs apart. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** What a reader sees of the story, field by field: [where, text]. */
function storyTexts() {
  const texts = [['title', story.title], ['subtitle', story.subtitle ?? '']];
  for (const c of story.chapters) {
    texts.push([`${c.id}.title`, c.title ?? ''], [`${c.id}.date`, c.date ?? ''], [`${c.id}.body`, c.body ?? ''], [`${c.id}.mapDescription`, c.mapDescription ?? '']);
    for (const [i, l] of (c.legend ?? []).entries()) texts.push([`${c.id}.legend[${i}]`, l.label]);
    for (const [i, m] of (c.markers ?? []).entries()) texts.push([`${c.id}.markers[${i}]`, `${m.label ?? ''} ${m.name ?? ''}`]);
  }
  return texts;
}

const article = existsSync(articlePath) ? readFileSync(articlePath, 'utf8') : undefined;

test('the article fingerprint is current (when the article is at hand)', { skip: !article && 'article.txt not found' }, () => {
  const fingerprint = { run: RUN, hash: 'fnv1a-32', runs: [...new Set(runs(article).map(hash))].sort() };
  if (process.env.UPDATE_ARTICLE_RUNS) writeFileSync(fingerprintPath, `${JSON.stringify(fingerprint)}\n`);
  const committed = JSON.parse(readFileSync(fingerprintPath, 'utf8'));
  assert.deepEqual(committed, fingerprint, 'test/fixtures/tartus-article-runs.json is stale: run with UPDATE_ARTICLE_RUNS=1');
});

test(`no run of ${RUN} words is shared between the story and the article`, () => {
  const fingerprint = JSON.parse(readFileSync(fingerprintPath, 'utf8'));
  assert.equal(fingerprint.run, RUN);
  const known = new Set(fingerprint.runs);
  const articleRuns = article ? new Set(runs(article)) : undefined;
  const shared = [];
  for (const [where, text] of storyTexts()) {
    for (const run of runs(text)) {
      if (articleRuns ? articleRuns.has(run) : known.has(hash(run))) shared.push(`${where}: "${run}"`);
    }
  }
  assert.deepEqual(shared, []);
});

test('the run counter finds a copied run across case and punctuation, and nothing shorter', () => {
  const source = 'The Kremlin had struck the deal back in 2017 with the Assad regime.';
  assert.ok(runs('In 2025, "the KREMLIN had struck the deal -- back in 2017!"').some((r) => runs(source).includes(r)));
  assert.ok(!runs('The Kremlin had struck the deal back then, in 2017.').some((r) => runs(source).includes(r)));
  assert.deepEqual(words("Hay'at Tahrir al-Sham’s Idlib"), ['hayat', 'tahrir', 'al', 'shams', 'idlib']);
});

// ---- Provenance -------------------------------------------------------------------------------

const dataFile = (rel) => JSON.parse(readFileSync(join(root, 'stories', rel), 'utf8'));
/** Every GeoJSON file the story loads, by story source id ("detail-<i>" for map.detail). */
const sources = new Map();
for (const [id, s] of Object.entries(story.sources ?? {})) if (s.type === 'geojson' && typeof s.data === 'string') sources.set(id, dataFile(s.data));
for (const [i, rel] of (story.map?.detail ?? []).entries()) sources.set(`detail-${i}`, dataFile(rel));
const allFeatures = [...sources.values()].flatMap((fc) => fc.features);
const points = allFeatures.filter((f) => f.geometry.type === 'Point');
const near = (a, b) => Math.abs(a[0] - b[0]) < 1e-4 && Math.abs(a[1] - b[1]) < 1e-4;

test('every feature of every data file the story loads names its source', () => {
  assert.ok(allFeatures.length > 20);
  const unsourced = allFeatures.filter((f) => typeof f.properties?.source !== 'string' || f.properties.source.trim().length < 8);
  assert.deepEqual(unsourced.map((f) => f.properties?.name ?? f.properties?.kind), []);
});

test('every marker is a sourced feature: same place, same approximate flag, and it cites that feature\'s source', () => {
  const problems = [];
  for (const chapter of story.chapters) {
    for (const m of chapter.markers ?? []) {
      const f = points.find((p) => near(p.geometry.coordinates, m.coordinates));
      if (!f) problems.push(`${chapter.id}: "${m.label}" marks no sourced feature`);
      else if (Boolean(f.properties.approximate) !== Boolean(m.approximate)) problems.push(`${chapter.id}: "${m.label}" approximate flag differs from ${f.properties.name}`);
      else if (!m.source?.startsWith(f.properties.source)) problems.push(`${chapter.id}: "${m.label}" does not cite the source of ${f.properties.name}`);
    }
  }
  assert.deepEqual(problems, []);
});

/** Evaluates a layer's paint value (constant or expression) for a feature at a zoom. */
function paintValue(layer, property, feature, zoom = 10) {
  const value = layer.paint?.[property];
  if (value === undefined || !Array.isArray(value) || typeof value[0] !== 'string') return value;
  const e = createExpression(value, `layers.${layer.id}.paint.${property}`);
  assert.equal(e.result, 'success', `${layer.id} ${property}`);
  const out = e.value.evaluate({ zoom }, { type: feature.geometry.type, properties: feature.properties });
  return typeof out === 'object' && out && 'r' in out ? [out.r, out.g, out.b, out.a] : out;
}

test('every feature a story layer draws is sourced; estimates are drawn dashed (lines) or hollow (dots)', () => {
  const problems = [];
  let drawn = 0;
  for (const layer of story.layers) {
    const fc = sources.get(layer.source);
    if (!fc) { problems.push(`${layer.id}: source ${layer.source} is not a GeoJSON file of the story`); continue; }
    const filter = featureFilter(layer.filter, `layers.${layer.id}.filter`);
    for (const f of fc.features) {
      const geometryType = f.geometry.type.replace(/^Multi/, '');
      if (layer.filter && !filter.filter({ zoom: 10 }, { type: geometryType, properties: f.properties })) continue;
      if (layer.type === 'line' && geometryType === 'Point') continue;
      if (layer.type === 'circle' && geometryType !== 'Point') continue;
      if (layer.type === 'fill' && geometryType !== 'Polygon') continue;
      drawn++;
      const name = f.properties.name ?? f.properties.kind;
      if (!f.properties.source) problems.push(`${layer.id}: ${name} has no source`);
      if (!f.properties.approximate) continue;
      if (layer.type === 'line' && !layer.paint?.['line-dasharray']) problems.push(`${layer.id}: the estimate ${name} is drawn as a solid line`);
      if (layer.type === 'circle') {
        const fill = paintValue(layer, 'circle-color', f);
        const hollow = fill === '#ffffff' || (Array.isArray(fill) && fill[0] === 1 && fill[1] === 1 && fill[2] === 1);
        if (!hollow) problems.push(`${layer.id}: the estimate ${name} is drawn filled (${fill})`);
      }
    }
  }
  assert.ok(drawn > 10, `${drawn} features drawn`);
  assert.deepEqual(problems, []);
});

test('every estimated place the map shows as a marker is marked approximate, and the annotation areas are drawn', () => {
  const tartus = points.find((f) => f.properties.name === 'Tartus');
  assert.equal(tartus.properties.approximate, true, 'Tartus town: its source is given to the minute only');
  const benghazi = points.find((f) => f.properties.name === 'Port of Benghazi');
  assert.equal(benghazi.properties.approximate, true);
  const annotationLayers = story.layers.filter((l) => l.source === 'annotations');
  assert.ok(annotationLayers.some((l) => l.type === 'fill') && annotationLayers.some((l) => l.type === 'line' && l.paint?.['line-dasharray']));
  const shown = new Set(story.chapters.flatMap((c) => c.layers?.show ?? []));
  for (const l of annotationLayers) assert.ok(shown.has(l.id) || l.layout?.visibility === 'visible', `${l.id} is never shown`);
});

test('a chapter centred on the Baltic at zoom 5 or more comes before the route to the Mediterranean is drawn', () => {
  const i = story.chapters.findIndex((c) => c.camera.zoom >= 5 && c.camera.center && c.camera.center[0] > 9 && c.camera.center[0] < 22 && c.camera.center[1] > 53.5 && c.camera.center[1] < 60);
  assert.ok(i >= 0, 'no chapter centred on the Baltic at zoom >= 5');
  const route = story.chapters.findIndex((c) => c.progress?.layer === 'route');
  assert.ok(route > i, 'the route to the Mediterranean is drawn after the Baltic chapter');
});
