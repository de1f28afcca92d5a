// @web/dev-server config for `npm start` (the demo), shared with the test runner.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';

/** Serves `import css from '….css'` as a module whose default export is the CSS text. */
export const cssAsText = {
  name: 'css-as-text',
  resolveMimeType(context) {
    if (context.path.endsWith('.css') && context.get('sec-fetch-dest') === 'script') return 'js';
  },
  transform(context) {
    if (context.path.endsWith('.css') && context.get('sec-fetch-dest') === 'script') {
      return { body: `export default ${JSON.stringify(context.body)};` };
    }
  },
};

export const plugins = [
  cssAsText,
  esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) }),
];

export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  nodeResolve: { exportConditions: ['development'] },
  appIndex: 'demo/index.html',
  open: '/demo/',
  plugins,
};
