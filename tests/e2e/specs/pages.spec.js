// The tables of the other pages: the spec's worked figures, derived live.
import { test, expect } from './fixtures.js';

const derived = (page, table, rowId) => page.locator(`table[data-table="${table}"] tr[data-row-id="${rowId}"] td.col-derived`);

test('phases get calendar dates from the start date, and follow it', async ({ page }) => {
  await page.goto('/tasks');
  const phases = page.locator('table[data-table="phases"] tbody tr');
  await expect(phases).toHaveCount(3);
  await expect(phases.nth(0).locator('td.col-derived')).toHaveText(['2026年9月1日', '2026年10月31日']);
  await expect(phases.nth(1).locator('td.col-derived')).toHaveText(['2026年11月1日', '2027年1月31日']);
  await expect(phases.nth(2).locator('td.col-derived')).toHaveText(['2027年2月1日', '持续']);
  await page.getByRole('textbox', { name: '结束月份 增长期' }).fill('2');
  await expect(page.getByRole('textbox', { name: '结束月份 增长期' })).toHaveAttribute('aria-invalid', 'true');
  await expect(phases.nth(1).locator('td.col-derived')).toHaveText(['—', '—']);

  await page.goto('/scenario');
  await page.getByLabel('开始日期').fill('2027-12-15');
  await page.goto('/tasks');
  await expect(phases.nth(0).locator('td.col-derived')).toHaveText(['2027年12月15日', '2028年2月14日']);
  await expect(page.locator('table[data-table="tasks"] tbody tr')).toHaveCount(5);
  await expect(page.getByRole('textbox', { name: '时间节点 线上活动策划' })).toHaveValue('每月第1周');
});

test('appointments: vacancy and no-show as the spec computes them, with a suggestion', async ({ page }) => {
  await page.goto('/toolkits');
  await expect(derived(page, 'appointments', 300)).toHaveText(['30%', '12.5%', '空置、爽约均偏高:提醒到店并开放候补']);
  await expect(derived(page, 'appointments', 301)).toHaveText(['26.67%', '8.33%', '空置偏高:开放候补转预约,推送该时段优惠']);
  await expect(derived(page, 'appointments', 302)).toHaveText(['0%', '0%', '正常运营']);
  await expect(page.getByTestId('overall-no-show')).toHaveText('8%');
  await expect(page.getByTestId('day-totals').locator('tbody tr').first().locator('td')).toHaveText(['20', '25', '18', '28%', '10%']);
  await page.getByRole('textbox', { name: '线下预留名额 2026-10-16 10:00-11:00' }).fill('0');
  await expect(derived(page, 'appointments', 302)).toHaveText(['—', '0%', '—']);
  // A higher alert line turns the second slot back to normal.
  await page.getByLabel('空置率预警线(%)').fill('27');
  await expect(derived(page, 'appointments', 301).nth(2)).toHaveText('正常运营');
});
