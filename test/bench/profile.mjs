// Where the main thread's time goes during the scroll: Chromium's sampling profiler (CDP), self
// time summed by source file and by function, mapped back to the sources through the bundles'
// source maps (MapLibre's through its own map too).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

/** Sampling interval, µs: fine enough for per-frame work, coarse enough not to slow the page much. */
const SAMPLE_US = 500;

export class ScrollProfile {
  #root;
  #origin;
  #maps = new Map();
  #maplibre;

  constructor(root, origin) {
    this.#root = root;
    this.#origin = origin;
  }

  async start(cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
    await cdp.send('Profiler.start');
  }

  /** Stops the profiler: `{ files, functions }`, each `{ [name]: self ms }`. */
  async stop(cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const files = {};
    const functions = {};
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const { file, name } = this.#where(nodes.get(id).callFrame);
      if (file === '(idle)') return;
      files[file] = (files[file] ?? 0) + ms;
      functions[name] = (functions[name] ?? 0) + ms;
    });
    return { files, functions };
  }

  #where(frame) {
    const native = { file: frame.functionName || '(native)', name: frame.functionName || '(native)' };
    if (!frame.url) return native;
    let position = { source: frame.url.replace(this.#origin, ''), line: frame.lineNumber + 1, name: frame.functionName };
    const map = this.#mapOf(frame.url);
    if (map && frame.lineNumber >= 0) {
      const original = map.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
      if (original.source) position = original;
      if (position.source.endsWith('maplibre-gl/dist/maplibre-gl.mjs')) {
        const inMapLibre = this.#maplibreMap().originalPositionFor({ line: position.line, column: position.column });
        if (inMapLibre.source) position = inMapLibre;
      }
    }
    const file = position.source.replace(/^.*node_modules\//, '').replace(/^.*?\/?src\//, (m) => (m.includes('maplibre') ? m : 'src/'));
    return { file, name: `${position.name || frame.functionName || '(anonymous)'} ${file}:${position.line}` };
  }

  #mapOf(url) {
    if (!this.#maps.has(url)) {
      const file = join(this.#root, new URL(url).pathname);
      this.#maps.set(url, existsSync(`${file}.map`) ? new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
    }
    return this.#maps.get(url);
  }

  #maplibreMap() {
    this.#maplibre ??= new SourceMapConsumer(JSON.parse(readFileSync(join(this.#root, 'node_modules/maplibre-gl/dist/maplibre-gl.mjs.map'), 'utf8')));
    return this.#maplibre;
  }
}

/** Sums profiles of several runs and prints the `top` entries of each, in ms per run. */
export function printProfiles(label, profiles, top = 25) {
  const sum = (key) => {
    const total = {};
    for (const p of profiles) for (const [k, ms] of Object.entries(p[key])) total[k] = (total[k] ?? 0) + ms / profiles.length;
    return Object.entries(total).sort((a, b) => b[1] - a[1]);
  };
  for (const key of ['files', 'functions']) {
    console.log(`\n${label}: self time during the scroll by ${key === 'files' ? 'source file' : 'function'}, ms per run (top ${top})`);
    for (const [k, ms] of sum(key).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)}  ${k}`);
  }
}
