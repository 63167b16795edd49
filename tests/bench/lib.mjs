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

/** Serves `dir` on 127.0.0.1:`port`; unknown paths get the app's shell (200.html, or
 * index.html in a bundle without one) for the app's router. With `prerendered`, an
 * address gets its page's prerendered HTML (`/tasks` → tasks/index.html, `/` →
 * index.html), as a host serves it (the load bench); without, every address gets the
 * shell, so that the benches that act on a page act on the app, never on a prerendered
 * page before the app has taken it over. */
export function serve(dir, port, { prerendered = false } = {}) {
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
    if (e.isDirectory()) { if (!['node_modules', '.venv', 'data'].includes(e.name)) walk(join(d, e.name)); } else if (!/\.(br|gz)$/.test(e.name)) load(join(d, e.name));
  });
  walk(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    let ok = path.startsWith(root);
    try { ok = ok && statSync(path).isFile(); } catch { ok = false; }
    if (ok && extname(path) === '.html' && !prerendered) ok = false;
    if (!ok && prerendered && cache.has(join(path, 'index.html'))) [ok, path] = [true, join(path, 'index.html')];
    if (!ok) path = cache.has(join(root, '200.html')) && !(prerendered && url.pathname === '/') ? join(root, '200.html') : join(root, 'index.html');
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

// The open plan as the app stores it (README "Architecture": `omo-planner.current` names
// it, `omo-planner.plan.<id>` holds it; older builds kept one `omo-planner.plan`). The
// app writes it on its first visit; waits for that.
export async function storedPlan(page) {
  const key = await page.waitForFunction(() => {
    const id = localStorage.getItem('omo-planner.current');
    const key = id ? `omo-planner.plan.${id}` : 'omo-planner.plan';
    return localStorage.getItem(key) ? key : null;
  }, null, { timeout: 60_000 }).then((h) => h.jsonValue());
  return { key, plan: await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key) };
}

// Writes a plan document into the page's storage from outside the app (from a static
// file of dist/ on the same origin), so that no `pagehide` save of the app overwrites
// it; the app reads it on its next load.
export async function writePlan(page, base, dist, key, plan) {
  const file = readdirSync(dist).find((f) => f.endsWith('.css') || f.endsWith('.svg'));
  await page.goto(`${base}/${file}`);
  await page.evaluate(({ key, text }) => localStorage.setItem(key, text), { key, text: JSON.stringify(plan) });
}

// The largest row id anywhere in the plan: new rows take ids above it.
export function maxId(plan) {
  let max = 0;
  JSON.stringify(plan, (k, v) => {
    if (k === 'id' && typeof v === 'number' && v > max) max = v;
    return v;
  });
  return max;
}

// `rows` grown to `n` in place by copies of its own rows, in turn, each with a fresh id
// and `relabel(copy, k)` (k = 1, 2, …) giving it its own name; the original rows stay
// first, so they are the rows in view.
export function grow(rows, n, firstId, relabel) {
  const originals = rows.slice();
  for (let k = 1; rows.length < n; k++) {
    const copy = structuredClone(originals[(k - 1) % originals.length]);
    copy.id = firstId + k;
    relabel?.(copy, k);
    rows.push(copy);
  }
  return rows;
}

// In the page: resolves after the main thread stayed free for a while (at least `min`
// ms, then three 50 ms timers in a row each on time): the app's debounced autosave
// (300 ms) and any work left from the last action are done.
export async function settle(page, min = 450) {
  await page.evaluate(async (min) => {
    const sleep = (t) => new Promise((r) => setTimeout(r, t));
    await sleep(min);
    const end = performance.now() + 30_000;
    for (let quiet = 0; quiet < 3 && performance.now() < end;) {
      const t = performance.now();
      await sleep(50);
      quiet = performance.now() - t < 70 ? quiet + 1 : 0;
    }
  }, min);
}
