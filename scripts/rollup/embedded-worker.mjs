/**
 * The npm build's MapLibre worker (see src/map/embedded-worker.ts): src/map/worker-code.ts
 * becomes a module whose `code` is MapLibre's worker module text and whose `version` is the
 * MapLibre version that worker belongs to.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const embeddedWorker = () => ({
  name: 'embedded-worker',
  load(id) {
    if (!/[\\/]src[\\/]map[\\/]worker-code\.ts$/.test(id)) return;
    const root = dirname(require.resolve('maplibre-gl/package.json'));
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const code = readFileSync(join(root, 'dist', 'maplibre-gl-worker.mjs'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    return { code: `export const version = ${JSON.stringify(version)};\nexport const code = ${JSON.stringify(code)};\n`, map: null };
  },
});
