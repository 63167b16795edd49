// The print view: the whole plan, charts included, laid out for A4 (seed 002's weekly report).
import { test, expect } from './fixtures.js';

test('the print view holds every page of the plan and prints to A4 pages', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  await page.goto('/settings');
  await page.getByRole('link', { name: '打开打印视图' }).click();
  await expect(page).toHaveURL('/print');
  await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText('线上线下联动拓展示范计划');
  await expect(page.getByTestId('print-date')).toHaveText('2026年11月23日');
  const titles = () => page.getByRole('heading', { level: 1 }).allTextContents();
  await expect.poll(titles).toEqual(expect.arrayContaining(['线上线下联动场景规划', '分阶段执行任务拆解表', '客户行为转化漏斗分析表', '渠道与KPI分析', '行业定制化落地工具包']));
  // The charts are there and drawn (their pixels are not blank).
  const charts = page.locator('canvas[role="img"]');
  await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(5);
  // Charts draw in an effect after they mount: poll until they are inked.
  const inked = () => page.evaluate(() => [...document.querySelectorAll('canvas[role="img"]')].filter((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) return true;
    return false;
  }).length);
  await expect.poll(inked).toBeGreaterThanOrEqual(5);

  // On paper: no navigation or buttons, inputs read as text, tables fit the page width.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印 / 存为PDF' })).toBeHidden();
  await expect(page.locator('#kpi-months')).toBeHidden();
  await expect(page.locator('table[data-table="effectiveness"]')).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(5); // one part per page at least
  // A4 is 595 × 842 points.
  expect(text).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
});

test('printing a page from the browser prints every row of a long table, then gives the screen its window back', async ({ page }) => {
  // The demo's spend history: 24 months for each of 6 channels, a virtual table on screen.
  await page.goto('/channels#response');
  const table = page.locator('table[data-table="mix-history"]');
  const rows = table.locator('tbody tr:not(.spacer)');
  await expect(table.getByRole('textbox').first()).toBeVisible();
  await expect.poll(() => rows.count()).toBeLessThan(144);
  // What the browser sends before and after its print dialog (Ctrl+P, the share menu's print).
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(rows).toHaveCount(144);
  await page.emulateMedia({ media: 'print' });
  // Each value printed as text, where the screen has an input.
  const first = rows.first();
  await expect(first.getByRole('textbox').first()).toBeHidden();
  await expect(first.locator('.print-value').first()).toBeVisible();
  await expect(first.locator('.print-value').first()).toHaveText(/\S/);
  const width = await table.evaluate((t) => t.getBoundingClientRect().width);
  const inPage = await page.evaluate(() => document.documentElement.clientWidth);
  expect(width, 'the table fits the page').toBeLessThanOrEqual(inPage);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(() => rows.count()).toBeLessThan(144);
  // The screen has no printed copies: one element less per cell for every row added.
  await expect(table.locator('.print-value')).toHaveCount(0);
});
