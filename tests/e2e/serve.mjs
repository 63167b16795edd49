// A small static server for the release bundle, serving it as a static host should
// (README "Serving"): correct MIME types (application/wasm for streaming compilation);
// the `.br` / `.gz` file beside each file when the browser accepts it (Content-Encoding,
// Vary: Accept-Encoding); a page's prerendered HTML for its address (`/tasks` →
// tasks/index.html, written by .ci/prerender.mjs); and any other address falls back to
// the app's bare shell (200.html, or index.html in a bundle without one), so deep links
// reload. Hashed assets are cached forever, HTML and the service worker (sw.js, unhashed:
// its bytes change with each build) are revalidated.
// Usage: node serve.mjs [dir] [port]      (`make serve`, the e2e tests, the benches)
// Opt-in request log, for tests of what a static host receives (a share link's #fragment
// never should): E2E_REQUEST_LOG=<file> appends "<method> <request target>" per request,
// and `serve(dir, port, { onRequest })` calls onRequest(method, target). Serving is the
// same either way.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const isFile = async (path) => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

// The file an address names: itself, or the index.html of the folder it names.
async function fileFor(root, urlPath) {
  let path;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return null;
  }
  if (!path.startsWith(root)) return null;
  if (await isFile(path)) return path;
  if (!extname(path) && (await isFile(join(path, 'index.html')))) return join(path, 'index.html');
  return null;
}

// The encodings the request accepts, in our order of preference (q=0 refuses one).
function accepted(header = '') {
  const offered = new Map(
    header
      .split(',')
      .map((part) => part.trim().split(/\s*;\s*q=/))
      .filter(([name]) => name)
      .map(([name, q]) => [name.toLowerCase(), q === undefined ? 1 : Number(q)]),
  );
  const ok = (name) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return [['br', '.br'], ['gzip', '.gz']].filter(([name]) => ok(name));
}

export function serve(dir, port, { quiet = false, onRequest = null } = {}) {
  const root = resolve(dir);
  const logFile = process.env.E2E_REQUEST_LOG;
  const server = createServer(async (req, res) => {
    // The request target exactly as the host received it.
    onRequest?.(req.method, req.url);
    if (logFile) appendFileSync(logFile, `${req.method} ${req.url}\n`);
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    // Asset requests that miss are 404s; other addresses get the app's shell.
    let path = await fileFor(root, urlPath);
    if (!path && !extname(urlPath)) {
      path = (await isFile(join(root, '200.html'))) ? join(root, '200.html') : join(root, 'index.html');
    }
    if (!path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'cache-control':
        extname(path) === '.html' || path === join(root, 'sw.js') ? 'no-cache' : 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
    };
    let body = null;
    const modified = (await stat(path)).mtimeMs;
    for (const [name, suffix] of accepted(req.headers['accept-encoding'])) {
      // A copy older than its file is stale (the file was changed after the build).
      if ((await isFile(path + suffix)) && (await stat(path + suffix)).mtimeMs >= modified) {
        body = await readFile(path + suffix);
        headers['content-encoding'] = name;
        break;
      }
    }
    body ??= await readFile(path);
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () => {
      if (!quiet) console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`);
      done(server);
    }),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await serve(process.argv[2] ?? '../../dist', Number(process.argv[3] ?? process.env.PORT ?? 4173));
}
