// A static file server for tests, like a plain host: files under `dir`, 404 for anything else
// (no fallback to index.html, which would hide a missing worker or chunk).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.geojson': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm',
};

/** Serves `dir` on 127.0.0.1 (a free port); resolves to `{ url, close }`. `headers` go on every answer. */
export async function serve(dir, { headers = {} } = {}) {
  const server = createServer((req, res) => {
    const file = join(dir, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    try {
      const path = file.endsWith('/') ? join(file, 'index.html') : file;
      if (!path.startsWith(dir) || !statSync(path).isFile()) throw new Error('not found');
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers });
      createReadStream(path).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
