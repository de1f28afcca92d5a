// The consumer apps: each a fresh app whose whole script is `import 'map-story'`, built with
// its bundler's defaults (plus only what the README documents), as a user of the npm package
// builds it. `build` runs in the app's folder; `out` is what a static host serves.
import { cpSync } from 'node:fs';
import { join } from 'node:path';

const bin = (root, name) => join(root, 'node_modules', '.bin', name);
/** The story and the page copied into a build that does not copy them itself. */
const withPage = (dir, out) => {
  cpSync(join(dir, 'index.html'), join(out, 'index.html'));
  cpSync(join(dir, '..', 'story.json'), join(out, 'story.json'));
};

export const APPS = [
  {
    name: 'vite',
    prepare: (dir) => cpSync(join(dir, '..', 'story.json'), join(dir, 'public', 'story.json')),
    build: (root) => [[bin(root, 'vite'), ['build']]],
    out: 'dist',
  },
  {
    name: 'webpack',
    build: (root) => [[bin(root, 'webpack'), ['--mode', 'production']]],
    out: 'dist',
    after: (dir) => withPage(dir, join(dir, 'dist')),
  },
  {
    name: 'esbuild',
    build: (root) => [[bin(root, 'esbuild'), ['main.js', '--bundle', '--outdir=dist']]],
    out: 'dist',
    after: (dir) => withPage(dir, join(dir, 'dist')),
  },
  {
    name: 'rollup',
    build: (root) => [[bin(root, 'rollup'), ['-c']]],
    out: 'dist',
    after: (dir) => withPage(dir, join(dir, 'dist')),
  },
  {
    name: 'parcel',
    build: (root) => [[bin(root, 'parcel'), ['build', 'index.html', '--no-cache', '--no-autoinstall']]],
    out: 'dist',
    after: (dir) => cpSync(join(dir, '..', 'story.json'), join(dir, 'dist', 'story.json')),
  },
  {
    name: 'standalone',
    // A plain page and the package's dist/ folder copied beside it: no bundler at all.
    prepare: (dir, pkg) => {
      cpSync(join(pkg, 'dist'), join(dir, 'map-story'), { recursive: true });
      cpSync(join(dir, '..', 'story.json'), join(dir, 'story.json'));
    },
    build: () => [],
    out: '.',
  },
];
