// Spreadsheet-grade editing in the generic table (issue: table editing).
import { test, expect } from './fixtures.js';
import { cell, derived, saved, focusedName, pasteText, copyText } from './helpers.js';

test.beforeEach(async ({ page }) => {
  await page.goto('/funnel');
  await expect(page.locator('table.grid')).toBeVisible();
});

test('keyboard: arrows, Tab, Enter to edit and commit, Escape to cancel', async ({ page }) => {
  await cell(page, '触达人数', '门店扫码关注').click(); // a click edits in place
  await page.keyboard.press('Enter'); // commit, move down
  await expect.poll(() => focusedName(page)).toBe('触达人数 社群入群');
  await expect(page.locator('table.grid')).toHaveAttribute('data-mode', 'select');
  await page.keyboard.type('4000'); // typing replaces the selected cell's content
  await expect(cell(page, '触达人数', '社群入群')).toHaveValue('4000');
  await expect(derived(page, 'funnel', 2)).toHaveText(['45%', '2,200']);
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedName(page)).toBe('转化人数 社群入群');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedName(page)).toBe('转化人数 线上优惠券核销');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedName(page)).toBe('触达人数 线上优惠券核销');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // skips the read-only rate and loss columns
  await expect.poll(() => focusedName(page)).toBe('环节流失原因 线上优惠券核销');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter'); // edit: the caret goes to the end
  await expect(page.locator('table.grid')).toHaveAttribute('data-mode', 'edit');
  await page.keyboard.type('5');
  await expect(cell(page, '转化人数', '线上优惠券核销')).toHaveValue('5405');
  await page.keyboard.press('Escape'); // cancel: back as it was
  await expect(cell(page, '转化人数', '线上优惠券核销')).toHaveValue('540');
  await expect(derived(page, 'funnel', 3)).toHaveText(['30%', '1,260']);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedName(page)).toBe('转化环节 第 3 行');
  await page.keyboard.press('Shift+Tab'); // wraps to the previous row's last column
  await expect.poll(() => focusedName(page)).toBe('优化措施 社群入群');
  // The focused cell is always visibly outlined.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
});

test('paste a TSV block with one bad value: rows added, the bad one flagged, one undo step', async ({ page }) => {
  await cell(page, '触达人数', '线上优惠券核销').click();
  await page.keyboard.press('Escape');
  await pasteText(page, '1800\t600\r\n600\t-3\r\n300\t100\r\n');
  await expect(page.locator('table[data-table="funnel"] tbody tr[data-row-id]')).toHaveCount(5);
  await expect(cell(page, '转化人数', '线上优惠券核销')).toHaveValue('600');
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('-3');
  await expect(cell(page, '转化人数', '到店消费')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('tr[data-row-id="4"] .cell-error')).toHaveText('不能为负数');
  await expect(cell(page, '触达人数', '新环节')).toHaveValue('300');
  await expect(page.getByRole('status').filter({ hasText: '已粘贴' })).toHaveText(/已粘贴 6 个值到 3 行\(触达人数–转化人数\);1 个需要修正/);
  await page.getByRole('button', { name: '撤销', exact: true }).first().click();
  await expect(page.locator('table[data-table="funnel"] tbody tr[data-row-id]')).toHaveCount(4);
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('324');
});

test('a pasted block that reaches read-only or missing columns says so', async ({ page }) => {
  await cell(page, '转化人数', '门店扫码关注').click();
  await page.keyboard.press('Escape');
  await pasteText(page, '2000\t99%\t1\n');
  await expect(cell(page, '转化人数', '门店扫码关注')).toHaveValue('2000');
  await expect(page.getByRole('status').filter({ hasText: '已粘贴' })).toHaveText(/已粘贴 1 个值到 1 行\(转化人数\);2 个落在自动计算列/);
});

test('copy a selection out as TSV', async ({ page }) => {
  await cell(page, '转化环节', '第 1 行').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => copyText(page)).toBe('门店扫码关注\t10000\t3000\r\n社群入群\t3000\t1800');
});

test('undo and redo an edit and a row delete, also across pages', async ({ page }) => {
  const converted = cell(page, '转化人数', '到店消费');
  await converted.fill('100');
  await converted.press('Enter');
  await page.keyboard.press('Control+z');
  await expect(converted).toHaveValue('324');
  await page.keyboard.press('Control+Shift+z');
  await expect(converted).toHaveValue('100');

  await page.getByRole('button', { name: '行操作 社群入群' }).click();
  await page.getByRole('menuitem', { name: '删除' }).click();
  await expect(page.locator('tbody tr[data-row-id="2"]')).toHaveCount(0);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await page.getByRole('banner').getByRole('button', { name: '撤销' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转化漏斗' }).click();
  await expect(page.locator('tbody tr[data-row-id="2"]')).toHaveCount(1);
  await page.getByRole('banner').getByRole('button', { name: '重做' }).click();
  await expect(page.locator('tbody tr[data-row-id="2"]')).toHaveCount(0);
  await page.getByRole('banner').getByRole('button', { name: '撤销' }).click();
  await page.getByRole('banner').getByRole('button', { name: '撤销' }).click();
  await expect(converted).toHaveValue('324');
});

test('at least 100 undo steps', async ({ page }) => {
  test.setTimeout(120_000);
  const reached = cell(page, '触达人数', '到店消费');
  for (let i = 0; i < 110; i++) {
    await reached.fill(String(600 + i));
    await reached.press('Enter'); // commits: each edit is its own step (last row: stays)
  }
  await expect(reached).toHaveValue('709');
  await page.keyboard.press('Escape');
  for (let i = 0; i < 105; i++) await page.keyboard.press('Control+z');
  await expect(reached).toHaveValue('604');
});

test('rows: insert, duplicate, move with buttons and keys, drag to reorder', async ({ page }) => {
  const rows = page.locator('table[data-table="funnel"] tbody tr[data-row-id]');
  const names = () => rows.locator('th[scope="row"] input').evaluateAll((els) => els.map((e) => e.value));
  await page.getByRole('button', { name: '行操作 社群入群' }).click();
  await page.getByRole('menuitem', { name: '复制此行' }).click();
  await expect.poll(names).toEqual(['门店扫码关注', '社群入群', '社群入群', '线上优惠券核销', '到店消费']);
  await page.getByRole('button', { name: '行操作 门店扫码关注' }).click();
  await page.getByRole('menuitem', { name: '在上方插入行' }).click();
  await expect.poll(async () => (await names())[0]).toBe('新环节');
  await page.getByRole('button', { name: '行操作 新环节' }).click();
  await page.getByRole('menuitem', { name: '下移' }).click();
  await expect.poll(async () => (await names()).slice(0, 2)).toEqual(['门店扫码关注', '新环节']);
  await cell(page, '转化环节', '第 2 行').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(async () => (await names()).slice(0, 3)).toEqual(['门店扫码关注', '社群入群', '新环节']);
  // The focus follows the moved row (after it re-renders), so the next shortcut acts on it.
  await expect(cell(page, '转化环节', '第 3 行')).toBeFocused();
  await page.keyboard.press('Alt+Delete');
  await expect.poll(names).toEqual(['门店扫码关注', '社群入群', '社群入群', '线上优惠券核销', '到店消费']);
  // Drag the last row onto the first.
  await rows.nth(4).locator('.drag-handle').dragTo(rows.nth(0));
  await expect.poll(names).toEqual(['到店消费', '门店扫码关注', '社群入群', '社群入群', '线上优惠券核销']);
  await saved(page);
  await page.reload(); // the table renders after `load`: the check below retries
  await expect.poll(names).toEqual(['到店消费', '门店扫码关注', '社群入群', '社群入群', '线上优惠券核销']);
});

test('a 10,000-row table: pasted, scrolled, edited, without rendering every row', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/tasks');
  await cell(page, '月度任务', '第 1 行').click();
  await page.keyboard.press('Escape');
  const lines = Array.from({ length: 10_000 }, (_, i) => `任务${i + 1}\t增长期\t动作${i + 1}\t某\t每月底\t交付${i + 1}`);
  await pasteText(page, lines.join('\n'));
  const table = page.locator('table[data-table="tasks"]');
  await expect(table).toHaveAttribute('aria-rowcount', '10001');
  const rendered = await table.locator('tbody tr[data-row-id]').count();
  expect(rendered).toBeLessThan(100);
  // Scroll to the end and edit the last row.
  await page.locator('.table-scroll.virtual').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = cell(page, '负责人', '任务10000');
  await expect(last).toBeVisible();
  await last.fill('明');
  await last.press('Enter');
  await expect(last).toHaveValue('明');
  await saved(page);
  await page.reload();
  await page.locator('.table-scroll.virtual').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(cell(page, '负责人', '任务10000')).toHaveValue('明');
});
