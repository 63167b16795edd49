// Benchmark, not a test: the plan library at scale (issue 28), in headless Chromium
// (desktop, no throttling). Prints figures.
//   node tests/bench/library.mjs [dist]        (make bench-library)
//
// 50 plans (LIBRARY_PLANS) of 10,000 tasks (LIBRARY_TASKS, the demo plan's tasks copied)
// are written into the browser's database as the app keeps plans that are not open
// (IndexedDB `omo-planner`, store `plans`), listed in the index; the demo plan is open.
// About 80 MB: far beyond localStorage's 5 MB per site, which is why they live there.
//   list       /plans opened: navigation → every plan's row shown
//   open       打开 on a 10,000-task plan: tap → its name in the top bar (read from the
//              database, made the working copy); then until the plan open before is
//              moved into the database (its working copy gone)
//   start      a reload with that plan open: navigation → /tasks shows its 10,000 rows
//   autosave   one digit typed into a task → 已保存在本机 (300 ms of it is the debounce
//              that lets fast typing cost one write), and the write itself (its share of
//              the main thread: the longest task after the debounce)
import { serve, launch, storedPlan, maxId, grow, settle, stat, ms } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { readdirSync } from 'node:fs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(process.argv[2] ?? `${here}../../dist`);
const PORT = Number(process.env.BENCH_PORT ?? 4535);
const PLANS = Number(process.env.LIBRARY_PLANS ?? 50);
const TASKS = Number(process.env.LIBRARY_TASKS ?? 10_000);
const RUNS = Number(process.env.LIBRARY_RUNS ?? 3);
const base = `http://127.0.0.1:${PORT}`;
const TABLE = 'table[data-table="tasks"]';
const ROWS = 'table.plan-list tbody tr';

const server = await serve(dist, PORT);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
const page = await context.newPage();
page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));

// Writes the plans into the database from the page (one document sent, the others made
// from it there), the index beside them in localStorage.
async function seed(doc) {
  return page.evaluate(async ({ doc, plans }) => {
    const db = await new Promise((ok, fail) => {
      const open = indexedDB.open('omo-planner', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('plans');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const index = JSON.parse(localStorage.getItem('omo-planner.plans'));
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 1; i <= plans; i++) {
      const id = `pbench${i}`;
      const name = `门店计划 ${i}`;
      const text = doc.replace('"name":"__NAME__"', `"name":${JSON.stringify(name)}`);
      bytes += text.length;
      await new Promise((ok, fail) => {
        const tx = db.transaction('plans', 'readwrite');
        tx.objectStore('plans').put(text, id);
        tx.oncomplete = ok;
        tx.onabort = () => fail(tx.error);
      });
      index.plans.push({ id, name, industry: 'retail', updated: 1_760_000_000_000 + i, created: 1_760_000_000_000 });
    }
    db.close();
    localStorage.setItem('omo-planner.plans', JSON.stringify(index));
    return { ms: performance.now() - t0, bytes };
  }, { doc, plans: PLANS });
}

const shown = (n) => page.waitForFunction(({ sel, n }) => document.querySelectorAll(sel).length === n, { sel: ROWS, n }, { timeout: 120_000 });
const localBytes = () => page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0) * 2);
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

try {
  await page.goto(`${base}/tasks`);
  const { plan } = await storedPlan(page);
  grow(plan.tasks, TASKS, maxId(plan), (t, k) => { t.monthly_task = `任务${k}`; });
  plan.header.name = '__NAME__';
  const doc = JSON.stringify(plan);
  // From a static file of the same origin: no app running to write over the index.
  await page.goto(`${base}/${readdirSync(dist).find((f) => f.endsWith('.css') || f.endsWith('.svg'))}`);
  const seeded = await seed(doc);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  console.log(`Plan library: ${PLANS} plans of ${TASKS.toLocaleString('en')} tasks (${mb(doc.length)} each as text) in the browser's database, desktop`);
  console.log(`headless Chromium, no throttling; medians of ${RUNS} runs (min – max).`);
  console.log(`  seeded          ${(seeded.ms / 1000).toFixed(1)} s for ${mb(seeded.bytes)} of text; the site's usage ${mb(usage)}`);

  const report = (what, xs, note = '') => {
    const s = stat(xs);
    console.log(`  ${what.padEnd(15)} ${ms(s.median).padStart(8)}  (${ms(s.min)} – ${ms(s.max)})  ${note}`);
  };

  const list = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    await page.goto(`${base}/plans`);
    await shown(PLANS + 1);
    list.push(Date.now() - t0);
  }
  report('list', list, `/plans: navigation → ${PLANS + 1} rows`);

  const open = [];
  const parked = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${base}/plans`);
    await shown(PLANS + 1);
    await settle(page);
    const name = `门店计划 ${i + 1}`;
    const before = await page.evaluate(() => localStorage.getItem('omo-planner.current'));
    const t0 = Date.now();
    await page.getByRole('button', { name: `打开 ${name}`, exact: true }).click();
    await page.locator('.plan-name').getByText(name, { exact: true }).waitFor({ timeout: 60_000 });
    open.push(Date.now() - t0);
    await page.waitForFunction((id) => localStorage.getItem(`omo-planner.plan.${id}`) === null, before, { timeout: 60_000 });
    parked.push(Date.now() - t0);
  }
  report('open', open, 'tap → the plan\'s name in the top bar');
  report('  moved away', parked, 'tap → the plan open before is in the database');

  const start = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    await page.goto(`${base}/tasks`);
    await page.waitForFunction(({ t, n }) => document.querySelector(t)?.getAttribute('aria-rowcount') === String(n + 1), { t: TABLE, n: TASKS }, { timeout: 120_000 });
    start.push(Date.now() - t0);
  }
  report('start', start, `reload → /tasks showing ${TASKS.toLocaleString('en')} rows`);

  const saves = [];
  const writes = [];
  const first = page.locator(TABLE).locator('input[aria-label^="实际值 "]').first();
  for (let i = 0; i < RUNS; i++) {
    await settle(page);
    await first.focus();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    const typed = await page.evaluate(() => performance.now());
    await page.keyboard.press(String(i + 1));
    await page.getByTestId('save-state').getByText('已保存在本机').waitFor({ timeout: 60_000 });
    saves.push(Date.now() - t0);
    const long = await page.evaluate((typed) => window.__long.filter(([t]) => t > typed + 250).map(([, d]) => d), typed);
    writes.push(long.length ? Math.max(...long) : 0);
  }
  report('autosave', saves, 'keystroke → 已保存在本机 (300 ms debounce included)');
  report('  the write', writes, 'longest main-thread task after the debounce (0: none over 50 ms)');
  console.log(`  localStorage    ${kb(await localBytes())} in use (UTF-16): the open plan, the index, settings`);
} finally {
  await browser.close();
  server.close();
}
