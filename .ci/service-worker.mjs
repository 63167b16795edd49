// After the prerender (`make build`): the service worker that opens the app offline
// (issue 28), written as dist/sw.js, and the build it belongs to stamped into every page.
//
// - The build: the first 16 hex digits of a SHA-256 over every file's path and the SHA-256
//   of its bytes (the pages without their stamp, sw.js and the .br / .gz copies left out).
//   Two builds with the same files get the same id; any change of any file, a new one.
// - Every HTML file gets `<meta name="omo-build" content="<build>">`. The app registers
//   the worker only on a page with that stamp (src/state/offline.rs): not in `make dev`,
//   not while .ci/prerender.mjs renders the pages.
// - sw.js holds the build and the list of the app's files: every page's prerendered HTML,
//   200.html, the style sheet, the JS, the main wasm, every split module, the public
//   assets; and each start / navigation pack as the modules it is made of (the worker
//   builds a pack from the saved modules: see `packs` below). Its cache is named after the build (`omo-planner-<build>`), so two
//   releases never share one, and a page offline is always its own build's HTML, which
//   asks only for its own build's files (they are content-hashed, so a hashed name is the
//   same bytes in every build's cache).
// - Written again: the .br / .gz of every file changed here (the server sends them).
// Run again on the same folder, it gives the same result (the old stamps are taken out first).
// Usage: node .ci/service-worker.mjs [dist]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = resolve(process.argv[2] ?? 'dist');
const META = /<meta name="omo-build" content="[^"]*">/g;
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const urlOf = (file) => '/' + relative(dist, file).split(sep).join('/');

const files = walk(dist)
  .filter((f) => !/\.(br|gz)$/.test(f) && urlOf(f) !== '/sw.js')
  .sort((a, b) => (urlOf(a) < urlOf(b) ? -1 : 1));
if (!files.some((f) => urlOf(f) === '/index.html')) throw new Error(`${dist} has no index.html`);
const html = new Map(files.filter((f) => f.endsWith('.html')).map((f) => [f, readFileSync(f, 'utf8').replace(META, '')]));

const digest = createHash('sha256');
for (const f of files) {
  const bytes = html.has(f) ? Buffer.from(html.get(f)) : readFileSync(f);
  digest.update(`${urlOf(f)}\0${createHash('sha256').update(bytes).digest('hex')}\n`);
}
const build = digest.digest('hex').slice(0, 16);

const changed = [];
for (const [f, text] of html) {
  if (!text.includes('</head>')) throw new Error(`${f} has no </head>`);
  const stamped = text.replace('</head>', `<meta name="omo-build" content="${build}"></head>`);
  if (stamped !== readFileSync(f, 'utf8')) {
    writeFileSync(f, stamped);
    changed.push(f);
  }
}

// The start and navigation packs (.ci/wasm-split.mjs) are the module files laid end to
// end behind a header: 23 MB of a 28 MB bundle, every byte of it also in the modules. The
// worker saves the modules and builds a pack from them when it is asked for; here each
// pack is checked to be exactly what that rebuilding gives, or it is saved as it is.
const packs = {};
for (const f of files.filter((f) => /\/(pack|nav)_[^/]*\.bin$/.test(f))) {
  const parts = packParts(readFileSync(f));
  if (parts) packs[urlOf(f)] = parts;
}
const list = files.map(urlOf).filter((u) => !packs[u]);
const sw = join(dist, 'sw.js');
writeFileSync(sw, worker(build, list, packs));
changed.push(sw);
for (const f of changed) {
  const body = readFileSync(f);
  for (const copy of [`${f}.gz`, `${f}.br`]) if (existsSync(copy)) unlinkSync(copy);
  writeFileSync(`${f}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
}
const bytes = list.reduce((n, u) => n + readFileSync(join(dist, u)).length, 0);
console.log(`service worker: build ${build}, ${list.length} files precached (${(bytes / 1024).toFixed(1)} KB before compression), ${Object.keys(packs).length} packs built from them; stamped ${changed.length - 1} pages`);

// A pack's module names, if its bytes are exactly the header the worker writes
// (\`JSON.stringify([[name, size], …])\`) and those modules' files; else null.
function packParts(bytes) {
  if (bytes.length < 4) return null;
  const length = bytes.readUInt32LE(0);
  let entries;
  try {
    entries = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8'));
  } catch {
    return null;
  }
  const names = entries.map(([name]) => name);
  if (names.some((n) => typeof n !== 'string' || !existsSync(join(dist, n)) || !n.endsWith('.wasm'))) return null;
  const header = Buffer.from(JSON.stringify(names.map((n) => [n, readFileSync(join(dist, n)).length])));
  const rebuilt = Buffer.alloc(4);
  rebuilt.writeUInt32LE(header.length);
  const whole = Buffer.concat([rebuilt, header, ...names.map((n) => readFileSync(join(dist, n)))]);
  return whole.equals(bytes) ? names : null;
}

// The worker. Served with `Cache-Control: no-cache` (tests/e2e/serve.mjs; README
// "Serving"), so each visit checks it; its bytes change with the build, which makes the
// browser install the new one.
function worker(build, list, packs) {
  return `// The service worker of build ${build}: written by .ci/service-worker.mjs (do not edit).
// Pages: network first (their newest build), and after 3 s or with no network, this
// build's saved copy. Other files of the app: content-hashed, so from any build's cache
// first. Installed: the whole app saved, then in charge at once (safe: see prune).
'use strict';
const BUILD = ${JSON.stringify(build)};
const PREFIX = 'omo-planner-';
const CACHE = PREFIX + BUILD;
const FILES = ${JSON.stringify(list)};
// Each pack: its modules, in order (built from them by packOf).
const PACKS = ${JSON.stringify(packs)};
const WAIT_MS = 3000;
// Written last by install: a cache without it is being filled (or was left half-filled).
const COMPLETE = '/__omo-complete';
const own = new Set(FILES);

self.addEventListener('install', (event) => event.waitUntil(install()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim().then(() => prune(true))));
self.addEventListener('message', (event) => {
  if (event.data === 'omo-prune') event.waitUntil(prune());
});

// Every file, three at a time at low priority (the visitor's own requests go first). A
// file another build saved under the same hashed name is copied, not downloaded. Each
// page must carry this build's stamp: a page of a newer release deployed meanwhile would
// fail the install (the newer sw.js comes with the next visit), never mix into this cache.
async function install() {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const todo = FILES.filter((f) => !have.has(f));
  const one = async (file) => {
    const page = file.endsWith('.html');
    let response = page ? undefined : await caches.match(file, { ignoreVary: true });
    if (!response) {
      response = await fetch(file, { cache: page ? 'no-cache' : 'default', priority: 'low' });
      if (!response.ok) throw new Error(\`\${file}: \${response.status}\`);
      if (page && !(await response.clone().text()).includes(\`<meta name="omo-build" content="\${BUILD}">\`)) {
        throw new Error(\`\${file} is not of build \${BUILD}\`);
      }
      // A host that redirects /x/index.html to /x/: a redirected answer cannot serve a
      // navigation, so its bytes are kept as a plain one.
      if (response.redirected) response = new Response(await response.blob(), { status: 200, headers: response.headers });
    }
    await cache.put(file, response);
  };
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (todo.length) await one(todo.shift());
    }),
  );
  await cache.put(COMPLETE, new Response(BUILD));
  await self.skipWaiting();
}

// Takes over at once (skipWaiting, claim): a page of an older build it then controls still
// gets its files, from its own build's cache, which stays while such a page is open. The
// caches of builds no open page runs are deleted; each page says its build (the app's
// answer to "omo-build?", src/state/offline.rs). A page that does not answer yet (still
// starting) keeps every cache until the next prune: the app asks for one once it is live.
// A cache still being filled is a newer worker's install: left alone, but on activation,
// when no other worker installs, a half-filled one (an install that failed) goes too.
async function prune(activating = false) {
  const others = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  const complete = await Promise.all(others.map((n) => caches.open(n).then((c) => c.match(COMPLETE)).then(Boolean)));
  const old = others.filter((n, i) => complete[i] || activating);
  if (!old.length) return;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const builds = await Promise.all(windows.map(buildOf));
  if (builds.includes(undefined)) return;
  await Promise.all(old.filter((n) => !builds.includes(n.slice(PREFIX.length))).map((n) => caches.delete(n)));
}

function buildOf(client) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(undefined), 2000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(String(event.data));
    };
    client.postMessage('omo-build?', [channel.port2]);
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Only the app's own origin: a plan backend elsewhere is never answered from here.
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') event.respondWith(navigate(request, url));
  else if (!url.pathname.endsWith('.html')) event.respondWith(hashed(request));
});

// This build's HTML for an address: the page's own, or the shell of any other address.
function pageFile(pathname) {
  const path = pathname.replace(/\\/+$/, '');
  if (path === '' || path === '/index.html') return '/index.html';
  return own.has(path + '/index.html') ? path + '/index.html' : '/200.html';
}

async function navigate(request, url) {
  const saved = () => caches.open(CACHE).then((cache) => cache.match(pageFile(url.pathname)));
  const network = fetch(request);
  network.catch(() => {});
  try {
    const answer = await Promise.race([network, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
    if (answer && answer.status < 500) return answer;
    return (await saved()) ?? answer ?? (await network);
  } catch (error) {
    const copy = await saved();
    if (copy) return copy;
    throw error;
  }
}

async function hashed(request) {
  const saved = await caches.match(request, { ignoreVary: true });
  if (saved) return saved;
  const parts = PACKS[new URL(request.url).pathname];
  return (parts && (await packOf(parts))) || fetch(request);
}

// A pack's bytes from its saved modules (the format of .ci/wasm-split.mjs: u32
// little-endian length of the JSON header [[module, size], …], the header, the modules).
async function packOf(parts) {
  const bodies = await Promise.all(
    parts.map((name) => caches.match('/' + name, { ignoreVary: true }).then((r) => r && r.arrayBuffer())),
  );
  if (bodies.some((b) => !b)) return undefined;
  const header = new TextEncoder().encode(JSON.stringify(parts.map((name, i) => [name, bodies[i].byteLength])));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, header.length, true);
  return new Response(new Blob([length, header, ...bodies]), { headers: { 'content-type': 'application/octet-stream' } });
}
`;
}
