// @web/test-runner: real headless Chromium (Debian's /usr/bin/chromium), real MapLibre with WebGL.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { plugins } from '../demo/dev-server.config.mjs';
import { CHROME_ARGS, chromePath } from './chrome-path.mjs';

const executablePath = chromePath();

/** Pages under /test/csp/ are served with a strict Content-Security-Policy. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";
const csp = async (ctx, next) => {
  await next();
  if (ctx.path.startsWith('/test/csp/')) ctx.set('Content-Security-Policy', STRICT_CSP);
};

/** `/slow/<path>` serves `<path>` after a delay, to test responses that arrive late. */
const slow = async (ctx, next) => {
  if (ctx.path.startsWith('/slow/')) {
    await new Promise((r) => setTimeout(r, 800));
    ctx.path = ctx.path.slice('/slow'.length);
  }
  return next();
};

/** `/hang/<path>` never answers (until the browser gives up): to test timeouts. */
const hang = async (ctx, next) => {
  if (!ctx.path.startsWith('/hang/')) return next();
  ctx.respond = false;
  await new Promise((resolve) => ctx.req.on('close', resolve));
};

/**
 * `/truncated/<path>` sends the first half of `<path>` with the whole length announced, then
 * cuts the connection: a body that ends early.
 */
const truncated = async (ctx, next) => {
  if (!ctx.path.startsWith('/truncated/')) return next();
  const { readFile } = await import('node:fs/promises');
  const body = await readFile(fileURLToPath(new URL(`..${ctx.path.slice('/truncated'.length)}`, import.meta.url)));
  ctx.respond = false;
  ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  ctx.res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => ctx.res.destroy(), 50));
};

/**
 * Paths a test has the server answer with 404 (server command `block-paths`, a list; `[]` to
 * stop), e.g. to see a worker script or a data file fail. Tests run one file at a time.
 */
let blockedPaths = new Set();
/** Paths the server never answers (server command `hang-paths`, a list; `[]` to stop). */
let hungPaths = new Set();
const blocked = async (ctx, next) => {
  if (hungPaths.has(ctx.path)) {
    ctx.respond = false;
    await new Promise((resolve) => ctx.req.on('close', resolve));
    return;
  }
  if (blockedPaths.has(ctx.path)) {
    // Written directly: the runner marks every response cacheable for a year, this one too.
    ctx.respond = false;
    ctx.res.writeHead(404, { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain' }).end('blocked');
    return;
  }
  return next();
};
const blockPaths = {
  name: 'block-paths',
  executeCommand({ command, payload }) {
    if (command === 'hang-paths') hungPaths = new Set(payload);
    else if (command === 'block-paths') blockedPaths = new Set(payload);
    else return;
    return true;
  },
};

/**
 * `/mem/<name>`: files a test uploads (PUT) and reads back (GET, with Range requests), e.g. a
 * PMTiles archive made in the browser.
 */
const memory = new Map();
const memFiles = async (ctx, next) => {
  if (!ctx.path.startsWith('/mem/')) return next();
  if (ctx.method === 'PUT') {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    memory.set(ctx.path, Buffer.concat(chunks));
    ctx.status = 204;
    return;
  }
  const body = memory.get(ctx.path);
  if (!body) {
    ctx.status = 404;
    return;
  }
  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('Content-Type', 'application/octet-stream');
  const range = /bytes=(\d+)-(\d*)/.exec(ctx.get('range') ?? '');
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    ctx.status = 206;
    ctx.set('Content-Range', `bytes ${start}-${end}/${body.length}`);
    ctx.body = body.subarray(start, end + 1);
  } else {
    ctx.body = body;
  }
};

/**
 * Server commands for tests: `network-log-start` begins recording every request the page and
 * its workers make; `network-log` returns the URLs that were not to localhost.
 */
const networkLog = () => {
  const foreign = new Map();
  const consoleLogs = new Map();
  return {
    name: 'network-log',
    async executeCommand({ command, session }) {
      if (command === 'network-log-start') {
        const page = session.browser.getPage(session.id);
        const list = [];
        foreign.set(session.id, list);
        const record = (request) => {
          const url = new URL(request.url());
          if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) list.push(request.url());
        };
        page.context().on('request', record);
        return true;
      }
      if (command === 'network-log') return foreign.get(session.id) ?? [];
      if (command === 'console-log-start') {
        const page = session.browser.getPage(session.id);
        const list = [];
        consoleLogs.set(session.id, list);
        page.on('console', (m) => list.push(`${m.type()}: ${m.text()}`));
        return true;
      }
      if (command === 'console-log') return consoleLogs.get(session.id) ?? [];
    },
  };
};

export default {
  middleware: [csp, slow, hang, truncated, memFiles, blocked],
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  plugins: [...plugins, networkLog(), blockPaths],
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
          ...CHROME_ARGS,
          '--enable-precise-memory-info',
          '--js-flags=--expose-gc',
        ],
      },
    }),
  ],
};
