// Every table as a CSV file: exported for Excel / WPS (BOM, CRLF, no formula can run)
// and imported with a preview, in UTF-8 or the GBK of Chinese Excel.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { cell } from './helpers.js';

test('a table exports as CSV that Excel opens and that cannot run a formula', async ({ page }) => {
  await page.goto('/tasks');
  const name = cell(page, '月度任务', '第 1 行');
  await name.fill('=HYPERLINK("http://x","点我")');
  await name.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV 分阶段执行任务拆解表' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('线上线下联动拓展示范计划-分阶段执行任务拆解表.csv');
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  const lines = text.split('\r\n');
  expect(lines[0].startsWith('月度任务,阶段,周度关键动作,负责人,时间节点,下次截止,状态,')).toBe(true);
  // The formula is written as text: quoted, with a leading apostrophe.
  expect(lines[1].startsWith('"\'=HYPERLINK(""http://x"",""点我"")",启动期,')).toBe(true);
  // Choices by their label, as on screen.
  expect(lines[1]).toContain(',已完成,');
  expect(lines).toHaveLength(7); // header, five tasks, the final CRLF
});

test('an exported table imports back unchanged, after a preview, as one undo step', async ({ page }) => {
  await page.goto('/scenario');
  const risk = cell(page, '风险', '第 2 行');
  await risk.fill('-渠道冲突 @门店');
  await risk.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV 关键风险与应对' }).click(),
  ]);
  const exported = await readFile(await download.path());
  const rows = page.locator('table[data-table="risks"] tbody tr');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('导入CSV 关键风险与应对').setInputFiles({ name: 'risks.csv', mimeType: 'text/csv', buffer: exported });
  const preview = page.getByTestId('csv-preview');
  await expect(preview).toContainText('将添加 4 行(编码 UTF-8,按表头对应列)。');
  await expect(preview).toContainText('所有单元格都可读取。');
  await expect(rows).toHaveCount(4); // nothing applied yet
  await preview.getByRole('button', { name: '添加这些行' }).click();
  await expect(rows).toHaveCount(8);
  // The neutralised cell reads back exactly as typed.
  await expect(cell(page, '风险', '第 6 行')).toHaveValue('-渠道冲突 @门店');
  await expect(cell(page, '表现', '-渠道冲突 @门店')).toHaveCount(2);
  await expect(rows.nth(5).locator('select')).toHaveValue(await rows.nth(1).locator('select').inputValue());
  await page.getByRole('button', { name: '撤销' }).first().click();
  await expect(rows).toHaveCount(4);
});

test('a GBK file from Chinese Excel: bad cells listed, kept and flagged; unknown options named', async ({ page }) => {
  await page.goto('/toolkits');
  const gbk = Buffer.from('cfdfc9cfd4a4d4bccab1b6ce2cd4a4d4bcc8d5c6da2cd4a4d4bcc8cbcafd2ccfdfcfc2d4a4c1f4c3fbb6ee2ccab5bccab5bdb5eac8cbcafd0d0a31363a30302d31373a30302c323032362d31302d31362c392ccaae2c360d0a', 'hex');
  await page.getByLabel('导入CSV 服务业线上线下预约协同表').setInputFiles({ name: '预约.csv', mimeType: 'text/csv', buffer: gbk });
  const preview = page.getByTestId('csv-preview');
  await expect(preview).toContainText('将添加 1 行(编码 GB18030,按表头对应列)。');
  await expect(preview.locator('li')).toHaveText(['第2行 · 线下预留名额:“十” — 请输入数字']);
  await preview.getByRole('button', { name: '添加这些行' }).click();
  const reserved = cell(page, '线下预留名额', '2026-10-16 16:00-17:00');
  await expect(reserved).toHaveValue('十');
  await expect(reserved).toHaveAttribute('aria-invalid', 'true');

  // A status that is not an option is named in the preview, then imported as it is, flagged.
  await page.goto('/scenario');
  const csv = '风险,表现,应对措施,负责人,状态\n断货,线上卖空,加补货,磊,处理完了\n';
  await page.getByLabel('导入CSV 关键风险与应对').setInputFiles({ name: 'r.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('csv-preview').locator('li')).toHaveText(['第2行 · 状态:“处理完了” — 不是可选项,请从列表中选择']);
  await page.getByTestId('csv-preview').getByRole('button', { name: '添加这些行' }).click();
  const status = cell(page, '状态', '断货');
  await expect(status).toHaveValue('处理完了');
  await expect(status).toHaveAttribute('aria-invalid', 'true');
});
