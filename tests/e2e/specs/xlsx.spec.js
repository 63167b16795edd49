// Tables as Excel workbooks: a table exports as .xlsx beside its CSV (typed cells: money
// as numbers in ¥#,##0.00, text that looks like a formula kept as text, the header bold
// and frozen), and .xlsx files import through the CSV preview: a sheet chooser, English
// headers, bad cells listed with sheet, row and column, applied as one undo step.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { cell, moduleRequest } from './helpers.js';

const FIXTURE = new URL('../fixtures/from-excel.xlsx', import.meta.url);

/** The files of a zip, by name (its central directory; stored or deflated). */
const unzip = (bytes) => {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i += 1) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + skip;
  }
  return files;
};

test('a table exports as a workbook of typed cells where a formula stays text', async ({ page }) => {
  await page.goto('/scenario');
  const item = cell(page, '费用项目', '第 1 行');
  await item.click();
  await item.press('Control+a');
  await item.pressSequentially('=HYPERLINK("http://x")');
  await item.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出Excel 场景资源费用' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('线上线下联动拓展示范计划-场景资源费用.xlsx');
  const files = unzip(await readFile(await download.path()));
  expect(files['xl/workbook.xml']).toContain('name="场景资源费用"');
  const sheet = files['xl/worksheets/sheet1.xml'];
  // The header row is frozen; no cell holds a formula.
  expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
  expect(sheet).not.toContain('<f>');
  // The typed formula is a string; the amount ¥60,000.00 a number in the money format.
  const strings = [...files['xl/sharedStrings.xml'].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  const a2 = sheet.match(/<c r="A2"[^>]*t="s"[^>]*><v>(\d+)<\/v>/);
  expect(strings[Number(a2[1])]).toBe('=HYPERLINK("http://x")');
  const d2 = sheet.match(/<c r="D2" s="(\d+)"><v>([^<]+)<\/v>/);
  expect(d2[2]).toBe('60000');
  const styles = files['xl/styles.xml'];
  expect(styles).toContain('formatCode="¥#,##0.00"');
  const numFmt = styles.match(/<numFmt numFmtId="(\d+)" formatCode="¥#,##0.00"\/>/)[1];
  const xfs = [...styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)[1].matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => m[1]);
  expect(xfs[Number(d2[1])]).toBe(numFmt);
});

test('an exported workbook imports back after a preview, as one undo step', async ({ page }) => {
  await page.goto('/scenario');
  const risk = cell(page, '风险', '第 2 行');
  await risk.click();
  await risk.press('Control+a');
  await risk.pressSequentially('-渠道冲突 @门店');
  await risk.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出Excel 关键风险与应对' }).click(),
  ]);
  const exported = await readFile(await download.path());
  const rows = page.locator('table[data-table="risks"] tbody tr');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('导入Excel 关键风险与应对').setInputFiles({ name: 'risks.xlsx', buffer: exported,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const preview = page.getByTestId('csv-preview');
  await expect(preview).toContainText('将添加 4 行(工作表“关键风险与应对”,按表头对应列)。');
  await expect(preview).toContainText('所有单元格都可读取。');
  await expect(rows).toHaveCount(4); // nothing applied yet
  await preview.getByRole('button', { name: '添加这些行' }).click();
  await expect(rows).toHaveCount(8);
  await expect(cell(page, '风险', '第 6 行')).toHaveValue('-渠道冲突 @门店');
  await expect(rows.nth(5).locator('select')).toHaveValue(await rows.nth(1).locator('select').inputValue());
  await page.getByRole('button', { name: '撤销' }).first().click();
  await expect(rows).toHaveCount(4);
});

test('a workbook from Excel: the sheet chosen, English headers, bad cells listed by sheet, row and column', async ({ page }) => {
  await page.goto('/scenario');
  const rows = page.locator('table[data-table="cost_lines"] tbody tr');
  const before = await rows.count();
  await page.getByLabel('导入Excel 场景资源费用').setInputFiles(FIXTURE.pathname);
  const preview = page.getByTestId('csv-preview');
  // The first sheet is a note, not the table: another sheet is chosen.
  await expect(preview).toContainText('工作表“Notes”');
  await preview.getByLabel('工作表').selectOption('Costs');
  await expect(preview).toContainText('将添加 3 行(工作表“Costs”,按表头对应列)。');
  await expect(preview.locator('li')).toHaveText([/^工作表“Costs” 第3行 D列 · 金额:“12\.3\.4” — /]);
  await expect(preview).toContainText('1 个公式单元格没有保存计算结果,按空白读取。');
  await preview.getByRole('button', { name: '添加这些行' }).click();
  await expect(rows).toHaveCount(before + 3);
  // The amount, a number in the workbook, is the exact figure.
  await expect(cell(page, '金额', 'Pop-up rent')).toHaveValue('¥1,234,567.89');
  const bad = cell(page, '金额', 'Posters');
  await expect(bad).toHaveValue('12.3.4');
  await expect(bad).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: '撤销' }).first().click();
  await expect(rows).toHaveCount(before);
});

test('dates stored as Excel serial numbers and as text both import as dates', async ({ page }) => {
  await page.goto('/toolkits');
  await page.getByLabel('导入Excel 服务业线上线下预约协同表').setInputFiles(FIXTURE.pathname);
  const preview = page.getByTestId('csv-preview');
  await preview.getByLabel('工作表').selectOption('Slots');
  await expect(preview).toContainText('将添加 2 行(工作表“Slots”,按表头对应列)。');
  await expect(preview).toContainText('所有单元格都可读取。');
  await preview.getByRole('button', { name: '添加这些行' }).click();
  // A row is named by its date and slot.
  await expect(cell(page, '预约日期', '2026-10-20 09:00-10:00')).toHaveValue('2026-10-20');
  await expect(cell(page, '预约日期', '2026-10-21 10:00-11:00')).toHaveValue('2026-10-21');
  await expect(cell(page, '预约人数', '2026-10-20 09:00-10:00')).toHaveValue('12');
});

test('a file that is not a workbook, or a damaged one, is refused with a clear message', async ({ page }) => {
  await page.goto('/scenario');
  const input = page.getByLabel('导入Excel 关键风险与应对');
  await input.setInputFiles({ name: 'notes.xlsx', mimeType: 'text/plain', buffer: Buffer.from('风险,表现\n') });
  const preview = page.getByTestId('csv-preview');
  await expect(preview.getByRole('alert')).toHaveText('这不是 Excel / WPS / LibreOffice 工作簿(.xlsx / .xls / .ods)。');
  const fixture = await readFile(FIXTURE);
  await input.setInputFiles({ name: 'cut.xlsx', mimeType: 'application/octet-stream', buffer: fixture.subarray(0, 2000) });
  await expect(preview.getByRole('alert')).toContainText('工作簿已损坏或不完整,无法读取');
  await expect(page.locator('table[data-table="risks"] tbody tr')).toHaveCount(4);
});

test('the whole plan exports as one workbook, a sheet per table in the UI language', async ({ page }) => {
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '整个计划(Excel 工作簿)', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('线上线下联动拓展示范计划.xlsx');
  const files = unzip(await readFile(await download.path()));
  const names = [...files['xl/workbook.xml'].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(names).toEqual([
    '线上线下联动场景规划表', 'SMART目标', '目标拆解_获客 → 转化 → 留存 → 裂变', '预算类别与占比', '场景资源费用',
    '资源盘点', '关键风险与应对', '阶段', '分阶段执行任务拆解表', '客户行为转化漏斗分析表', '流量维度原始数据', '转化维度原始数据',
    '效率维度原始数据', '价值维度原始数据', '全渠道效果分析表', '渠道对比', 'A_B测试与SOP', 'SOP版本记录',
    '零售业OMO库存同步表', '零售业会员权益分层表', '会员年消费', '服务业服务过程反馈表', '餐饮业OMO套餐组合表',
    '服务业线上线下预约协同表',
  ]);
  // Cost lines: the first amount is ¥60,000.00, a number.
  expect(files['xl/worksheets/sheet5.xml']).toMatch(/<c r="D2" s="\d+"><v>60000<\/v><\/c>/);
  // The resource inventory (a form): its 12 stores are a number.
  expect(files['xl/worksheets/sheet6.xml']).toMatch(/<c r="A2" s="\d+"><v>12<\/v><\/c>/);
  // The funnel's computed rate is a number (30% = 0.3), its header carries a note.
  expect(files['xl/worksheets/sheet10.xml']).toMatch(/<c r="D2" s="\d+"><v>0.3<\/v><\/c>/);
  const notes = Object.keys(files).filter((f) => /^xl\/comments\d+\.xml$/.test(f)).map((f) => files[f]).join('');
  expect(notes).toContain('计算得出,导入时不读取');
});

test("the print view's figures export as one workbook: the overview's headline figures, then every table", async ({ page }) => {
  await page.goto('/print');
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '报告数据(Excel 工作簿)', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('线上线下联动拓展示范计划 报告.xlsx');
  const files = unzip(await readFile(await download.path()));
  const names = [...files['xl/workbook.xml'].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(names).toHaveLength(25);
  expect(names.slice(0, 3)).toEqual(['计划概览', '线上线下联动场景规划表', 'SMART目标']);
  // The overview's rate, 3.24%, is the number 0.0324; the allocated budget is money.
  const overview = files['xl/worksheets/sheet1.xml'];
  expect(overview).toMatch(/<c r="B2" s="\d+"><v>0.0324<\/v><\/c>/);
  expect(overview).toMatch(/<c r="B3" s="\d+"><v>\d+(\.\d+)?<\/v><\/c>/);
  for (const text of ['整体转化率', '预算 · 分配金额', '预算 · 剩余', '本周任务 · 已逾期', 'KPI预警 · 已触发', '目标进度 · 偏离目标']) {
    expect(files['xl/sharedStrings.xml']).toContain(text);
  }
});

test('the workbook code is its own module, fetched on the first export, not before', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const xlsxModule = (url) => moduleRequest('xlsx').test(url);
  await page.goto('/scenario');
  await expect(page.getByRole('button', { name: '导出Excel 关键风险与应对' })).toBeVisible();
  expect(fetched.some(xlsxModule)).toBe(false);
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出Excel 关键风险与应对' }).click(),
  ]);
  expect(fetched.filter(xlsxModule)).toHaveLength(1);
});

test('the demo plan workbook imports back into the identical plan, as one undo step', async ({ page }) => {
  const download = async (name) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
    return readFile(await file.path());
  };
  await page.goto('/settings');
  const before = JSON.parse(await download('导出计划'));
  const workbook = await download('整个计划(Excel 工作簿)');

  // An edit the workbook does not have.
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '场景规划' }).click();
  const risk = cell(page, '风险', '第 1 行');
  await risk.click();
  await risk.press('Control+a');
  await risk.pressSequentially('改过的风险');
  await risk.press('Enter');
  await nav.getByRole('link', { name: '设置' }).click();

  await page.getByLabel('导入整个计划(Excel 工作簿)').setInputFiles({ name: 'plan.xlsx', buffer: workbook,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  await expect(page.getByRole('status').filter({ hasText: '已从工作簿写入' }))
    .toHaveText(/^已从工作簿写入 24 个表格、\d+ 行;\d+ 个单元格需要修正/);
  expect(JSON.parse(await download('导出计划'))).toEqual(before);

  // One undo step takes the whole import back: the edit is there again.
  await page.getByRole('banner').getByRole('button', { name: '撤销' }).click();
  const undone = JSON.parse(await download('导出计划'));
  expect(undone.risks[0].risk).toBe('改过的风险');
});
