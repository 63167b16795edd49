// Benchmark, not a test: first load of the release bundle (dist/) on a throttled mobile
// profile, then Lighthouse's scores. Prints figures.
//   node tests/bench/load.mjs [dist]        (make bench-load)
//
// Profile, through the DevTools protocol: 412×823 mobile viewport, 4× CPU slowdown,
// DevTools' "Fast 3G" network (562.5 ms RTT, 180 KB/s down, 84 KB/s up), empty cache.
// The server compresses (brotli) as a real host would.
//   first render: navigation start → the page's <h1> is in the DOM and painted (the app
//                 mounts the whole page, plan figures included, in one go)
//   interactive:  navigation start → end of the last long task (> 50 ms) before 3 s
//                 without any (a simplified TTI, measured in the page)
import { serve, launch, stat, ms, pad, CHROMIUM, CHROME_FLAGS } from './lib.mjs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = process.argv[2] ?? `${here}../../dist`;
const PORT = 4511;
const PAGES = ['/scenario', '/tasks', '/funnel', '/channels', '/customers'];
const RUNS = Number(process.env.LOAD_RUNS ?? 3);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const base = `http://127.0.0.1:${PORT}`;

const server = await serve(dist, PORT);
const browser = await launch();

// Runs in the page before the app: paint, long tasks, and when the page's <h1> appears.
const probe = () => {
  window.__bench = { longTasks: [], h1: null };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__bench.longTasks.push(e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
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

async function loadOnce(path) {
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
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(probe);
  await page.goto(base + path, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => window.__bench.h1 != null, null, { timeout: 120_000 });
  // Wait for 3 s without a long task (at most 60 s).
  const result = await page.evaluate(async () => {
    const b = window.__bench;
    const start = performance.now();
    for (;;) {
      const last = Math.max(b.h1, ...b.longTasks);
      if (performance.now() - last >= 3000 || performance.now() - start > 60_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    return { fcp: paint['first-contentful-paint'] ?? null, render: b.h1, interactive: Math.max(b.h1, ...b.longTasks), longTasks: b.longTasks.length };
  });
  await context.close();
  if (process.env.DEBUG) console.log(path, result);
  return { ...result, bytes };
}

console.log(`Load: mobile profile (4× CPU, Fast 3G ${FAST_3G.latency} ms RTT ${FAST_3G.downloadThroughput / 1000} KB/s), empty cache, brotli; median of ${RUNS} loads`);
console.log(`${'page'.padEnd(12)}${pad('transfer', 10)}${pad('FCP', 10)}${pad('first render', 14)}${pad('interactive', 13)}`);
try {
  for (const path of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(path));
    const m = (k) => stat(runs.map((r) => r[k])).median;
    console.log(`${path.padEnd(12)}${pad(`${(m('bytes') / 1024).toFixed(0)} KB`, 10)}${pad(ms(m('fcp')), 10)}${pad(ms(m('render')), 14)}${pad(ms(m('interactive')), 13)}`);
  }
} finally {
  await browser.close();
}

// Lighthouse 12 with its default mobile settings (simulated slow 4G, 4× CPU).
if (process.env.NO_LIGHTHOUSE) {
  server.close();
} else {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROME_FLAGS],
  });
  console.log('\nLighthouse 12 (default mobile: simulated slow 4G, 4× CPU), one run per page');
  console.log(`${'page'.padEnd(12)}${pad('perf', 6)}${pad('a11y', 6)}${pad('FCP', 10)}${pad('LCP', 10)}${pad('TBT', 10)}${pad('TTI', 10)}${pad('SI', 10)}`);
  try {
    for (const path of PAGES) {
      const r = await lighthouse(base + path, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'],
      });
      const lhr = r.lhr;
      const score = (c) => (lhr.categories[c]?.score == null ? '—' : Math.round(lhr.categories[c].score * 100));
      const audit = (a) => ms(lhr.audits[a]?.numericValue);
      const problem = lhr.runtimeError ? `  (${lhr.runtimeError.code})` : '';
      console.log(`${path.padEnd(12)}${pad(score('performance'), 6)}${pad(score('accessibility'), 6)}${pad(audit('first-contentful-paint'), 10)}${pad(audit('largest-contentful-paint'), 10)}${pad(audit('total-blocking-time'), 10)}${pad(audit('interactive'), 10)}${pad(audit('speed-index'), 10)}${problem}`);
    }
  } finally {
    await chrome.kill();
    server.close();
  }
}
