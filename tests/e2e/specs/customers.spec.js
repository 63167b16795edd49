// Customer segmentation and attribution, computed in the browser from exports: an orders
// file (GB18030, as Chinese Excel writes it) gives RFM layers and segments, lifecycle
// lists and customer KPIs; a touchpoint file gives per-channel credits under five
// models. The expected figures are worked out by hand in the comments.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const firstCells = (page, id) => page.getByTestId(id).locator('tbody tr td:first-of-type');
const rowCells = (page, id, name) =>
  page.getByTestId(id).locator('tbody tr').filter({ has: page.locator('th', { hasText: name }) }).locator('td');

test('orders: segments, lifecycle lists and KPIs; phones masked and never saved', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /客户分层/ }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByTestId('orders-file').setInputFiles(fixture('orders-gb18030.csv'));
  // 12 data rows: a 30 February and an amount of "十" are listed, not counted.
  await expect(page.getByTestId('orders-summary')).toHaveText('已读取 12 行:10 笔订单,6 位客户 (GB18030)');
  await expect(page.getByTestId('orders-bad-rows').locator('tbody tr')).toHaveText([
    /^9日期无法识别:2026-02-30/,
    /^12请输入数字/,
  ]);

  // As of the last order day, 2026-03-31. Recency (days): c1 1, c2 6, c3 34, c4 65,
  // c5 101, VIP-0006 0 → R (first rank k of 6, 1 + ⌊5k/6⌋): c5 1, c4 1, c3 2, c2 3,
  // c1 4, VIP 5. F: 1 1 1 2 2 3 → c1 5, c4 = c5 3, others 1. M: 50 100 300 400 1600
  // 2100 → 1 1 2 3 4 5. FM = ⌈(F+M)/2⌉: c1 5, c2 1, c3 2, c4 3, c5 4, VIP 1.
  // Layers (recent R ≥ 3, valuable FM ≥ 3): high c1; potential c2, VIP; silent c4, c5;
  // lost c3.
  await expect(firstCells(page, 'rfm-layers')).toHaveText(['1', '2', '2', '1']);
  await expect(rowCells(page, 'rfm-layers', '高价值客户')).toHaveText(['1', '16.67%', '¥2,100.00', '会员升级引导']);
  // Ten names: c1 Loyal (R4 FM5), VIP New (R5 FM1), c2 About to Sleep (R3 FM1),
  // c4 and c5 At Risk (R1 FM3-4), c3 Hibernating (R2 FM2).
  await expect(firstCells(page, 'rfm-segments')).toHaveText(['0', '1', '0', '1', '0', '0', '1', '2', '0', '1']);
  await expect(rowCells(page, 'rfm-segments', '流失风险客户')).toHaveText(['2', '33.33%', '¥2,000.00', '电话回访']);
  // A stricter "recent" cut-off moves c2 (R 3) to lost, live.
  await page.locator('#seg-recent-from').fill('4');
  await expect(firstCells(page, 'rfm-layers')).toHaveText(['1', '1', '2', '2']);

  // Lifecycle: c3 34 days → coupon; c4 65 days → call; c5 101 days, AOV ¥800 > ¥500 → voucher.
  await expect(page.getByTestId('lifecycle-coupon').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('lifecycle-coupon').locator('tbody th')).toHaveText('138****0003');
  await expect(page.getByTestId('lifecycle-coupon').locator('tbody td')).toHaveText(['2026-02-25', '34', '1', '¥300.00']);
  await expect(page.getByTestId('lifecycle-call').locator('tbody th')).toHaveText('138****0004');
  await expect(page.getByTestId('lifecycle-voucher').locator('tbody th')).toHaveText('138****0005');
  // A 120-day voucher rule sends c5 to the call list.
  await page.locator('#seg-voucher-days').fill('120');
  await expect(page.getByTestId('lifecycle-call').locator('tbody th')).toHaveText(['138****0005', '138****0004']);
  await page.locator('#seg-voucher-days').fill('90');

  // The coupon list as CSV: BOM, masked by default.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-coupon').click(),
  ]);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8').slice(1).split('\r\n')).toEqual([
    '客户,最近下单,未购天数,订单数,客单价',
    '138****0003,2026-02-25,34,1,¥300.00',
    '',
  ]);
  // Full numbers only when asked for.
  await page.getByLabel(/导出时包含完整手机号/).check();
  const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-coupon').click()]);
  expect((await readFile(await full.path())).toString('utf8')).toContain('13800000003,2026-02-25');

  // KPIs. Repeat customers c1, c4, c5: 3 / 6. Interval (57 + 15 + 19) / 4 = 22.75 days.
  // Online ¥1,350 / 5 orders; offline ¥3,200 / 5. Nobody above ¥5,000. Only c1 bought both ways.
  await expect(page.getByTestId('kpi-customers')).toHaveText('6');
  await expect(page.getByTestId('kpi-repurchase')).toHaveText('50%');
  await expect(page.getByTestId('kpi-interval')).toHaveText('22.75 天');
  await expect(page.getByTestId('kpi-aov-online')).toHaveText('¥270.00');
  await expect(page.getByTestId('kpi-aov-offline')).toHaveText('¥640.00');
  await expect(page.getByTestId('kpi-high-value')).toHaveText('0%');
  await expect(page.getByTestId('kpi-overlap')).toHaveText('16.67%');

  // No full phone number on screen, none in what the app saved; the settings are saved.
  await expect(page.getByText('13800000001')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('已保存在本机');
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join('\n'));
  expect(stored).not.toContain('1380000000');
  expect(stored).toContain('"recent_from"');

  // The customer KPIs feed the KPI history: fill March 2026 from the orders. At March's
  // end all 6 customers have ordered, none above ¥5,000; March's own orders: c1 ¥800 and
  // ¥700, c2 ¥100, VIP ¥50 → 4 orders, ¥1,650; the interval to March's end is 22.75 days.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /渠道分析/ }).click();
  const feed = page.getByTestId('from-orders');
  await feed.getByRole('combobox', { name: '月份' }).selectOption({ label: '2026-03' });
  await feed.getByRole('button', { name: '填写所选月份' }).click();
  await expect(page.getByTestId('filled-from-orders')).toHaveText('已用订单填写 2026-03:客户 6,高价值客户 0,订单 4,销售额 ¥1,650.00。');
  await expect(page.getByTestId('save-state')).toHaveText('已保存在本机');
  const march = await page.evaluate(() => {
    const plan = JSON.parse(localStorage.getItem(`omo-planner.plan.${localStorage.getItem('omo-planner.current')}`));
    return plan.kpi.months.find((m) => m.month === '2026-03');
  });
  expect(march).toMatchObject({
    customers: 6, high_value_customers: 0, orders: 4, sales: 165000, repurchase_days_after: 2275,
    event_attendees: 400, marketing_spend: 2863700, // every other input as it was
  });
});

// Hand-solved in src/domain/attribution/markov.rs: A→B→conv ¥100, A→C→null, C→conv ¥50,
// B→null, B→conv ¥150. Markov removal effects 7/18, 12/18, 6/18 → credits 0.84, 1.44, 0.72.
const JOURNEYS = [
  '客户id,时间,渠道,类型,转化金额',
  '1,2026-03-01 10:00,B,线上,',
  '1,2026-03-01 09:00,A,线上,',
  '1,2026-03-01 11:00,转化,,100',
  '2,2026-03-01 09:00,A,线上,',
  '2,2026-03-01 10:00,C,线下,',
  '3,2026-03-01 09:00,C,线下,',
  '3,2026-03-01 10:00,转化,,50',
  '4,2026-03-01 09:00,B,线上,',
  '5,2026-03-01 09:00,B,线上,',
  '5,2026-03-01 10:00,,转化,150',
  '6,not a time,B,线上,',
].join('\n');

test('journeys: credits per channel under five models, a small-sample warning, budget hints', async ({ page }) => {
  await page.goto('/customers');
  await page.getByTestId('journeys-file').setInputFiles({ name: '触点.csv', mimeType: 'text/csv', buffer: Buffer.from(JOURNEYS) });
  await expect(page.getByTestId('journeys-summary')).toHaveText('已读取 11 行:5 条路径,3 次转化,转化金额 ¥300.00,3 个渠道 (UTF-8)');
  await expect(page.getByTestId('journeys-bad-rows').locator('tbody tr')).toHaveText([/^12时间无法识别:not a time/]);
  await expect(page.getByTestId('attribution-warning')).toContainText('路径少于 1,000 条或转化少于 100 次');
  // Columns: first touch, last touch, linear, Markov, Shapley.
  // First: A (path 1), C, B. Last: B, C, B. Linear: A ½ B ½, C 1, B 1.
  // Shapley: {A,B} shared, {C} and {B} alone → A ½, B 1½, C 1.
  await expect(rowCells(page, 'attribution-credits', 'A · 线上')).toHaveText(['1.00', '0.00', '0.50', '0.84', '0.50']);
  await expect(rowCells(page, 'attribution-credits', 'B · 线上')).toHaveText(['1.00', '2.00', '1.50', '1.44', '1.50']);
  await expect(rowCells(page, 'attribution-credits', 'C · 线下')).toHaveText(['1.00', '1.00', '1.00', '0.72', '1.00']);
  await page.getByRole('radio', { name: '转化金额' }).check();
  await expect(rowCells(page, 'attribution-credits', 'A · 线上')).toHaveText(['¥100.00', '¥0.00', '¥50.00', '¥84.00', '¥50.00']);
  await expect(page.getByTestId('attribution-chart')).toBeVisible();

  // Spend ¥400, ¥400, ¥1,000; Markov revenue ¥84, ¥144, ¥72; average return 300 / 1800.
  await page.getByLabel('花费 A').fill('400');
  await page.getByLabel('花费 B').fill('400');
  await page.getByLabel('花费 C').fill('1000');
  await expect(rowCells(page, 'budget-hints', 'A')).toHaveText(['¥400.00', '¥84.00', '0.21', '¥476.19', '加预算']);
  await expect(rowCells(page, 'budget-hints', 'B')).toHaveText(['¥400.00', '¥144.00', '0.36', '¥277.78', '加预算']);
  await expect(rowCells(page, 'budget-hints', 'C')).toHaveText(['¥1,000.00', '¥72.00', '0.07', '¥1,388.89', '减预算']);
  await page.getByLabel('花费 C').fill('abc');
  await expect(page.getByLabel('花费 C')).toHaveAttribute('aria-invalid', 'true');
  await expect(rowCells(page, 'budget-hints', 'C')).toHaveText(['—', '¥72.00', '—', '—', '—']);
});

test('budget hints take each channel’s spend from the channel table by name; a typed figure wins', async ({ page }) => {
  await page.goto('/customers');
  const journeys = ['客户id,时间,渠道,类型,转化金额', '1,2026-03-01 09:00,社群,线上,', '1,2026-03-01 10:00,转化,,100',
    '2,2026-03-01 09:00,直播,线上,', '2,2026-03-01 10:00,转化,,300', '3,2026-03-01 09:00,小红书,线上,'].join('\n');
  await page.getByTestId('journeys-file').setInputFiles({ name: 'j.csv', mimeType: 'text/csv', buffer: Buffer.from(journeys) });
  await expect(page.getByTestId('journeys-summary')).toContainText('3 个渠道');
  // The demo's channel table: 社群 ¥10,000, 直播 ¥40,000; no 小红书. Markov shares the
  // ¥400 by removal effects ½ and ½: ¥200 each. Returns 0.02 and 0.005 against an average
  // of 400 / 50,000 = 0.008 → 社群 increase, 直播 decrease.
  await expect(page.getByLabel('花费 社群')).toHaveAttribute('placeholder', '10000.00');
  await expect(rowCells(page, 'budget-hints', '社群')).toHaveText(['¥10,000.00', '¥200.00', '0.02', '¥10,000.00', '加预算']);
  await expect(rowCells(page, 'budget-hints', '直播')).toHaveText(['¥40,000.00', '¥200.00', '0.01', '¥40,000.00', '减预算']);
  await expect(rowCells(page, 'budget-hints', '小红书')).toHaveText(['—', '¥0.00', '—', '—', '—']);
  // A typed figure wins: 社群 ¥5,000 → 0.04.
  await page.getByLabel('花费 社群').fill('5000');
  await expect(rowCells(page, 'budget-hints', '社群')).toHaveText(['¥5,000.00', '¥200.00', '0.04', '¥5,000.00', '加预算']);
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 812 }]) {
  test(`the page with both imports has no serious accessibility violation at ${viewport.width}px`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    await page.goto('/customers');
    await page.getByTestId('orders-file').setInputFiles(fixture('orders-gb18030.csv'));
    await expect(page.getByTestId('orders-summary')).toBeVisible();
    await page.getByTestId('journeys-file').setInputFiles({ name: 'j.csv', mimeType: 'text/csv', buffer: Buffer.from(JOURNEYS) });
    await expect(page.getByTestId('journeys-summary')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target})`);
    expect(serious).toEqual([]);
  });
}

test('a million orders are read in turns with a progress bar, the page staying responsive', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/customers');
  // 200,000 customers with 5 orders each, one a day apart per customer and channel
  // alternating, so every customer repeats and buys both ways.
  const lines = ['customer,date,amount,channel'];
  for (let i = 0; i < 1_000_000; i++) {
    const day = String(1 + Math.floor(i / 200_000)).padStart(2, '0');
    lines.push(`m${i % 200_000},2026-03-${day},${100 + (i % 7)},${Math.floor(i / 200_000) % 2 ? 'online' : 'offline'}`);
  }
  await page.getByTestId('orders-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('orders-progress')).toBeVisible();
  // A count of the page's turns while reading (see the funnel's event-log test): one
  // blocking read would leave it at 0 or 1.
  await page.evaluate(() => {
    window.__ticks = 0;
    window.__ticksAtEnd = null;
    const timer = setInterval(() => { window.__ticks += 1; }, 10);
    const done = new MutationObserver(() => {
      if (document.querySelector('[data-testid="orders-summary"]')) {
        window.__ticksAtEnd = window.__ticks;
        clearInterval(timer);
        done.disconnect();
      }
    });
    done.observe(document.body, { subtree: true, childList: true });
  });
  await expect(page.getByTestId('orders-summary')).toHaveText('已读取 1,000,000 行:1,000,000 笔订单,200,000 位客户 (UTF-8)', { timeout: 120_000 });
  expect(await page.evaluate(() => window.__ticksAtEnd)).toBeGreaterThan(5);
  await expect(page.getByTestId('kpi-customers')).toHaveText('200,000');
  await expect(page.getByTestId('kpi-repurchase')).toHaveText('100%');
  await expect(page.getByTestId('kpi-interval')).toHaveText('1.00 天');
  await expect(page.getByTestId('kpi-overlap')).toHaveText('100%');
});
