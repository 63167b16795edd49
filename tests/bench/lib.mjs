// Shared by the browser benchmarks: a static server for dist/ that compresses as a real
// host would (brotli or gzip, by Accept-Encoding), Debian's Chromium, small statistics.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves `dir` on 127.0.0.1:`port`; unknown paths get index.html (the app's router). */
export function serve(dir, port) {
  const root = resolve(dir);
  const cache = new Map();
  const load = (path) => {
    if (!cache.has(path)) {
      const body = readFileSync(path);
      cache.set(path, {
        body,
        gzip: gzipSync(body, { level: 9 }),
        br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      });
    }
    return cache.get(path);
  };
  // Compress everything up front: brotli at quality 11 takes seconds, not to be timed.
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => {
    if (e.isDirectory()) { if (!['node_modules', '.venv', 'data'].includes(e.name)) walk(join(d, e.name)); } else load(join(d, e.name));
  });
  walk(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    let ok = path.startsWith(root);
    try { ok = ok && statSync(path).isFile(); } catch { ok = false; }
    if (!ok) path = join(root, 'index.html');
    if (!cache.has(path)) {
      res.writeHead(404).end();
      return;
    }
    const file = load(path);
    const accept = req.headers['accept-encoding'] ?? '';
    const [enc, body] = /\bbr\b/.test(accept) ? ['br', file.br] : /\bgzip\b/.test(accept) ? ['gzip', file.gzip] : [null, file.body];
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      ...(enc ? { 'content-encoding': enc, vary: 'accept-encoding' } : {}),
    });
    res.end(body);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

export const launch = () => chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });

export function stat(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), min: s[0], max: s[s.length - 1], n: s.length };
}

export const ms = (x) => (x == null ? '—' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
export const pad = (s, n) => String(s).padStart(n);
