// The whole plan as a file: export, import (validated, undoable), and bad files refused.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';

test('export the plan, import an edited copy, undo the import', async ({ page }) => {
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出计划' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('线上线下联动拓展示范计划.omo.json');
  const plan = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(plan.schema_version).toBe(7);
  expect(plan.funnel.stages.map((s) => s.converted)).toEqual([3000, 1800, 540, 324]);

  plan.header.name = '导入的计划';
  plan.funnel.stages[3].converted = { invalid: '3O0' }; // bad input travels as typed
  await page.getByLabel('导入计划').setInputFiles({
    name: 'plan.omo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)),
  });
  await expect(page.getByText('已导入计划')).toBeVisible();
  await expect(page.locator('.plan-name')).toHaveText('导入的计划');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转化漏斗' }).click();
  await expect(page.getByRole('textbox', { name: '转化人数 到店消费' })).toHaveValue('3O0');
  await expect(page.getByRole('textbox', { name: '转化人数 到店消费' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('banner').getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.plan-name')).toHaveText('线上线下联动拓展示范计划');
});

test('a file that is not a plan is refused with a reason, and nothing changes', async ({ page }) => {
  await page.goto('/settings');
  await page.getByLabel('导入计划').setInputFiles({
    name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('id,amount\n1,20\n'),
  });
  await expect(page.getByRole('alert')).toHaveText('无法导入:内容不是本应用的计划数据(JSON)。');
  await expect(page.locator('.plan-name')).toHaveText('线上线下联动拓展示范计划');
});
