// Sample data for a demo on a phone (issue 29, items 10 and 11): 用示例数据试一试 on
// 转化漏斗 → 导入事件 and on 客户分层 (orders, touchpoints) loads generated files through
// the page's own import, labelled 示例数据 until real data replaces them; each sample
// downloads as a CSV and shows its header and first two rows. Customer segments: a refund
// is not a purchase, the analysis date in use is always shown, the R × FM hint is read
// from the rule the table counts by, and segment names are Chinese only in Chinese.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cell } from './helpers.js';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

const firstCells = (page, id) => page.getByTestId(id).locator('tbody tr td:first-of-type');
const rowCells = (page, id, name) =>
  page.getByTestId(id).locator('tbody tr').filter({ has: page.locator('th', { hasText: name }) }).locator('td');

/** The downloaded file's text, BOM dropped. */
const downloaded = async (page, button) => {
  const [download] = await Promise.all([page.waitForEvent('download'), button.tap()]);
  const text = (await readFile(await download.path())).toString('utf8');
  return { name: download.suggestedFilename(), text: text.replace(/^\uFEFF/, '') };
};

test('导入事件: the sample event log counts the demo funnel ÷ 4 and fills the table, labelled as sample data', async ({ page }) => {
  await page.goto('/funnel');
  const section = page.locator('#funnel-import');
  // The file's columns, beside its button: the header and two rows.
  const example = page.getByTestId('events-sample-example').locator('pre');
  await expect(example).toBeVisible();
  await expect(example).toHaveText(/^用户ID,时间,事件,渠道\nU00001,2026-03-02 10:00:00,进店,五角场店\nU00001,[^\n]+,门店扫码关注,五角场店$/);

  await section.getByRole('button', { name: '用示例数据试一试' }).tap();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('示例数据');
  await expect(summary).toContainText('2,500 位用户');
  // The steps are the demo funnel's: an entry event, then its four stage names.
  for (const [i, name] of ['进店', '门店扫码关注', '社群入群', '线上优惠券核销', '到店消费'].entries()) {
    await expect(page.getByLabel(`步骤 ${i + 1}`)).toHaveValue(name);
  }
  // 10,000 → 3,000 → 1,800 → 540 → 324, divided by 4.
  await expect(page.getByTestId('import-preview')).toHaveText('每一步的人数:2,500 → 750 → 450 → 135 → 81');
  // The store a shopper started in narrows the count.
  await page.getByLabel('起始渠道').selectOption('徐家汇店');
  await expect(page.getByTestId('import-preview')).not.toHaveText('每一步的人数:2,500 → 750 → 450 → 135 → 81');
  await page.getByLabel('起始渠道').selectOption('');

  await section.getByRole('button', { name: '填入漏斗表' }).tap();
  await expect(page.getByTestId('import-applied')).toContainText('示例数据');
  await expect(page.getByTestId('import-applied')).toContainText('已填入 4 个环节');
  await expect(cell(page, '触达人数', '门店扫码关注')).toHaveValue('2500');
  await expect(cell(page, '转化人数', '门店扫码关注')).toHaveValue('750');
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('81');
  await expect(page.getByTestId('overall-conversion')).toHaveText('3.24%');

  // A real file replaces the sample, and the label goes.
  await page.getByTestId('event-log-file').setInputFiles({
    name: 'mine.csv', mimeType: 'text/csv',
    buffer: Buffer.from('user,time,event\nu1,2026-10-15 10:00:00,scan\nu1,2026-10-15 10:05:00,buy\n'),
  });
  await expect(summary).toHaveText('已读取 2 行:2 个有效事件,1 位用户,2 种事件。');
  await expect(section.getByTestId('sample-badge')).toHaveCount(0);
});

test('客户分层: sample orders and touchpoints fill segments and attribution, labelled until real data is read', async ({ page }) => {
  await page.goto('/customers');
  await page.getByTestId('orders-sample-try').tap();
  const orders = page.getByTestId('orders-summary');
  await expect(orders).toContainText('示例数据');
  await expect(orders).toContainText('600 位客户');
  await expect(orders).toContainText(/另有 \d+ 笔退款/);
  await expect(page.getByTestId('orders-bad-rows')).toHaveCount(0);
  // Every layer and every segment has customers; the sections say the data is a sample.
  await expect(firstCells(page, 'rfm-layers')).toHaveCount(4);
  for (const n of await firstCells(page, 'rfm-layers').allTextContents()) expect(Number(n)).toBeGreaterThan(0);
  await expect(firstCells(page, 'rfm-segments')).toHaveCount(10);
  for (const n of await firstCells(page, 'rfm-segments').allTextContents()) expect(Number(n)).toBeGreaterThan(0);
  for (const id of ['customers-rfm-title', 'customers-kpis-title', 'customers-lifecycle-title']) {
    await expect(page.locator(`#${id}`)).toContainText('示例数据');
  }
  await expect(page.getByTestId('kpi-customers')).toHaveText('600');

  await page.getByTestId('journeys-sample-try').tap();
  const journeys = page.getByTestId('journeys-summary');
  await expect(journeys).toContainText('示例数据');
  await expect(journeys).toContainText('6 个渠道');
  await expect(page.getByTestId('attribution-warning')).toHaveCount(0);
  await expect(page.locator('#attribution-title')).toContainText('示例数据');
  await expect(page.getByTestId('attribution-credits').locator('tbody tr')).toHaveCount(6);
  // Markov credits of the store visit, with figures.
  await expect(rowCells(page, 'attribution-credits', '门店体验').nth(3)).toHaveText(/^\d+\.\d\d$/);
  await expect(page.getByTestId('attribution-chart')).toBeVisible();

  // Real orders replace the sample orders: their label goes, the touchpoints keep theirs.
  await page.getByTestId('orders-file').setInputFiles({
    name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\nA,2026-03-01,100\n'),
  });
  await expect(orders).toHaveText('已读取 1 行:1 笔订单,1 位客户 (UTF-8)');
  await expect(page.locator('#customers-rfm-title')).not.toContainText('示例数据');
  await expect(page.locator('#attribution-title')).toContainText('示例数据');
});

test('each sample downloads as the CSV its example shows', async ({ page }) => {
  const files = [
    ['/funnel', 'events-sample', '示例-事件日志.csv', '用户ID,时间,事件,渠道'],
    ['/customers', 'orders-sample', '示例-订单.csv', '手机号,下单日期,实付金额,渠道,门店'],
    ['/customers', 'journeys-sample', '示例-触点.csv', '客户ID,时间,渠道,类型,转化金额'],
  ];
  for (const [path, id, name, header] of files) {
    await page.goto(path);
    const example = page.getByTestId(`${id}-example`);
    await expect(example).toContainText('文件格式示例');
    const lines = (await example.locator('pre').textContent()).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(header);
    const file = await downloaded(page, page.getByTestId(`${id}-download`));
    expect(file.name).toBe(name);
    const rows = file.text.split('\r\n');
    expect(rows.slice(0, 3)).toEqual(lines);
    expect(rows.length).toBeGreaterThan(1000);
  }
});

test('a refund is not a purchase: one purchase and a refund is one order, dated by the purchase', async ({ page }) => {
  await page.goto('/customers');
  // A buys once on 1 January and returns part of it on 15 February; B buys on 31 March.
  const csv = '客户,日期,金额\nA,2026-01-01,300\nA,2026-02-15,-100\nB,2026-03-31,50\n';
  await page.getByTestId('orders-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('orders-summary')).toContainText('已读取 3 行:2 笔订单,2 位客户,另有 1 笔退款');
  await expect(page.locator('#customers-import')).toContainText('退款行(金额为负数)不算一次购买');
  // Nobody bought twice.
  await expect(page.getByTestId('kpi-repurchase')).toHaveText('0%');
  // A last bought 89 days before 31 March (the refund is no purchase): the call list,
  // with one order and a net spend of ¥200 as its AOV.
  await expect(page.getByTestId('lifecycle-call').locator('tbody th')).toHaveText('A');
  await expect(page.getByTestId('lifecycle-call').locator('tbody td')).toHaveText(['2026-01-01', '89', '1', '¥200.00']);
  await expect(page.getByTestId('lifecycle-coupon').locator('tbody tr')).toHaveCount(0);
});

test('the analysis date in use is shown, empty box or typed', async ({ page }) => {
  await page.goto('/customers');
  // The last order of this file is on 31 March 2026.
  await page.getByTestId('orders-file').setInputFiles(fixture('orders-gb18030.csv'));
  await expect(page.getByTestId('orders-summary')).toContainText('6 位客户');
  const inUse = page.getByTestId('as-of-in-use');
  await expect(page.locator('#seg-as-of')).toHaveValue('');
  await expect(inUse).toHaveText('当前分析日期:2026-03-31(留空或无法识别时默认取订单中最晚的日期)');
  await page.locator('#seg-as-of').tap();
  await page.locator('#seg-as-of').pressSequentially('2026-03-01');
  await expect(inUse).toHaveText('当前分析日期:2026-03-01(按填写)');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Backspace');
  await expect(page.locator('#seg-as-of')).toHaveValue('');
  await expect(inUse).toHaveText('当前分析日期:2026-03-31(留空或无法识别时默认取订单中最晚的日期)');
});

test('segments: Chinese names only in Chinese, and the hint places R3 × FM4–5 where the table counts it', async ({ page }) => {
  await page.goto('/customers');
  await page.getByTestId('orders-file').setInputFiles(fixture('orders-gb18030.csv'));
  await expect(page.getByTestId('orders-summary')).toContainText('6 位客户');
  const rfm = page.locator('#customers-rfm');
  await expect(page.getByTestId('rfm-segments').locator('tbody th')).toHaveText([
    '冠军客户', '忠诚客户', '潜在忠诚客户', '新客户', '有望培养客户',
    '需关注客户', '即将沉睡客户', '流失风险客户', '不能失去的客户', '休眠客户',
  ]);
  await expect(rfm).not.toContainText(/Champions|Loyal|Hibernating|At Risk/);
  // The hint names each segment as the table does, with its place on the grid.
  const rule = page.getByTestId('segments-rule');
  await expect(rule).toContainText('冠军客户 R5 × FM4–5');
  await expect(rule).toContainText('忠诚客户 R3–4 × FM4–5');
  await expect(rule).toContainText('需关注客户 R3 × FM3');
  // In English, English only.
  await page.getByRole('button', { name: 'English', exact: true }).tap();
  await expect(page.getByTestId('rfm-segments').locator('tbody th').first()).toHaveText('Champions');
  await expect(rule).toContainText('Loyal R3–4 × FM4–5');
  await expect(rfm).not.toContainText(/冠军|忠诚/);
});
