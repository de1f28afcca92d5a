// @web/test-runner: real headless Chromium (Debian's /usr/bin/chromium), real MapLibre with WebGL.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { plugins } from '../demo/dev-server.config.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** `/slow/<path>` serves `<path>` after a delay, to test responses that arrive late. */
const slow = async (ctx, next) => {
  if (ctx.path.startsWith('/slow/')) {
    await new Promise((r) => setTimeout(r, 800));
    ctx.path = ctx.path.slice('/slow'.length);
  }
  return next();
};

export default {
  middleware: [slow],
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  plugins,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 480_000,
  testFramework: { config: { timeout: 60_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          '--use-angle=swiftshader',
          '--enable-unsafe-swiftshader',
          '--ignore-gpu-blocklist',
        ],
      },
      createBrowserContext: ({ browser }) => browser.newContext({ viewport: { width: 1280, height: 800 } }),
    }),
  ],
};
