// Benchmark, not a test: memory of the release bundle (dist/) with the task page open, in
// headless Chromium (desktop, no throttling). Prints figures.
//   node tests/bench/memory.mjs [dist]        (make bench-memory)
//
//   JS heap      Performance.getMetrics' JSHeapUsedSize after HeapProfiler.collectGarbage
//                (DevTools protocol), the page settled (autosave written)
//   wasm memory  the byte length of the app's WebAssembly linear memory (the main
//                module's exported memory, shared by the lazily loaded page modules);
//                it only ever grows, so it is the high-water mark of the wasm heap
// States, on /tasks:
//   demo plan              the plan the app creates on its first visit (empty storage)
//   10,000 tasks           the demo plan with its task table grown to MEMORY_TASKS rows by
//                          copies of its tasks, written into storage before the page loads
//   after 200 edits        200 separate edits on that plan, each a new undo step: a digit
//                          typed into the 实际值 (actual value) cell of a task, then Enter
//                          (down to the next task's, which the next digit replaces, as in
//                          a spreadsheet): 200 different cells of 200 rows
//   after 200 × Ctrl+Z     the 200 steps undone with real key events
import { serve, launch, storedPlan, writePlan, maxId, grow, settle } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(process.argv[2] ?? `${here}../../dist`);
const PORT = Number(process.env.BENCH_PORT ?? 4534);
const TASKS = Number(process.env.MEMORY_TASKS ?? 10_000);
const STEPS = Number(process.env.MEMORY_STEPS ?? 200);
const base = `http://127.0.0.1:${PORT}`;
const TABLE = 'table[data-table="tasks"]';
const ACTUAL = '实际值';

// Before the app: keeps the app's wasm memory. Trunk's loader dispatches
// TrunkApplicationStarted with the module's exports; any instantiation exporting a memory
// is the fallback (the main module is the first).
const probe = () => {
  addEventListener('TrunkApplicationStarted', (e) => {
    if (e.detail?.wasm?.memory instanceof WebAssembly.Memory) window.__wasmMemory = e.detail.wasm.memory;
  });
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const result = await original.apply(this, args);
      const memory = (result.instance ?? result).exports?.memory;
      if (memory instanceof WebAssembly.Memory) window.__wasmMemory ??= memory;
      return result;
    };
  }
};

const server = await serve(dist, PORT);
const browser = await launch();

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript(probe);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

async function measure(page, cdp) {
  await settle(page, 1000);
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  return { js: m.JSHeapUsedSize, wasm, nodes: m.Nodes };
}

const rowcount = (page, n) =>
  page.waitForFunction(({ t, n }) => document.querySelector(t)?.getAttribute('aria-rowcount') === String(n + 1), { t: TABLE, n }, { timeout: 120_000 });

// The saved plan's tasks whose actual value differs from `tasks`' (by id).
async function changedActuals(page, tasks) {
  await settle(page);
  const { plan } = await storedPlan(page);
  const before = new Map(tasks.map((t) => [t.id, JSON.stringify(t.deliverable?.actual)]));
  return plan.tasks.filter((t) => before.get(t.id) !== JSON.stringify(t.deliverable?.actual)).length;
}

const mb = (b) => (b == null ? '—' : `${(b / 1048576).toFixed(1)} MB`);
const rows = [];
const show = (state, r, note = '') => {
  rows.push(r);
  console.log(`${state.padEnd(34)}${mb(r.js).padStart(10)}${mb(r.wasm).padStart(13)}${mb(r.js + (r.wasm ?? 0)).padStart(10)}${String(r.nodes).padStart(11)}  ${note}`);
};

console.log(`Memory on /tasks (desktop headless Chromium, no throttling): JS heap used after a forced GC, wasm linear`);
console.log(`memory (only grows: its high-water mark), DOM nodes. ${TASKS} tasks: the demo plan's tasks copied.`);
console.log(`${'state'.padEnd(34)}${'JS heap'.padStart(10)}${'wasm memory'.padStart(13)}${'total'.padStart(10)}${'DOM nodes'.padStart(11)}`);
try {
  {
    const { context, page, cdp } = await newPage();
    await page.goto(`${base}/tasks`);
    await page.locator(TABLE).waitFor({ timeout: 60_000 });
    show('demo plan', await measure(page, cdp));
    await context.close();
  }
  const { context, page, cdp } = await newPage();
  await page.goto(`${base}/tasks`);
  const { key, plan } = await storedPlan(page);
  grow(plan.tasks, TASKS, maxId(plan), (t, k) => { t.monthly_task = `任务${k}`; });
  const tasks = structuredClone(plan.tasks);
  await writePlan(page, base, dist, key, plan);
  await page.goto(`${base}/tasks`);
  await rowcount(page, TASKS);
  show(`${TASKS} tasks`, await measure(page, cdp));

  // 200 edits, one cell each, down the 实际值 column.
  const first = page.locator(TABLE).getByLabel(`${ACTUAL} ${plan.tasks[0].monthly_task}`, { exact: true });
  await first.focus();
  await page.keyboard.press('End');
  const t0 = Date.now();
  for (let i = 0; i < STEPS; i++) {
    const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    if (!label?.startsWith(ACTUAL)) throw new Error(`edit ${i}: the focus is on ${label}, not a ${ACTUAL} cell`);
    await page.keyboard.press('5');
    await page.waitForFunction(() => document.activeElement?.value?.endsWith('5'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') !== l, label);
  }
  const editing = Date.now() - t0;
  await page.evaluate(() => document.activeElement?.blur());
  const edited = await changedActuals(page, tasks);
  show(`  after ${STEPS} edits (${STEPS} undo steps)`, await measure(page, cdp), `${edited} tasks changed in the saved plan; ${(editing / STEPS).toFixed(0)} ms per edit (typed + Enter)`);

  for (let i = 0; i < STEPS; i++) await page.keyboard.press('Control+z');
  const left = await changedActuals(page, tasks);
  show(`  after ${STEPS} × Ctrl+Z`, await measure(page, cdp), `${left} tasks still changed in the saved plan`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
