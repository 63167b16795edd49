// Security: the Content-Security-Policy delivered with the app, and hostile text from
// imported files rendered as inert text on every page.
import { test, expect } from './fixtures.js';
import { test as plain } from '@playwright/test';
import { readFile } from 'node:fs/promises';

plain('the app ships a strict policy, and an injected inline script is refused', async ({ page }) => {
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) refused.push(m.text()); });
  await page.goto('/scenario');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const scripts = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  expect(scripts).toMatch(/^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'$/);
  expect(policy).not.toMatch(/(^|\s)'unsafe-eval'/);
  expect(policy).toContain("object-src 'none'");
  // The app itself runs under it (the wasm compiled, the page rendered).
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // An inline script slipped into the page does not run.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
  });
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
});

const HOSTILE = '<img src=x onerror="window.__xss=1">';
const LINK = 'javascript:window.__xss=2';

test('imported text with markup and script links renders as inert text everywhere', async ({ page }) => {
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出计划' }).click(),
  ]);
  const plan = JSON.parse(await readFile(await download.path(), 'utf8'));
  plan.header.name = `计划${HOSTILE}`;
  plan.funnel.stages[0].name = `扫码${HOSTILE}`;
  plan.tasks[0].monthly_task = LINK;
  plan.risks[0].risk = HOSTILE;
  plan.effectiveness[0].metric = `引流${HOSTILE}`;
  plan.kpi.custom_metrics[0].name = `坪效${HOSTILE}`;
  plan.kpi.channels[0].name = LINK;
  plan.kpi.ab_tests[0].name = HOSTILE;
  await page.getByLabel('导入计划').setInputFiles({
    name: 'plan.omo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)),
  });
  await expect(page.locator('.plan-name')).toHaveText(`计划${HOSTILE}`);
  for (const path of ['/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/plans']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.plan-name')).toHaveText(`计划${HOSTILE}`);
    const found = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      scriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
      xss: window.__xss ?? null,
    }));
    expect(found, path).toEqual({ images: 0, scriptLinks: 0, xss: null });
  }
  // The text itself is there, as typed, in the tables and in the chart's name.
  await page.goto('/channels');
  await expect(page.locator('table[data-table="effectiveness"]').getByRole('textbox', { name: '指标名称 第 1 行' })).toHaveValue(`引流${HOSTILE}`);
  await expect(page.getByRole('textbox', { name: `投入 ${LINK}` })).toHaveValue('15000.00');
  await expect(page.getByRole('rowheader', { name: LINK })).toBeVisible();
  await page.getByTestId('trend-metric').selectOption({ label: `坪效${HOSTILE}` });
  await expect(page.getByTestId('trend-chart')).toHaveAttribute('aria-label', `指标趋势 · 坪效${HOSTILE}`);
  await page.goto('/funnel');
  await expect(page.getByRole('textbox', { name: `转化环节 第 1 行` })).toHaveValue(`扫码${HOSTILE}`);
});
