// After `trunk build --release` (`make build`): the first paint comes from HTML, not from
// the wasm. For each address of the app this opens the built app in Chromium on a phone
// viewport with fresh storage (so the demo plan, as on a first visit), waits until the
// page is complete (the same test the app's takeover uses: `<html data-app="live">`, set
// by src/app.rs `mount`), and writes the app's rendered DOM into the HTML served for that
// address: dist/index.html for `/`, dist/<page>/index.html for the others. The app then
// builds its own copy and swaps it in without a visible change (src/app.rs).
//
// Also written:
// - `<html data-demo="<length>:<fnv1a>">`: the fingerprint of the demo plan's document
//   exactly as the app stores it on a first visit; index.html's inline script compares
//   the open plan's stored document with it and hides the prerendered page's content
//   when it is anything else (the demo is "the untouched demo": byte-identical document).
// - the style sheets inlined into each prerendered page (one response before the first
//   paint), and the app's download started after the first paint (afterFirstPaint); the
//   shell keeps its links; the Content-Security-Policy recomputed (.ci/csp.mjs);
// - the style sheets' comments removed (about a third of the gzip bytes of the CSS every
//   page inlines), and their `integrity` in the shell updated to match;
// - dist/200.html: the bare shell (no prerendered page) for any other address;
// - `.br` and `.gz` beside every file of dist/ (served by tests/e2e/serve.mjs).
//
// Canvases are kept as sized boxes (no layout shift); the app draws them after takeover.
// Usage: node .ci/prerender.mjs [dist]
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { extname, join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, '..', 'dist'));
// Playwright comes with the e2e tests' packages (.ci/setup.sh installs them).
const { chromium } = createRequire(join(here, '..', 'tests', 'e2e', 'package.json'))('playwright-core');

// Every address of the app (src/app.rs routes). The plan-specific ones (/plans, /settings,
// /print) are prerendered too, so that no address first paints another page.
const ROUTES = ['/', '/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/customers', '/plans', '/settings', '/print'];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
};

// Precompressed files of an earlier run are dropped first; the shell is Trunk's index.html
// (or, on a second run, the 200.html this script kept of it).
for (const f of walk(dist)) if (/\.(br|gz)$/.test(f)) unlinkSync(f);
const shellFile = existsSync(join(dist, '200.html')) ? join(dist, '200.html') : join(dist, 'index.html');
const shell = withoutCssComments(readFileSync(shellFile, 'utf8'));
if (/<\w[^>]*\sdata-prerendered[\s=>]/.test(shell)) throw new Error(`${shellFile} is already prerendered`);
if (!shell.includes('</body>')) throw new Error(`${shellFile} has no </body>`);

// Every address gets the bare shell while the pages are rendered.
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const file = join(dist, path);
  if (extname(path) && file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) {
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(file));
  } else if (extname(path)) {
    res.writeHead(404).end();
  } else {
    res.writeHead(200, { 'content-type': TYPES['.html'] }).end(shell);
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const pages = [];
let demo = null;
try {
  for (const route of ROUTES) {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(base + route);
    await page.waitForSelector('html[data-app="live"]', { timeout: 60_000 });
    // Web fonts and images settle the layout the visitor will see.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForLoadState('networkidle');
    if (problems.length) throw new Error(`${route}: ${problems.join('; ')}`);
    const snapshot = await page.evaluate(() => {
      const roots = [...document.body.children].filter((e) => !['SCRIPT', 'NOSCRIPT', 'TEMPLATE'].includes(e.tagName));
      if (roots.length !== 1) throw new Error(`the app has ${roots.length} root elements, expected one`);
      const [live] = roots;
      const copy = live.cloneNode(true);
      // Form values live in properties, which HTML does not carry: written as markup.
      const a = live.querySelectorAll('input, textarea, select, option');
      const b = copy.querySelectorAll('input, textarea, select, option');
      a.forEach((field, i) => {
        const out = b[i];
        if (field.tagName === 'INPUT') {
          if (field.type === 'checkbox' || field.type === 'radio') out.toggleAttribute('checked', field.checked);
          else if (field.type !== 'file') out.setAttribute('value', field.value);
        } else if (field.tagName === 'TEXTAREA') out.textContent = field.value;
        else if (field.tagName === 'OPTION') out.toggleAttribute('selected', field.selected);
      });
      copy.setAttribute('data-prerendered', '');
      const current = localStorage.getItem('omo-planner.current');
      return { html: copy.outerHTML, doc: current && localStorage.getItem(`omo-planner.plan.${current}`) };
    });
    if (!snapshot.doc) throw new Error(`${route}: the app stored no plan`);
    const fingerprint = `${snapshot.doc.length}:${fnv1a(snapshot.doc)}`;
    if (demo && demo !== fingerprint) throw new Error(`${route}: the demo plan's document differs between pages`);
    demo = fingerprint;
    pages.push({ route, html: snapshot.html });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

writeFileSync(join(dist, '200.html'), shell);
for (const { route, html } of pages) {
  const out = route === '/' ? join(dist, 'index.html') : join(dist, route.slice(1), 'index.html');
  mkdirSync(dirname(out), { recursive: true });
  const page = afterFirstPaint(inlineStyles(shell))
    .replace(/<html\b/, `<html data-demo="${demo}"`)
    .replace('</body>', `${html}</body>`);
  writeFileSync(out, page);
  // The policy's hashes of the inline scripts, which afterFirstPaint changed.
  execFileSync(process.execPath, [join(here, 'csp.mjs'), dirname(out)], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// .br and .gz beside every file (a host serves them by Accept-Encoding).
let count = 0;
for (const f of walk(dist)) {
  const body = readFileSync(f);
  writeFileSync(`${f}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  count += 1;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const index = readFileSync(join(dist, 'index.html'));
console.log(`prerendered ${pages.length} pages (demo plan ${demo}); / is ${kb(index.length)}, ${kb(gzipSync(index, { level: 9 }).length)} gzip; .br and .gz beside ${count} files`);

// The shell's style sheets without their comments (style/main.css explains itself to its
// readers, not to a phone on 3G); each link's `integrity` follows the new bytes. Run
// again on its own output it changes nothing.
function withoutCssComments(html) {
  return html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = tag.match(/\bhref="([^"]+)"/)?.[1];
    const file = href && join(dist, href.replace(/^\//, ''));
    if (!file || !existsSync(file)) throw new Error(`style sheet ${href} is not in ${dist}`);
    const css = stripComments(readFileSync(file, 'utf8'));
    writeFileSync(file, css);
    const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
    return tag.includes('integrity="') ? tag.replace(/\bintegrity="[^"]*"/, `integrity="${integrity}"`) : tag;
  });
}

// CSS comments out, strings (which may hold "/*") kept as written.
function stripComments(css) {
  let out = '';
  for (let i = 0; i < css.length;) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error('a CSS comment is not closed');
      i = end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  // The blank lines the comments leave.
  return out.replace(/\n[ \t]*(?=\n)/g, '');
}

// The style sheets in the page itself: the first paint waits for one response, not two
// (on a phone's 3G the second costs a round trip, and shares the line with the wasm).
function inlineStyles(html) {
  return html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = tag.match(/\bhref="([^"]+)"/)?.[1];
    const file = href && join(dist, href.replace(/^\//, ''));
    if (!file || !existsSync(file)) throw new Error(`style sheet ${href} is not in ${dist}`);
    const css = readFileSync(file, 'utf8');
    if (/<\/style/i.test(css)) throw new Error(`${href} cannot be inlined`);
    return `<style>${css}</style>`;
  });
}

// The page is on screen before the app's wasm is: its download starts after the first
// contentful paint (`__omoAfterPaint`, index.html's inline script), so that no measure of
// that paint counts it (Lighthouse's simulation counts every request under way before
// it). Trunk's start script waits for it; the preload of the main wasm goes (that inline
// script preloads it then), and the script preloading the page's own modules
// (.ci/wasm-split.mjs) waits as well.
function afterFirstPaint(html) {
  const painted = 'await new Promise((go) => __omoAfterPaint(go));';
  let start = 0;
  let preloads = 0;
  html = html
    .replace(/(<script type="module">[\s\S]*?)(const wasm = await init\()/, (_, head, init) => {
      start += 1;
      return `${head}${painted}\n${init}`;
    })
    .replace(/<link rel="preload" href="[^"]*\.wasm"[^>]*>/g, () => {
      preloads += 1;
      return '';
    })
    .replace(/<script>(\{[^<]*\.wasm[^<]*\})<\/script>/g, (_, body) => `<script>__omoAfterPaint(() => ${body});</script>`);
  if (start !== 1 || preloads !== 1) throw new Error(`Trunk's start script (${start}) or wasm preload (${preloads}) not found once`);
  return html;
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

// FNV-1a over UTF-16 code units, as index.html's inline script computes it.
function fnv1a(text) {
  let x = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return x.toString(16);
}
