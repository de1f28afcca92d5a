// Rollup resolves npm packages only with @rollup/plugin-node-resolve (for any package).
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default { input: 'main.js', output: { dir: 'dist', format: 'es' }, plugins: [nodeResolve()] };
