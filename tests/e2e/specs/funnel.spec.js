// The funnel slice end to end: demo plan, live derived figures, validation, autosave
// across a reload, and the language switch.
import { test, expect } from './fixtures.js';

const cell = (page, column, row) => page.getByRole('textbox', { name: `${column} ${row}`, exact: true });
const derived = (page, rowId) => page.locator(`tr[data-row-id="${rowId}"] td.col-derived`);
const overall = (page) => page.getByTestId('overall-conversion');
const saved = async (page) => expect(page.getByTestId('save-state')).toHaveText('已保存在本机');

test.beforeEach(async ({ page }) => {
  await page.goto('/funnel');
  await expect(page.locator('table.grid')).toBeVisible();
});

test('a first visit shows the demo funnel of the spec', async ({ page }) => {
  await expect(overall(page)).toHaveText('3.24%');
  const table = page.locator('table.grid');
  await expect(table.locator('thead th[scope="col"]')).toHaveText([
    '转化环节', '触达人数', '转化人数', /转化率/, /流失人数/, '环节流失原因', '优化措施', '操作',
  ]);
  await expect(cell(page, '触达人数', '门店扫码关注')).toHaveValue('10000');
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('324');
  for (const [row, rate, loss] of [[1, '30%', '7,000'], [2, '60%', '1,200'], [3, '30%', '1,260'], [4, '60%', '216']]) {
    await expect(derived(page, row)).toHaveText([rate, loss]);
  }
});

test('rates follow typing, and an edit survives a reload', async ({ page }) => {
  const converted = cell(page, '转化人数', '到店消费');
  await converted.fill('270');
  await expect(derived(page, 4)).toHaveText(['50%', '270']);
  await expect(overall(page)).toHaveText('2.7%');
  await saved(page);
  await page.reload();
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('270');
  await expect(overall(page)).toHaveText('2.7%');
});

test('bad counts are flagged on the cell and kept as typed', async ({ page }) => {
  const reached = cell(page, '触达人数', '社群入群');
  await reached.fill('-5');
  await expect(reached).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('tr[data-row-id="2"] .cell-error')).toHaveText('不能为负数');
  await expect(derived(page, 2)).toHaveText(['—', '—']);
  await expect(overall(page)).toHaveText('—');

  await reached.fill('12.5');
  await expect(page.locator('tr[data-row-id="2"] .cell-error')).toHaveText('人数必须是整数');

  await reached.fill('1000');
  await expect(cell(page, '转化人数', '社群入群')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('tr[data-row-id="2"] .cell-error')).toHaveText('转化人数不能大于触达人数');
  // The message is the input's description, so screen readers read it.
  const describedBy = await cell(page, '转化人数', '社群入群').getAttribute('aria-describedby');
  await expect(page.locator(`#${describedBy}`)).toHaveText('转化人数不能大于触达人数');

  await reached.fill('-5');
  await saved(page);
  await page.reload();
  await expect(cell(page, '触达人数', '社群入群')).toHaveValue('-5');
  await expect(cell(page, '触达人数', '社群入群')).toHaveAttribute('aria-invalid', 'true');
});

test('a zero denominator shows a dash, never NaN or Infinity', async ({ page }) => {
  await cell(page, '触达人数', '门店扫码关注').fill('0');
  await cell(page, '转化人数', '门店扫码关注').fill('0');
  await expect(derived(page, 1)).toHaveText(['—', '0']);
  await expect(page.locator('main')).not.toContainText('NaN');
  await expect(page.locator('main')).not.toContainText('Infinity');
});

test('stages can be added and deleted with undo', async ({ page }) => {
  await page.getByRole('button', { name: '添加环节' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(5);
  await cell(page, '触达人数', '新环节').fill('324');
  await cell(page, '转化人数', '新环节').fill('81');
  await expect(overall(page)).toHaveText('0.81%');
  await page.getByRole('button', { name: '行操作 新环节' }).click();
  await page.getByRole('menuitem', { name: '删除' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(4);
  await expect(overall(page)).toHaveText('3.24%');
  await page.getByRole('status').getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(5);
  await expect(overall(page)).toHaveText('0.81%');
});

test('the language switch is remembered', async ({ page }) => {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer conversion funnel');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(cell(page, 'Reached', '门店扫码关注')).toHaveValue('10000');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer conversion funnel');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户行为转化漏斗分析表');
});

test('a reload does not overwrite a plan another tab saved meanwhile', async ({ page }) => {
  await cell(page, '转化人数', '到店消费').fill('300');
  await saved(page);
  // Another tab of the app saves its own version of the plan.
  await page.evaluate(() => {
    const key = `omo-planner.plan.${localStorage.getItem('omo-planner.current')}`;
    const plan = JSON.parse(localStorage.getItem(key));
    plan.header.name = '另一个标签页的计划';
    localStorage.setItem(key, JSON.stringify(plan));
  });
  await page.reload();
  await expect(page.locator('.plan-name')).toHaveText('另一个标签页的计划');
});
