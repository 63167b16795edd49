// The main thread's long tasks after the first paint, what each one was, per page: a
// first visit of the prerendered page on a phone viewport at 4× CPU (no network
// throttling: the tasks, not the downloads), traced until a second after the app took
// over; with a second build, the two alternate load by load. Figures, not pass / fail
// (README "Shorter tasks after the first paint").
//
//   node tests/bench/tasks.mjs DIST [BASE_DIST]     (make bench-tasks [TASKS_BASE=dir])
//   TASKS_PAGES=/channels,/funnel  TASKS_RUNS=3
//
// Each long task (over 50 ms) is named by what ran in it: `script` (the app's wasm or JS:
// a timer, a promise, a frame callback), `frame` (a frame's style, layout and paint with
// no script of note), `autofill` (the browser's form tracking, which measures every
// field), `parse` (the HTML parser and the layout it forces), `compile` (a script's
// evaluation). "Blocking" is Lighthouse's measure on this trace: the sum of each task's
// time over 50 ms, from the first contentful paint on.
import { serve, launch, stat } from './lib.mjs';

const [dist, base] = process.argv.slice(2);
if (!dist) throw new Error('usage: node tests/bench/tasks.mjs DIST [BASE_DIST]');
const PAGES = process.env.TASKS_PAGES?.split(',') ?? ['/', '/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/customers'];
const RUNS = Number(process.env.TASKS_RUNS ?? 3);
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel',
  'disabled-by-default-toplevel.flow', 'scheduler', 'disabled-by-default-scheduler', 'blink', 'loading',
].join(',');
const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** What a task was, from the events inside it. */
function kind(inside) {
  const ms = (name) => inside.filter((e) => e.name === name).reduce((s, e) => s + (e.dur ?? 0) / 1000, 0);
  if (inside.some((e) => JSON.stringify(e.args ?? {}).includes('TASK_TYPE_INTERNAL_AUTOFILL'))) return 'autofill';
  if (inside.some((e) => e.name === 'ParseHTML')) return 'parse';
  if (ms('EvaluateScript') > 20) return 'compile';
  const script = ms('FunctionCall') + ms('TimerFire') + ms('RunMicrotasks') + ms('FireAnimationFrame');
  return script > 20 ? 'script' : 'frame';
}

async function trace(browser, port, path) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(`http://127.0.0.1:${port}${path}`);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-skip-offscreen'), null, { timeout: 120_000, polling: 100 });
  await page.waitForTimeout(1000);
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  const thread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((f) => f.pid === e.pid && f.name === 'firstContentfulPaint'));
  const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  const fcp = main.find((e) => e.name === 'firstContentfulPaint').ts;
  // The outermost task events only (a task's event may hold a nested one).
  const all = main.filter((e) => e.ph === 'X' && TASK.has(e.name)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const t of all) if (!tasks.length || t.ts >= tasks.at(-1).ts + tasks.at(-1).dur) tasks.push(t);
  const long = tasks.filter((t) => t.ts >= fcp && t.dur > 50_000).map((t) => ({
    ms: t.dur / 1000,
    kind: kind(main.filter((e) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur)),
  }));
  return { blocking: long.reduce((s, t) => s + t.ms - 50, 0), longest: Math.max(0, ...long.map((t) => t.ms)), long };
}

/** Each page's loads, the builds alternating run by run (the machine's speed drifts over
 * minutes: a build measured after the other would carry the drift). */
async function measure(dirs) {
  const servers = [];
  const browser = await launch();
  const byBuild = dirs.map(() => ({}));
  try {
    for (const dir of dirs) {
      const port = 8600 + servers.length * 100 + Math.floor(Math.random() * 100);
      servers.push({ port, server: await serve(dir, port, { prerendered: true }) });
    }
    for (let r = 0; r < RUNS; r++) {
      for (const path of PAGES) {
        for (const [i, { port }] of servers.entries()) {
          (byBuild[i][path] ??= []).push(await trace(browser, port, path));
        }
      }
    }
  } finally {
    await browser.close();
    for (const { server } of servers) server.close();
  }
  return byBuild;
}

const fmt = (runs, key) => `${stat(runs.map((r) => r[key])).median.toFixed(0)} ms`;
const kinds = (runs) => {
  const by = {};
  for (const r of runs) for (const t of r.long) (by[t.kind] ??= []).push(t.ms);
  const per = (xs) => xs.reduce((s, ms) => s + ms - 50, 0) / runs.length;
  return Object.entries(by)
    .sort((x, y) => per(y[1]) - per(x[1]))
    .map(([k, xs]) => `${k} ${(xs.length / runs.length).toFixed(1)}×, ≤${Math.max(...xs).toFixed(0)}, ${per(xs).toFixed(0)} ms`)
    .join('; ');
};

const [after, before] = await measure(base ? [dist, base] : [dist]);
console.log(`Long tasks after the first paint, CPU 4×, phone, median of ${RUNS} (${dist}${base ? ` ← ${base}` : ''})`);
console.log('| page | blocking | longest | long tasks per load, by kind (longest; blocking per load) |');
console.log('|---|---|---|---|');
for (const path of PAGES) {
  const a = after[path];
  const b = before?.[path];
  const pair = (key) => (b ? `${fmt(a, key)} ← ${fmt(b, key)}` : fmt(a, key));
  console.log(`| ${path} | ${pair('blocking')} | ${pair('longest')} | ${kinds(a)}${b ? ` ← ${kinds(b)}` : ''} |`);
}
