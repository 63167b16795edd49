// Benchmark, not a test: js-framework-benchmark style operations on the task table of
// /tasks (release bundle in dist/), each beside the same operation on a plain JavaScript
// table (vanilla-table.html: same columns, no framework), measured in the same run in
// headless Chromium (desktop, no throttling). Prints figures. The vanilla table runs
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
// requestAnimationFrame, then the next frame).
import { serve, launch, stat, ms, pad } from './lib.mjs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = process.argv[2] ?? `${here}../../dist`;
const [APP_PORT, VANILLA_PORT] = [4521, 4522];
const SIZES = (process.env.TABLE_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.TABLE_RUNS ?? 5);

const TASKS = 'table.grid[data-table="tasks"]';
const servers = [await serve(dist, APP_PORT), await serve(here, VANILLA_PORT)];
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
    // From `act()` until `done()` holds in a frame, then the frame after (the paint).
    // More pairs: one after the other (the second acts on what the first painted).
    async time(...steps) {
      const t = performance.now();
      for (let i = 0; i < steps.length; i += 2) {
        steps[i]();
        while (!steps[i + 1]()) {
          if (performance.now() - t > 60_000) throw new Error('no result after 60 s');
          await window.__b.frame();
        }
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
  return page;
}

const openVanilla = (virtual) => async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${VANILLA_PORT}/vanilla-table.html${virtual ? '?virtual' : ''}`);
  await page.evaluate(helpers);
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
const TARGETS = [['app', openApp], ['in view', openVanilla(true)], ['all rows', openVanilla(false)]];
console.log(`Tables: /tasks (Leptos) vs a vanilla JS table, median of ${RUNS} runs, desktop Chromium, no throttling.`);
console.log(`vanilla "in view": only the rows in view in the DOM, as the app past 100 rows; "all rows": every row in the DOM.`);
console.log(`${'rows'.padStart(6)}  ${'operation'.padEnd(22)}${pad('app', 10)}${pad('vanilla in view', 17)}${pad('app/it', 8)}${pad('vanilla all rows', 18)}${pad('app/it', 8)}`);
try {
  for (const n of SIZES) {
    const results = {};
    for (const [name, open] of TARGETS) {
      const times = { create: [], 'update every 10th': [], 'swap two rows': [], 'edit → derived paint': [] };
      let page;
      const log = (...a) => process.env.DEBUG && console.log(name, n, ...a);
      for (let r = 0; r < RUNS; r++) {
        await page?.close();
        page = await open();
        page.on('crash', () => console.log(`${name}: the page crashed`));
        times.create.push(await create(page, n));
        log('create', times.create.at(-1));
      }
      // Settle (the app saves after an edit) before the next operations.
      await page.waitForTimeout(1500);
      for (let r = 0; r < RUNS; r++) times['update every 10th'].push(await update(page, n, r));
      log('update', times['update every 10th']);
      for (let r = 0; r < RUNS; r++) times['swap two rows'].push(await swap(page));
      log('swap', times['swap two rows']);
      for (let r = 0; r < RUNS * 2; r++) times['edit → derived paint'].push(await edit(page, r));
      log('edit', times['edit → derived paint']);
      await page.close();
      results[name] = times;
    }
    for (const op of OPS) {
      const [a, v, w] = TARGETS.map(([name]) => stat(results[name][op]).median);
      const ratio = (x) => `${(a / x).toFixed(1)}×`;
      console.log(`${String(n).padStart(6)}  ${op.padEnd(22)}${pad(ms(a), 10)}${pad(ms(v), 17)}${pad(ratio(v), 8)}${pad(ms(w), 18)}${pad(ratio(w), 8)}`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
}
