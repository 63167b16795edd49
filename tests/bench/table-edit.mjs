// Benchmark, not a test: edit-to-paint time of the generic table with 1,000 and 10,000
// rows, in Debian's Chromium against the release bundle in dist/. Prints figures.
//   make bench        (builds dist/ first)
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4190;
const server = spawn('node', ['serve.mjs', '../../dist', String(port)], { cwd: `${here}../e2e`, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

const RUNS = 30;
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
};
const ms = (x) => `${x.toFixed(1)} ms`.padStart(10);

console.log(`${'rows'.padStart(7)} ${'first render'.padStart(13)} ${'edit→paint median'.padStart(18)} ${'p95'.padStart(10)} ${'max'.padStart(10)}   (${RUNS} edits each)`);
try {
  for (const rows of [1_000, 10_000]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/funnel`);
    await page.waitForSelector('table.grid');
    // A plan with `rows` funnel stages, written where the app keeps its plan.
    await page.locator('[aria-label="转化环节 第 1 行"]').fill('门店扫码关注 ');
    await page.waitForFunction(() => localStorage.getItem('omo-planner.plan'));
    await page.evaluate((rows) => {
      const plan = JSON.parse(localStorage.getItem('omo-planner.plan'));
      plan.funnel.stages = Array.from({ length: rows }, (_, i) => ({
        id: i + 1, name: `环节${i + 1}`, reached: 1000, converted: (i * 7) % 1000, loss_reason: '', measure: '',
      }));
      plan.phases = plan.phases.map((p, i) => ({ ...p, id: rows + 1 + i }));
      localStorage.setItem('omo-planner.plan', JSON.stringify(plan));
    }, rows);
    const t0 = Date.now();
    await page.reload();
    await page.waitForSelector('[aria-label="转化人数 环节1"]');
    const firstRender = Date.now() - t0;
    const times = await page.evaluate(async (runs) => {
      const input = document.querySelector('[aria-label="转化人数 环节1"]');
      const rate = () => document.querySelector('tr[data-row-id="1"] td.col-derived').textContent;
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      input.focus();
      const out = [];
      for (let i = 0; i < runs; i++) {
        const before = rate();
        const t = performance.now();
        input.value = String(100 + i * 10);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        while (rate() === before) await frame();
        await frame(); // the frame that paints the new figure
        out.push(performance.now() - t);
      }
      return out;
    }, RUNS);
    const s = stat(times);
    console.log(`${String(rows).padStart(7)} ${ms(firstRender).padStart(13)} ${ms(s.median).padStart(18)} ${ms(s.p95)} ${ms(s.max)}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
