// Benchmark, not a test: typing on every page. One keystroke in a representative cell of
// each page of the release bundle (dist/), on a phone (390×844, DPR 3, touch) with the CPU
// slowed 4× (DevTools throttling, a mid-range phone), in headless Chromium; keydown → the
// frame that paints the result. Prints figures.
//   node tests/bench/typing.mjs [dist]        (make bench-typing)
//
// Each page twice, each time in a fresh browser context (empty storage):
//   demo      the demo plan, which the app creates on its first visit
//   1k rows   the same plan with the page's main table grown to TYPING_ROWS (1,000) rows
//             by copies of its own rows (fresh ids and names), written into storage
//             before the page loads; the demo rows stay first, in view
// Typing: the cell is focused (untimed, CPU unthrottled), its caret put at the end, then
// the CPU is slowed and real key events alternate Backspace and a digit
// (page.keyboard.press → Input.dispatchKeyEvent), so every keystroke changes the value
// and the figure derived from it: a value ending in a digit loses it and gets it back
// (3000 → 300 → 3000, a valid value each time); an empty one gets a 7 and loses it. Timing, in the page: a capturing keydown listener on
// window (installed before the app) takes the event's timeStamp; from then on every
// animation frame checks that the cell's value and the watched derived figure both
// changed (the app's reactive work, effects included, has run: Leptos runs them in
// microtasks after the input event, before the frame); the next frame after that one
// ends the time (the frame that checked it has been painted). The page then settles
// (autosave's 300 ms debounce and its write), untimed, before the next keystroke.
// TYPING_KEYS (16) keystrokes are timed after two untimed ones; the median is printed.
//   TYPING_PAGES=funnel,tasks   only those cases (names as printed in the first column)
//   TYPING_TRACE=1              also record a Chromium trace of the timed keystrokes (demo
//                               plan and grown) and print where the main thread's time went, per
//                               keystroke: each event dispatched, style, layout, paint, GC
//   TYPING_MUTATIONS=1          also print what one keystroke changed in the page (DOM
//                               mutations by kind: an attribute by name, nodes, text;
//                               TYPING_MUTATIONS=where: by kind and the element changed)
//   TYPING_PROFILE=1            also sample the timed keystrokes with V8's profiler and
//                               print the functions that took the most time (self time;
//                               the timing then includes the profiler's own cost;
//                               wasm functions have names in a release build made with
//                               KEEP_NAMES=1 make build; TYPING_PROFILE=dir also writes
//                               each keystroke's .cpuprofile there)
import { serve, launch, stat, ms, pad, storedPlan, writePlan, maxId, grow, settle } from './lib.mjs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(process.argv[2] ?? `${here}../../dist`);
const PORT = Number(process.env.BENCH_PORT ?? 4533);
const KEYS = Number(process.env.TYPING_KEYS ?? 16);
const WARMUP = 2;
const ROWS = Number(process.env.TYPING_ROWS ?? 1000);
const CPU = Number(process.env.TYPING_CPU ?? 4);
const ONLY = process.env.TYPING_PAGES?.split(',');
const base = `http://127.0.0.1:${PORT}`;
const DEBUG = !!process.env.DEBUG;
const TRACE = !!process.env.TYPING_TRACE;
const PROFILE = !!process.env.TYPING_PROFILE;
const MUTATIONS = !!process.env.TYPING_MUTATIONS;

// Months before the demo's first (2025-10), one per copy: a month is a KPI row's name.
const monthBefore = (k) => {
  const m = 2025 * 12 + 8 - (k - 1); // 2025-09 for k = 1
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};

// name: the page; path: its address; table: data-table of the page's main table (the one
// grown to 1k rows); rows: where that table's rows live in the plan; relabel: a copy's
// own name (its row label); cell: the accessible name of the typed input inside `in`
// (a table) or `field`: the label of a form field; watch: the derived figure that must
// change (a column of the typed row, or of another table's row; `row`: all the typed
// row's text: its derived cells and messages); industry: the tab a
// toolkit sits under, if the page has one; reveal: a closed section holding the table.
const CASES = [
  {
    // Not a page of the app: the same keystroke in a plain-JavaScript page
    // (vanilla-typing.html), the browser's own share of a keystroke on this machine.
    name: 'floor', vanilla: true, path: '/vanilla-typing.html', table: 'floor', cell: '数量 甲', watch: { col: '金额' },
  },
  {
    name: 'scenario', path: '/scenario', field: '年营收(元)', table: 'scenarios', rows: (p) => p.scenarios,
    relabel: (r, k) => { r.kind = `场景${k}`; }, watch: { table: 'budget_lines', row: 0, col: '分配金额' },
  },
  {
    name: 'goals', path: '/scenario', table: 'goals', cell: '目标值 私域用户数', rows: (p) => p.goals,
    relabel: (r, k) => { r.metric = `目标${k}`; }, watch: { col: '提升' },
  },
  {
    name: 'budget', path: '/scenario', table: 'budget_lines', cell: '占比 线下活动', rows: (p) => p.budget_lines,
    relabel: (r, k) => { r.category = `类别${k}`; }, watch: { col: '分配金额' },
  },
  {
    name: 'tasks', path: '/tasks', table: 'tasks', cell: '实际值 全域ROI优化', rows: (p) => p.tasks,
    relabel: (r, k) => { r.monthly_task = `任务${k}`; }, watch: { col: '达成情况' },
  },
  {
    name: 'funnel', path: '/funnel', table: 'funnel', cell: '转化人数 门店扫码关注', rows: (p) => p.funnel.stages,
    relabel: (r, k) => { r.name = `环节${k}`; }, watch: { col: '转化率' },
  },
  {
    name: 'KPI months', path: '/channels', table: 'kpi-traffic', cell: '线下活动人数 2026-10', rows: (p) => p.kpi.months,
    relabel: (r, k) => { r.month = monthBefore(k); }, watch: { col: '线下引流线上率' }, reveal: /月度/,
  },
  {
    name: 'channels', path: '/channels', table: 'channels', cell: '投入 公众号', rows: (p) => p.kpi.channels,
    relabel: (r, k) => { r.name = `渠道${k}`; }, watch: { col: '获客成本' },
  },
  {
    name: 'stores', path: '/toolkits', table: 'stores', cell: '可调配库存(线下门店共享) MB001', rows: (p) => p.stores,
    relabel: (r, k) => { r.code = `MC${String(k).padStart(4, '0')}`; }, watch: { col: '预计库存' }, industry: '零售',
  },
  {
    name: 'tiers', path: '/toolkits', table: 'tiers', cell: '每张券面额 银卡', rows: (p) => p.tiers,
    // Copies start above every customer's spend, so the demo tiers keep their members.
    relabel: (r, k) => { r.name = `等级${k}`; r.threshold = 1_000_000_000 + k * 100; }, watch: { col: '月券成本' }, industry: '零售',
  },
  {
    name: 'customers', path: '/toolkits', table: 'customers', cell: '年消费 会员0001', rows: (p) => p.customers,
    // 1,280 → 12,807 (a tier) → 1,280: removing a digit would reach no tier either.
    relabel: (r, k) => { r.customer = `客户${k}`; }, watch: { col: '所属等级' }, industry: '零售', append: true,
  },
  {
    name: 'appointments', path: '/toolkits', table: 'appointments', cell: '实际到店人数 2026-10-15 14:00-15:00', rows: (p) => p.appointments,
    relabel: (r, k) => { r.slot = `时段${k}`; }, watch: { col: '空置率' }, industry: '服务',
  },
  {
    // A score typed past 5 is flagged on its row (then the score again); the row's name is
    // its dimension, a category shared by several rows: copies keep it (the demo row is
    // the first of that name). The row's only derived column follows the deadline.
    name: 'feedback', path: '/toolkits', table: 'feedback', cell: '评分(1-5分) 服务效率', rows: (p) => p.feedback,
    relabel: null, watch: { row: true }, industry: '服务', append: true,
  },
  {
    name: 'combos', path: '/toolkits', table: 'combos', cell: '联动券减免 引流套餐', rows: (p) => p.combos,
    relabel: (r, k) => { r.combo_type = `套餐${k}`; }, watch: { col: '优惠力度' }, industry: '餐饮',
  },
].filter((c) => !ONLY || ONLY.includes(c.name));

// Before the app: the keystroke timer. `__typing.arm(watch)` prepares the next keydown;
// its result is awaited with `__typing.pending`.
const probe = () => {
  const T = (window.__typing = { armed: null, pending: null });
  const target = () => document.querySelector('[data-bench-target]') ?? document.activeElement;
  // The text of the watched figure: a column (by its header) of the typed row, or of a
  // row of another table.
  T.watched = (w) => {
    let tr;
    if (w.table) {
      tr = document.querySelectorAll(`table[data-table="${w.table}"] tbody tr[data-row-id]`)[w.row];
    } else {
      tr = target()?.closest('tr');
    }
    const table = tr?.closest('table');
    if (!table) return null;
    if (w.row) return tr.textContent;
    const heads = [...table.tHead.rows[0].cells];
    const at = heads.findIndex((h) => h.textContent.trim().startsWith(w.col));
    return at < 0 ? `no column ${w.col}` : tr.cells[at]?.textContent ?? null;
  };
  T.arm = (w) => {
    const el = target();
    // What the keystroke changed in the page, by kind (TYPING_MUTATIONS).
    T.mutations = {};
    T.observer?.disconnect();
    T.observer = new MutationObserver((list) => {
      for (const m of list) {
        let kind = m.type === 'attributes' ? `@${m.attributeName}` : m.type === 'childList' ? 'nodes added/removed' : 'text';
        if (T.where) {
          const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
          const place = el?.closest('[id]')?.id ?? '';
          kind += ` ${el?.tagName.toLowerCase()}${el?.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''} in #${place}`;
        }
        T.mutations[kind] = (T.mutations[kind] ?? 0) + (m.type === 'childList' ? m.addedNodes.length + m.removedNodes.length : 1);
      }
    });
    T.observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    T.pending = new Promise((done) => {
      T.armed = { value: el.value, text: T.watched(w), w, done };
    });
  };
  addEventListener('keydown', (ev) => {
    const a = T.armed;
    if (!a) return;
    T.armed = null;
    const [t0, heard] = [ev.timeStamp, performance.now()];
    performance.mark('typing-start');
    const frame = (f) => requestAnimationFrame(f);
    const check = () => {
      const text = T.watched(a.w);
      const valueChanged = target()?.value !== a.value;
      const watchChanged = text !== a.text;
      const late = performance.now() - heard > 30_000;
      if ((valueChanged && watchChanged) || late) {
        frame(() => {
          const t1 = performance.now();
          performance.mark('typing-end');
          T.observer.disconnect();
          a.done({ mutations: T.mutations, ms: t1 - t0, fromListener: t1 - heard, valueChanged, watchChanged, before: a.text, after: text, value: target()?.value, focus: document.activeElement?.getAttribute('aria-label') });
        });
      } else frame(check);
    };
    frame(check);
  }, true);
};

const server = await serve(dist, PORT);
// The plain page is served as itself (without `prerendered` an .html address gets the
// app's shell).
const vanillaServer = await serve(here, PORT + 1, { prerendered: true });
const vanillaBase = `http://127.0.0.1:${PORT + 1}`;
const browser = await launch();

async function newPage() {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'zh-CN',
  });
  await context.addInitScript(probe);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  return { context, page };
}

// Opens the page of `c` and returns the typed input's locator; its table must have
// `rowcount` rows when given.
async function open(page, c, rowcount) {
  await page.goto((c.vanilla ? vanillaBase : base) + c.path);
  await page.waitForSelector('#main h1', { timeout: 60_000 });
  const table = c.table && page.locator(`table[data-table="${c.table}"]`);
  const present = () => table.count().then((n) => n > 0);
  if (c.reveal && !(await present())) {
    // A closed <details> or a show / hide button holding the table.
    const summary = page.locator('details:not([open]) > summary').filter({ hasText: c.reveal });
    if (await summary.count()) await summary.first().click();
    const button = page.locator('button[aria-expanded="false"]').filter({ hasText: c.reveal });
    if (!(await present()) && (await button.count())) await button.first().click();
  }
  if (c.industry && !(await present())) {
    // An industry switch: a tab, button, link or radio named by the industry.
    const ways = [['tab', false], ['radio', false], ['tab', true], ['radio', true], ['button', true], ['link', true]];
    for (const [role, exact] of ways) {
      const it = page.getByRole(role, { name: c.industry, exact });
      if (await it.count()) {
        await it.first().click();
        break;
      }
    }
  }
  if (table) await table.first().waitFor({ timeout: 60_000 });
  if (rowcount) {
    await page.waitForFunction(
      ({ t, n }) => document.querySelector(`table[data-table="${t}"]`)?.getAttribute('aria-rowcount') === String(n + 1),
      { t: c.table, n: rowcount }, { timeout: 60_000 },
    );
  }
  const input = c.field
    ? page.getByLabel(c.field).first()
    : table.first().getByLabel(c.cell, { exact: true }).first();
  await input.waitFor({ timeout: 60_000 });
  return input;
}

async function typeOn(c, rows) {
  const { context, page } = await newPage();
  try {
    let rowcount = null;
    if (rows) {
      await page.goto(base + c.path);
      const { key, plan } = await storedPlan(page);
      const list = c.rows(plan);
      grow(list, rows, maxId(plan), c.relabel);
      await writePlan(page, base, dist, key, plan);
      rowcount = rows;
    }
    const input = await open(page, c, rowcount);
    await settle(page, 1000);
    await input.evaluate((el) => { el.dataset.benchTarget = ''; el.scrollIntoView({ block: 'center' }); });
    await input.focus();
    await page.keyboard.press('End');
    await settle(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    const start = await input.inputValue();
    const last = /\d$/.test(start) && !c.append ? start.at(-1) : null;
    const keys = last ? ['Backspace', last] : ['7', 'Backspace'];
    const times = [];
    let unchanged = 0;
    let example = null;
    const tracing = TRACE;
    const profiles = [];
    for (let k = 0; k < WARMUP + KEYS; k++) {
      if (tracing && k === WARMUP) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      if (PROFILE && k === WARMUP) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      }
      // Each timed keystroke sampled on its own: the settling after it (autosave) is not.
      if (PROFILE && k >= WARMUP) await cdp.send('Profiler.start');
      await page.evaluate(([w, where]) => { window.__typing.where = where; window.__typing.arm(w); }, [c.watch, process.env.TYPING_MUTATIONS === 'where']);
      await page.keyboard.press(keys[k % 2]);
      const r = await page.evaluate(() => window.__typing.pending);
      if (PROFILE && k >= WARMUP) profiles.push((await cdp.send('Profiler.stop')).profile);
      if (MUTATIONS && k === WARMUP) console.log(`  ${c.name} ${rows ?? 'demo'}: a keystroke changed ${JSON.stringify(r.mutations)}`);
      if (DEBUG) console.log(`  ${c.name} ${rows ?? 'demo'} #${k}: ${r.ms.toFixed(1)} ms (listener ${r.fromListener.toFixed(1)}) ${r.before} → ${r.after} value=${r.value} changed=${r.valueChanged}/${r.watchChanged} focus=${r.focus}`);
      if (k >= WARMUP) {
        times.push(r.ms);
        if (!r.valueChanged || !r.watchChanged) unchanged++;
        example ??= change(r.before, r.after);
      }
      await settle(page);
    }
    if (PROFILE) printProfile(`${c.name} (${rows ? `${rows} rows` : 'demo'})`, profiles);
    // TYPING_PROFILE=dir: the raw profiles too (.cpuprofile files, for DevTools).
    if (PROFILE && process.env.TYPING_PROFILE !== '1') {
      profiles.forEach((p, i) => writeFileSync(`${process.env.TYPING_PROFILE}/typing-${c.name.replace(/\W/g, '-')}-${rows ?? 'demo'}-${i}.cpuprofile`, JSON.stringify(p)));
    }
    if (tracing) {
      const trace = await browser.stopTracing();
      // TYPING_TRACE=dir: the raw trace too, for chrome://tracing or Perfetto.
      if (process.env.TYPING_TRACE !== '1') writeFileSync(`${process.env.TYPING_TRACE}/typing-${c.name.replace(/\W/g, '-')}-${rows ?? 'demo'}.json`, trace);
      printTrace(`${c.name} (${rows ? `${rows} rows` : 'demo'})`, JSON.parse(trace), KEYS);
    }
    return { ...stat(times), unchanged, example };
  } finally {
    await context.close();
  }
}

// Where the renderer's main thread spent a keystroke: the trace's complete events on that
// thread that start between a keystroke's two marks (keydown, the painted frame), summed
// by name (an event dispatched by its type), per keystroke. Nested events are counted in
// their parent too (a FunctionCall inside an EventDispatch, and an input event inside
// the keydown or keypress whose default action typed): the lines say where time went,
// they do not add up.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking', 'v8', 'v8.execute', 'blink.user_timing', 'loading'];
function printTrace(name, trace, keys) {
  const events = trace.traceEvents ?? trace;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const marks = (n) => events.filter((e) => e.name === n && main.has(`${e.pid}:${e.tid}`)).map((e) => e.ts).sort((a, b) => a - b);
  const [starts, ends] = [marks('typing-start'), marks('typing-end')];
  const timed = (ts) => starts.some((s, i) => ts >= s && ts <= (ends[i] ?? -1));
  const sums = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !main.has(`${e.pid}:${e.tid}`) || !timed(e.ts)) continue;
    const type = e.args?.data?.type;
    const key = type ? `${e.name} ${type}` : e.name;
    sums.set(key, (sums.get(key) ?? 0) + e.dur / 1000);
  }
  const top = [...sums].filter(([, t]) => t / keys >= 0.3).sort((a, b) => b[1] - a[1]).slice(0, 18);
  if (!starts.length) console.log(`  trace, ${name}: no keystroke marks found in the trace`);
  console.log(`  trace, ${name}, ms per keystroke on the main thread, keydown → painted frame (${starts.length} keystrokes):`);
  for (const [k, t] of top) console.log(`    ${(t / keys).toFixed(1).padStart(7)}  ${k}`);
}

// The functions that took the most samples in `profiles` (V8 CPU profiles, one per
// keystroke, keydown → painted frame), by self time, per keystroke.
function printProfile(name, profiles) {
  const self = new Map();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const gaps = profile.timeDeltas;
    profile.samples.forEach((id, i) => {
      const f = byId.get(id).callFrame;
      const key = f.functionName || `(${f.url.split('/').pop() || 'anonymous'})`;
      self.set(key, (self.get(key) ?? 0) + (gaps[i + 1] ?? 0) / 1000);
    });
  }
  const keys = profiles.length;
  const top = [...self].filter(([k]) => k !== '(idle)' && k !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 25);
  const busy = [...self].filter(([k]) => k !== '(idle)').reduce((sum, [, t]) => sum + t, 0);
  const program = self.get('(program)') ?? 0;
  console.log(`  profile, ${name}, self ms per keystroke (keydown → painted frame, ${keys} keystrokes; ` +
    `${(busy / keys).toFixed(1)} ms busy, of which ${(program / keys).toFixed(1)} ms "(program)", not attributed to JS or wasm: ` +
    `the browser's own work, and with CPU throttling the time the thread is held back):`);
  for (const [k, t] of top) console.log(`    ${(t / keys).toFixed(2).padStart(7)}  ${k.slice(0, 140)}`);
}

// "3,000 → 300": what changed between two texts, without what they share (whole numbers
// kept whole).
function change(a, b) {
  [a, b] = [String(a), String(b)];
  const num = /[\d.,%¥+-]/;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  while (i > 0 && num.test(a[i - 1])) i--;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a.at(-1 - j) === b.at(-1 - j)) j++;
  while (j > 0 && num.test(a.at(-j))) j--;
  const cut = (s) => s.slice(i, s.length - j).slice(0, 24) || '∅';
  return `${cut(a)} → ${cut(b)}`;
}

// Pads to `n` columns of a monospace terminal (CJK characters take two).
const width = (s) => [...String(s)].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const padEnd = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(s)));

const target = (c) => (c.field ? `${c.field} (form)` : c.cell);
console.log(`Typing on every page: keydown → paint of one keystroke (Backspace and a digit in turn), median of ${KEYS},`);
console.log(`phone 390×844 (DPR 3, touch), CPU ${CPU}× (DevTools throttling), headless Chromium. "${ROWS} rows": the page's main table`);
console.log(`grown to ${ROWS} rows. Targets (issue 21): demo ≤ 33 ms; ${ROWS} rows ≤ 1.5× demo. "floor": the same keystroke in a`);
console.log(`page of plain JavaScript (vanilla-typing.html): what the browser itself takes here, the floor of any page.`);
console.log(`${'page'.padEnd(13)} ${padEnd('cell typed in', 38)}${pad('demo', 9)}${pad(`${ROWS} rows`, 11)}${pad('÷ demo', 8)}   ${'derived figure watched (demo: before → after)'}`);
const failures = [];
try {
  for (const c of CASES) {
    const results = [];
    for (const rows of c.vanilla ? [null] : [null, ROWS]) {
      try {
        results.push(await typeOn(c, rows));
      } catch (e) {
        failures.push(`${c.name} ${rows ?? 'demo'}: ${e.message.split('\n')[0]}`);
        results.push(null);
      }
    }
    const [demo, big] = results;
    const ratio = demo && big ? `${(big.median / demo.median).toFixed(1)}×` : '—';
    const notes = results.map((r, i) => r?.unchanged ? ` (${i ? 'big' : 'demo'}: ${r.unchanged} keystrokes without a change seen)` : '').join('');
    console.log(`${c.name.padEnd(13)} ${padEnd(target(c), 38)}${pad(ms(demo?.median), 9)}${pad(ms(big?.median), 11)}${pad(ratio, 8)}   ${c.watch.col ?? 'row'}: ${demo?.example ?? '—'}${notes}`);
  }
} finally {
  await browser.close();
  server.close();
  vanillaServer.close();
}
for (const f of failures) console.log(`not measured: ${f}`);
