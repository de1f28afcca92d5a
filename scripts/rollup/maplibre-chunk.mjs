/**
 * Writes the URL of the standalone build's MapLibre chunk into src/map/load-maplibre.ts
 * (`MAPLIBRE_CHUNK`), where it is preloaded from: MapLibre is fetched and compiled early
 * without running it.
 */
const PLACEHOLDER = '__MAPLIBRE_CHUNK__';
const DECLARATION = "const MAPLIBRE_CHUNK: string = '';";

export const mapLibreChunk = () => ({
  name: 'maplibre-chunk',
  transform(code, id) {
    if (!/[\\/]src[\\/]map[\\/]load-maplibre\.ts$/.test(id)) return;
    if (!code.includes(DECLARATION)) this.error(`load-maplibre.ts no longer has ${DECLARATION}`);
    return { code: code.replace(DECLARATION, `const MAPLIBRE_CHUNK: string = new URL('${PLACEHOLDER}', import.meta.url).href;`), map: null };
  },
  generateBundle(_options, bundle) {
    const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.name === 'maplibre-gl');
    if (!chunk) this.error('no maplibre-gl chunk');
    for (const c of Object.values(bundle)) {
      if (c.type === 'chunk' && c.code.includes(PLACEHOLDER)) c.code = c.code.replaceAll(PLACEHOLDER, `./${chunk.fileName}`);
    }
  },
});
