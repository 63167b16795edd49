// Benchmark, not a test: js-framework-benchmark style operations on the task table of
// /tasks (release bundle in dist/), each beside the same operation on a plain JavaScript
// table (vanilla-table.html: same columns, no framework), measured in the same run in
// headless Chromium (desktop viewport), with the CPU at full speed and slowed 4× (DevTools
// throttling, Emulation.setCPUThrottlingRate, on app and vanilla pages alike once they
// are set up: the measured operations run throttled). Prints figures, one table per
// (rows × CPU), with the ratios app ÷ vanilla "in view" beside issue 21's targets. The vanilla table runs
// twice: with only the rows in view in the DOM (as the app, which virtualises past 100
// rows: the like-for-like baseline) and with every row in the DOM (js-framework-benchmark's
// way, what a table without virtual scrolling costs).
//   node tests/bench/tables.mjs [dist]        (make bench-tables)
//
// Both pages are driven by the same DOM events, as a user would:
//   create N     paste a TSV block of N rows × 13 columns at the first cell of a one-row table
//   update 1/10  paste the first column again with every 10th value changed
//   swap         move row 2 onto row 9, then row 8 onto row 2 (drag and drop): two rows
//                swapped (both in view: the app renders only the rows in view)
//   edit         type into the actual-value cell of the first row; until the derived
//                outcome column shows the new result
// Each time runs from the event to the frame that paints the result (condition seen in a
// requestAnimationFrame, then the next frame). An operation gets at most TABLE_CAP_S
// (120) seconds: past that it prints "> cap", and the operations after it on that page
// are not measured.
//   TABLE_SIZES=1000,10000  TABLE_CPU=1,4  TABLE_RUNS=5  (environment, the defaults)
import { serve, launch, stat, ms, pad, settle } from './lib.mjs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = process.argv[2] ?? `${here}../../dist`;
const APP_PORT = Number(process.env.BENCH_PORT ?? 4531);
const VANILLA_PORT = APP_PORT + 1;
const SIZES = (process.env.TABLE_SIZES ?? '1000,10000').split(',').map(Number);
const CPUS = (process.env.TABLE_CPU ?? '1,4').split(',').map(Number);
const RUNS = Number(process.env.TABLE_RUNS ?? 5);
const CAP = Number(process.env.TABLE_CAP_S ?? 120) * 1000;

const TASKS = 'table.grid[data-table="tasks"]';
// The plain table is served as itself (without `prerendered` an .html address gets the
// app's shell).
const servers = [await serve(dist, APP_PORT), await serve(here, VANILLA_PORT, { prerendered: true })];
const browser = await launch();

const tsvRows = (n) =>
  Array.from({ length: n }, (_, i) => [`任务${i}`, '', `行动${i}`, `负责人${i % 7}`, String(i % 60), '', '', '', '到店人数', '', '50', '%', String(i % 100)].join('\t')).join('\n');

// In the page: helpers shared by both tables.
const helpers = () => {
  window.__b = {
    frame: () => new Promise((r) => requestAnimationFrame(() => r())),
    rows: () => [...document.querySelectorAll('table.grid[data-table="tasks"] tbody tr[data-row-id]')],
    field: (pos, col) => window.__b.rows()[pos]?.querySelector(`[data-col="${col}"]`),
    outcome: (pos) => [...(window.__b.rows()[pos]?.querySelectorAll('td.col-derived') ?? [])].pop()?.textContent,
    rowcount: () => Number(document.querySelector('table.grid[data-table="tasks"]').getAttribute('aria-rowcount')),
    // From `act()` until `done()` holds in an animation frame, then the frame after (the
    // one that painted it). `done()` is only checked in a frame, never right after
    // `act()`: a table that changes its DOM in the event handler (vanilla) and one that
    // changes it in the microtasks after it (the app's effects) are both painted by the
    // next frame, and both are timed to the frame after that one.
    // More pairs: one after the other (the second acts on what the first painted).
    // Past `cap` ms without the result: null.
    async time(...steps) {
      const t = performance.now();
      for (let i = 0; i < steps.length; i += 2) {
        steps[i]();
        do {
          if (performance.now() - t > window.__b.cap) return null;
          await window.__b.frame();
        } while (!steps[i + 1]());
      }
      await window.__b.frame();
      return performance.now() - t;
    },
    paste(target, text) {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    drag(from, to) {
      const data = new DataTransfer();
      const handle = window.__b.rows()[from].querySelector('.drag-handle');
      handle.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, cancelable: true }));
      const target = window.__b.rows()[to].querySelector('td');
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
  };
};

// A page with a one-row task table, ready to paste into.
async function openApp() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${APP_PORT}/tasks`);
  await page.waitForSelector(`${TASKS} tbody tr[data-row-id] [data-col="0"]`);
  // Make the app save its plan, then keep one task in it and reload.
  await page.locator(`${TASKS} tbody tr[data-row-id] [data-col="0"]`).first().fill('保存 ');
  await page.waitForFunction(() => {
    const id = localStorage.getItem('omo-planner.current');
    return localStorage.getItem(id ? `omo-planner.plan.${id}` : 'omo-planner.plan')?.includes('保存');
  });
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const id = localStorage.getItem('omo-planner.current');
    const key = id ? `omo-planner.plan.${id}` : 'omo-planner.plan';
    const plan = JSON.parse(localStorage.getItem(key));
    plan.tasks = plan.tasks.slice(0, 1);
    // Its actual value typed, not read from a plan figure, so that editing it counts.
    plan.tasks[0].deliverable.source = null;
    localStorage.setItem(key, JSON.stringify(plan));
  });
  await page.reload();
  await page.waitForFunction((t) => document.querySelector(t)?.getAttribute('aria-rowcount') === '2', TASKS);
  await page.evaluate(helpers);
  await page.evaluate((cap) => { window.__b.cap = cap; }, CAP);
  return page;
}

const openVanilla = (virtual) => async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${VANILLA_PORT}/vanilla-table.html${virtual ? '?virtual' : ''}`);
  await page.evaluate(helpers);
  await page.evaluate((cap) => { window.__b.cap = cap; }, CAP);
  return page;
};

async function create(page, n) {
  return page.evaluate(async ({ n, text }) => {
    const b = window.__b;
    const last = `任务${Math.min(n, 10) - 1}`;
    return b.time(() => b.paste(b.field(0, 0), text), () => b.rowcount() === n + 1 && b.field(Math.min(n, 10) - 1, 0)?.value === last);
  }, { n, text: tsvRows(n) });
}

async function update(page, n, k) {
  return page.evaluate(async ({ n, k }) => {
    const b = window.__b;
    const text = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `任务${i} !!!${k}` : `任务${i}`)).join('\n');
    return b.time(() => b.paste(b.field(0, 0), text), () => b.field(0, 0).value === `任务0 !!!${k}` && b.field(1, 0).value === '任务1');
  }, { n, k });
}

async function swap(page) {
  return page.evaluate(async () => {
    const b = window.__b;
    const [a, z] = [b.field(1, 0).value, b.field(8, 0).value];
    return b.time(
      () => b.drag(1, 8), () => b.field(8, 0)?.value === a,
      () => b.drag(7, 1), () => b.field(1, 0)?.value === z && b.field(8, 0)?.value === a,
    );
  });
}

async function edit(page, k) {
  return page.evaluate(async (k) => {
    const b = window.__b;
    const input = b.field(0, 12);
    const before = b.outcome(0);
    input.focus();
    return b.time(() => {
      input.value = k % 2 ? '40' : '60';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, () => b.outcome(0) !== before);
  }, k);
}

const OPS = ['create', 'update every 10th', 'swap two rows', 'edit → derived paint'];
// Issue 21's targets, app ÷ vanilla "in view".
const GOALS = { create: '≤ 2×', 'update every 10th': '≤ 3×', 'swap two rows': '≤ 3×', 'edit → derived paint': '≤ 1.5×' };
const TARGETS = [['app', openApp], ['in view', openVanilla(true)], ['all rows', openVanilla(false)]];

// An operation's time, or null past the cap, also when the page stays busy in one task
// (the in-page clock cannot see the cap then).
// A page that failed (crashed, closed) counts as capped too, with its error printed.
function capped(promise) {
  let timer;
  const late = new Promise((r) => { timer = setTimeout(() => r(null), CAP + 15_000); });
  const failed = promise.catch((e) => {
    console.log(`  (${e.message.split('\n')[0]})`);
    return null;
  });
  return Promise.race([failed, late]).finally(() => clearTimeout(timer));
}
const closed = (page) => page && Promise.race([page.context().close(), new Promise((r) => setTimeout(r, 10_000))]);

async function throttle(page, rate) {
  if (rate === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

// All operations on one table, RUNS times each; null: past the cap; missing: not run.
async function measure(name, open, n, cpu) {
  const times = Object.fromEntries(OPS.map((op) => [op, []]));
  const log = (...a) => process.env.DEBUG && console.log(name, n, `${cpu}×`, ...a);
  let page;
  // The app's page is set up at full speed (its plan saved and reloaded), then slowed.
  for (let r = 0; r < RUNS; r++) {
    await closed(page);
    page = await open();
    page.on('crash', () => console.log(`${name}: the page crashed`));
    await throttle(page, cpu);
    const t = await capped(create(page, n));
    times.create.push(t);
    log('create', t);
    if (t == null) {
      await closed(page);
      return times;
    }
  }
  // Settle (the app saves after an edit) before the next operations.
  await settle(page, 1500);
  const series = [
    ['update every 10th', RUNS, (r) => update(page, n, r)],
    ['swap two rows', RUNS, () => swap(page)],
    ['edit → derived paint', RUNS * 2, (r) => edit(page, r)],
  ];
  for (const [op, runs, run] of series) {
    for (let r = 0; r < runs; r++) {
      const t = await capped(run(r));
      times[op].push(t);
      if (t == null) break;
    }
    log(op, times[op]);
    if (times[op].includes(null)) break;
  }
  await closed(page);
  return times;
}

// A median, "> cap" when a run hit the cap, "—" when not run.
const median = (xs) => (xs.length === 0 ? null : xs.includes(null) ? Infinity : stat(xs).median);
const show = (x) => (x === Infinity ? '> cap' : ms(x));
const ratio = (a, b) => (a == null || b == null || !isFinite(b) ? '—' : !isFinite(a) ? '—' : `${(a / b).toFixed(1)}×`);

console.log(`Tables: /tasks (Leptos) vs a vanilla JS table, median of ${RUNS} runs, desktop headless Chromium (1280×900),`);
console.log(`CPU ${CPUS.map((c) => (c === 1 ? 'at full speed' : `slowed ${c}× (DevTools throttling)`)).join(', then ')}.`);
console.log(`vanilla "in view": only the rows in view in the DOM, as the app past 100 rows; "all rows": every row in the DOM.`);
console.log(`target: issue 21's bound on app ÷ vanilla in view. Cap: ${CAP / 1000} s per operation.`);
try {
  for (const n of SIZES) {
    for (const cpu of CPUS) {
      const results = {};
      for (const [name, open] of TARGETS) results[name] = await measure(name, open, n, cpu);
      console.log(`\n${n.toLocaleString('en')} rows · CPU ${cpu}×`);
      console.log(`  ${'operation'.padEnd(22)}${pad('app', 10)}${pad('vanilla in view', 17)}${pad('app ÷', 8)}${pad('target', 8)}${pad('vanilla all rows', 18)}${pad('app ÷', 8)}`);
      for (const op of OPS) {
        const [a, v, w] = TARGETS.map(([name]) => median(results[name][op]));
        console.log(`  ${op.padEnd(22)}${pad(show(a), 10)}${pad(show(v), 17)}${pad(ratio(a, v), 8)}${pad(GOALS[op], 8)}${pad(show(w), 18)}${pad(ratio(a, w), 8)}`);
      }
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
}
