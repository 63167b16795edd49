// Benchmark, not a test: first load of the release bundle (dist/) on a throttled mobile
// profile, opening each page from / in the app on the same profile, then Lighthouse's
// scores. Prints figures; with a second bundle (LOAD_BASE=path
// in `make bench-load`, e.g. today's main build), its figures beside, page by page.
//   node tests/bench/load.mjs [dist] [other dist]        (make bench-load)
//
// Profile, through the DevTools protocol: 412×823 mobile viewport, 4× CPU slowdown,
// DevTools' "Fast 3G" network (562.5 ms RTT, 180 KB/s down, 84 KB/s up), empty cache.
// The server compresses (brotli) as a real host would.
//   before paint: gzip bytes of what the first paint waits for: the HTML of the address
//                 and the style sheets it links (counted from the files)
//   transfer:     bytes over the network until the page is interactive
//   FCP, LCP:     the browser's first and largest contentful paint
//   first render: navigation start → the page's <h1> is in the DOM and painted (from the
//                 prerendered HTML, or when the app mounts it)
//   interactive:  navigation start → the app is running the page (its takeover of the
//                 prerendered page, `<html data-app="live">`, or its mount) and the last
//                 long task (> 50 ms) before 3 s without any has ended (a simplified TTI)
import { serve, launch, stat, ms, pad, CHROMIUM, CHROME_FLAGS } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const here = fileURLToPath(new URL('.', import.meta.url));
const PORT = Number(process.env.LOAD_PORT ?? 4511);
// This bundle, and optionally another one to compare with, each on its own port.
const DISTS = [process.argv[2] ?? `${here}../../dist`, process.argv[3]].filter(Boolean).map((dir, i) => ({
  dir, label: i === 0 ? 'this' : 'other',
}));
const PAGES = process.env.LOAD_PAGES?.split(',') ?? ['/', '/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/customers'];
const RUNS = Number(process.env.LOAD_RUNS ?? 3);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };

// The gzip bytes the first paint waits for: the address's HTML (a prerendered page's own,
// else the shell the server falls back to) and the style sheets it links; for a bundle
// whose HTML holds no page (the app draws the first paint), also every script and module
// it loads or preloads (the JS glue, the wasm, the split loader).
function beforePaint(dir, path) {
  const own = join(dir, path, 'index.html');
  const html = existsSync(own) ? own : existsSync(join(dir, '200.html')) ? join(dir, '200.html') : join(dir, 'index.html');
  const text = readFileSync(html, 'utf8');
  const prerendered = /<\w[^>]*\sdata-prerendered[\s=>]/.test(text);
  const tags = prerendered ? /<link\b[^>]*rel="stylesheet"[^>]*>/g : /<(?:link\b[^>]*rel="(?:stylesheet|preload|modulepreload)"|script\b)[^>]*>/g;
  const files = [...text.matchAll(tags)]
    .map(([tag]) => tag.match(/(?:href|src)="\/?([^"]+)"/)?.[1])
    .filter((f) => f && existsSync(join(dir, f)));
  return [html, ...new Set(files.map((f) => join(dir, f)))].reduce((t, f) => t + gzipSync(readFileSync(f), { level: 9 }).length, 0);
}

// The other bundle on a port the system picks (free by definition).
const servers = await Promise.all(DISTS.map((d, i) => serve(d.dir, i === 0 ? PORT : 0, { prerendered: true })));
DISTS.forEach((d, i) => (d.base = `http://127.0.0.1:${servers[i].address().port}`));
const browser = await launch();

// Runs in the page before the app: paint, long tasks, and when the page's <h1> appears.
const probe = () => {
  window.__bench = { longTasks: [], h1: null, live: null, lcp: null };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__bench.longTasks.push(e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  // The app marks <html data-app="live"> when it has taken over a prerendered page.
  new MutationObserver((_, obs) => {
    if (document.documentElement.dataset.app === 'live') {
      window.__bench.live = performance.now();
      obs.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
  const seen = () => {
    if (window.__bench.h1 == null && document.querySelector('#main h1')) {
      // The frame after the DOM change is the one that paints it.
      requestAnimationFrame(() => setTimeout(() => { window.__bench.h1 ??= performance.now(); }, 0));
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => seen() && obs.disconnect()).observe(document, { childList: true, subtree: true });
};

// A page on the mobile profile: empty cache, Fast 3G, the CPU slowed 4×.
async function mobilePage() {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page, cdp };
}

async function loadOnce(base, path) {
  const { context, page, cdp } = await mobilePage();
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(probe);
  await page.goto(base + path, { waitUntil: 'load', timeout: 120_000 });
  // The app runs the page: it took over the prerendered one, or (no prerendered page) it
  // mounted it.
  await page.waitForFunction(
    () => window.__bench.h1 != null && (window.__bench.live != null || !document.querySelector('[data-prerendered]')),
    null,
    { timeout: 120_000 },
  );
  // Wait for 3 s without a long task (at most 60 s).
  const result = await page.evaluate(async () => {
    const b = window.__bench;
    const ready = Math.max(b.h1, b.live ?? 0);
    const start = performance.now();
    for (;;) {
      const last = Math.max(ready, ...b.longTasks);
      if (performance.now() - last >= 3000 || performance.now() - start > 60_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    return {
      fcp: paint['first-contentful-paint'] ?? null, lcp: b.lcp, render: b.h1,
      interactive: Math.max(ready, ...b.longTasks), longTasks: b.longTasks.length,
    };
  });
  await context.close();
  if (process.env.DEBUG) console.log(path, result);
  return { ...result, bytes };
}

console.log(`Load: mobile profile (4× CPU, Fast 3G ${FAST_3G.latency} ms RTT ${FAST_3G.downloadThroughput / 1000} KB/s), empty cache, brotli; median of ${RUNS} loads`);
for (const d of DISTS) console.log(`  ${d.label}: ${d.dir}`);
const kib = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${'page'.padEnd(12)}${'bundle'.padEnd(7)}${pad('before paint', 13)}${pad('transfer', 10)}${pad('FCP', 10)}${pad('LCP', 10)}${pad('first render', 14)}${pad('interactive', 13)}`);
try {
  for (const path of PAGES) {
    for (const d of DISTS) {
      const runs = [];
      let failed = 0;
      for (let i = 0; i < RUNS; i++) {
        // A load that never got there (a stalled fetch on the slowed machine) is counted,
        // not fatal to the other pages' figures.
        try {
          runs.push(await loadOnce(d.base, path));
        } catch (e) {
          failed += 1;
          if (process.env.DEBUG) console.log(path, e.message);
          for (const c of browser.contexts()) await c.close();
        }
      }
      const m = (k) => stat(runs.map((r) => r[k]).filter((x) => x != null)).median;
      console.log(`${path.padEnd(12)}${d.label.padEnd(7)}${pad(kib(beforePaint(d.dir, path)), 13)}${pad(`${(m('bytes') / 1024).toFixed(0)} KB`, 10)}${pad(ms(m('fcp')), 10)}${pad(ms(m('lcp')), 10)}${pad(ms(m('render')), 14)}${pad(ms(m('interactive')), 13)}${failed ? `  (${failed} of ${RUNS} loads timed out)` : ''}`);
    }
  }
  // Opening a page in the app, as a merchant does after landing on /: a first visit's
  // start, then (the plan reader's modules in, as every session has them once its start
  // is over) a tap on the page's link in the main navigation, until its <h1> is painted.
  console.log(`\nOpening a page from / in the app (same profile, one run per page): tap → the page's <h1> painted, requests and bytes it took`);
  console.log(`${'page'.padEnd(12)}${'bundle'.padEnd(7)}${pad('time', 10)}${pad('requests', 10)}${pad('transfer', 10)}`);
  for (const path of PAGES.filter((p) => p !== '/')) {
    for (const d of DISTS) {
      try {
        const r = await navigateOnce(d.base, path);
        console.log(`${path.padEnd(12)}${d.label.padEnd(7)}${pad(ms(r.time), 10)}${pad(String(r.requests), 10)}${pad(`${(r.bytes / 1024).toFixed(0)} KB`, 10)}`);
      } catch (e) {
        console.log(`${path.padEnd(12)}${d.label.padEnd(7)}  (did not open: ${e.message.split('\n')[0]})`);
        for (const c of browser.contexts()) await c.close();
      }
    }
  }
} finally {
  await browser.close();
}

async function navigateOnce(base, path) {
  const { context, page, cdp } = await mobilePage();
  await page.goto(`${base}/`, { timeout: 120_000 });
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live', null, { timeout: 120_000 });
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((e) => /(split|nav|pack)_plan_reader/.test(e.name) && e.responseEnd > 0),
    null,
    { timeout: 120_000 },
  );
  await page.waitForLoadState('networkidle');
  let requests = 0;
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { requests += 1; bytes += e.encodedDataLength; });
  const link = page.locator(`nav a[href="${path}"]`).first();
  const before = await page.locator('#main h1').textContent();
  const start = await page.evaluate(() => performance.now());
  await link.click();
  const time = await page.evaluate(async ([path, before, start]) => {
    const shown = () => location.pathname === path && document.querySelector('#main h1') && document.querySelector('#main h1').textContent !== before;
    while (!shown()) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - start;
  }, [path, before, start]);
  await context.close();
  return { time, requests, bytes };
}

// Lighthouse 12 with its default mobile settings (simulated slow 4G, 4× CPU).
const closeAll = () => servers.forEach((s) => s.close());
if (process.env.NO_LIGHTHOUSE) {
  closeAll();
} else {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROME_FLAGS],
  });
  console.log('\nLighthouse 12 (default mobile: simulated slow 4G, 4× CPU), one run per page');
  console.log(`${'page'.padEnd(12)}${'bundle'.padEnd(7)}${pad('perf', 6)}${pad('a11y', 6)}${pad('FCP', 10)}${pad('LCP', 10)}${pad('TBT', 10)}${pad('CLS', 7)}${pad('TTI', 10)}${pad('SI', 10)}`);
  try {
    for (const path of PAGES) {
      for (const d of DISTS) {
        const r = await lighthouse(d.base + path, {
          port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'],
        });
        const lhr = r.lhr;
        const score = (c) => (lhr.categories[c]?.score == null ? '—' : Math.round(lhr.categories[c].score * 100));
        const audit = (a) => ms(lhr.audits[a]?.numericValue);
        const cls = lhr.audits['cumulative-layout-shift']?.numericValue;
        const problem = lhr.runtimeError ? `  (${lhr.runtimeError.code})` : '';
        console.log(`${path.padEnd(12)}${d.label.padEnd(7)}${pad(score('performance'), 6)}${pad(score('accessibility'), 6)}${pad(audit('first-contentful-paint'), 10)}${pad(audit('largest-contentful-paint'), 10)}${pad(audit('total-blocking-time'), 10)}${pad(cls == null ? '—' : cls.toFixed(3), 7)}${pad(audit('interactive'), 10)}${pad(audit('speed-index'), 10)}${problem}`);
      }
    }
  } finally {
    await chrome.kill();
    closeAll();
  }
}
