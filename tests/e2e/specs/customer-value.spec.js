// Predicted customer value on 客户分层 (issue 26): BG/NBD + Gamma-Gamma fitted in the
// browser on an orders file, as lifetimes 0.11.3 fits them. The fixture
// (tests/e2e/fixtures/customer-value-orders.csv) is 400 customers simulated from known
// parameters by `cargo run --example clv_reference -- generate FILE 400`; the expected
// figures below are lifetimes' own on that file (BetaGeoFitter, GammaGammaFitter,
// customer_lifetime_value with freq "D"), as of its last order day, 2025-08-22.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const rowCells = (page, id, name) =>
  page.getByTestId(id).locator('tbody tr').filter({ has: page.locator('th', { hasText: name }) }).locator('td');

const chooseOrders = async (page, file) => {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByText('选择订单 CSV', { exact: true }).click(),
  ]);
  await chooser.setFiles(file);
};

/** Replaces a field's text by typing it key by key. */
const retype = async (field, text) => {
  await field.click();
  await field.press('Control+a');
  await field.press('Delete');
  await field.pressSequentially(text);
};

/**
 * The holdout chart's bars as drawn: runs of columns whose blue (actual) or green
 * (predicted) pixels reach the baseline, each with its height in device pixels.
 */
const readBars = (page) =>
  page.getByTestId('value-holdout-chart').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const is = (x, y, [r, g, b]) => {
      const i = (y * c.width + x) * 4;
      return d[i] === r && d[i + 1] === g && d[i + 2] === b;
    };
    const bars = (rgb) => {
      let base = -1;
      for (let y = c.height - 1; y >= 0 && base < 0; y--) for (let x = 0; x < c.width; x++) if (is(x, y, rgb)) { base = y; break; }
      const runs = [];
      let start = -1;
      for (let x = 0; x <= c.width; x++) {
        const on = x < c.width && base >= 0 && is(x, base, rgb);
        if (on && start < 0) start = x;
        if (!on && start >= 0) {
          const mid = Math.floor((start + x - 1) / 2);
          let top = base;
          while (top > 0 && is(mid, top - 1, rgb)) top--;
          runs.push({ x: start, width: x - start, height: base - top + 1 });
          start = -1;
        }
      }
      return runs;
    };
    const box = c.getBoundingClientRect();
    return {
      actual: bars([0x3b, 0x6e, 0xd8]),
      predicted: bars([0x2e, 0x9d, 0x6b]),
      width: c.width, wantWidth: Math.round(box.width * devicePixelRatio),
      height: c.height, wantHeight: Math.round(box.height * devicePixelRatio),
    };
  });

test('orders file: the fit, P(alive) and CLV as lifetimes computes them; discount and bands live; the risk list exported and a lifecycle trigger; the holdout chart', async ({ page }) => {
  await page.goto('/customers');
  await chooseOrders(page, fixture('customer-value-orders.csv'));
  await expect(page.getByTestId('orders-summary')).toContainText('400 位客户');

  // The fit: 400 customers, 354 with repeat purchases, both models converged, no warning.
  const fit = page.getByTestId('value-fit');
  await expect(rowCells(page, 'value-fit', '参与拟合的客户')).toHaveText('400');
  await expect(rowCells(page, 'value-fit', '有复购的客户')).toHaveText('354');
  // lifetimes: r 0.8039, α 23.0531, a 0.7374, b 3.4806; p 2.4978, q 4.8424, v 178.7439.
  await expect(rowCells(page, 'value-fit', 'BG/NBD')).toHaveText('0.8039, 23.0531, 0.7374, 3.4806 (已收敛)');
  await expect(rowCells(page, 'value-fit', 'Gamma-Gamma')).toHaveText('2.4978, 4.8424, 178.7439 (已收敛)');
  await expect(fit).toBeVisible();
  await expect(page.getByTestId('value-warnings')).toHaveCount(0);

  // The highest predicted value: 139****0205 (40 repeat days, recency 498, age 509):
  // P(alive) 96.1 %, 2.17 purchases in 30 days, expected order value ¥140.06, CLV
  // ¥2,887.23 at 1 % a month.
  const top = page.getByTestId('value-top');
  await expect(top.locator('tbody th').first()).toHaveText('139****0205');
  const first = top.locator('tbody tr').first().locator('td');
  await expect(first.nth(0)).toHaveText('96.1%');
  await expect(first.nth(1)).toHaveText('2.17');
  await expect(first.nth(4)).toHaveText('¥140.06');
  await expect(first.nth(5)).toHaveText('¥2,887.23');
  await expect(first.nth(6)).toHaveText('低');
  await expect(top.locator('tbody tr')).toHaveCount(20);
  await expect(page.getByText('13900000205')).toHaveCount(0);

  // Bands at 30 % / 70 %: 172 high, 67 medium, 161 low (lifetimes' P(alive)).
  await expect(rowCells(page, 'value-bands', '高')).toHaveText(['P(alive) < 30%', '172', /^¥/]);
  await expect(rowCells(page, 'value-bands', '中')).toHaveText(['30% ≤ P(alive) < 70%', '67', /^¥/]);
  await expect(rowCells(page, 'value-bands', '低')).toHaveText(['P(alive) ≥ 70%', '161', /^¥/]);

  // A 5 % monthly discount, typed key by key: ¥2,305.46 (lifetimes, discount_rate=0.05).
  await retype(page.locator('#value-discount'), '5');
  await expect(first.nth(5)).toHaveText('¥2,305.46');
  await page.locator('#value-discount').blur();
  await expect(page.locator('#value-discount')).toHaveValue('5%');

  // Nobody in the top 20 % by value is below P(alive) 30 %; at 50 % two are:
  // 139****0090 (34.5 %) and 139****0385 (49.2 %), highest value first.
  const list = page.getByTestId('value-at-risk');
  await expect(list.locator('tbody tr')).toHaveCount(0);
  await expect(page.getByTestId('export-value-list')).toBeDisabled();
  await retype(page.locator('#value-risk-high'), '50');
  await expect(list.locator('tbody th')).toHaveText(['139****0090', '139****0385']);
  await expect(rowCells(page, 'value-at-risk', '139****0090').first()).toHaveText('34.5%');
  await expect(rowCells(page, 'value-bands', '高')).toHaveText(['P(alive) < 50%', '203', /^¥/]);
  await expect(rowCells(page, 'value-bands', '中')).toHaveText(['50% ≤ P(alive) < 70%', '36', /^¥/]);
  await expect(page.getByTestId('value-list-rule')).toHaveText('预测价值排名前 20% 且 P(alive) 低于 50% 的客户,预测价值最高的在前。');

  // The list as CSV: BOM, phones masked by default; CLV at the typed 5 %.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-value-list').click()]);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('客户,P(alive),30 天预计购买,90 天预计购买,365 天预计购买,预计客单价,12 个月预测价值,流失风险');
  expect(lines[1]).toMatch(/^139\*\*\*\*0090,34\.5%,0\.43,[\d.]+,[\d.]+,¥247\.72,¥734\.86,高$/);
  expect(lines[2]).toMatch(/^139\*\*\*\*0385,49\.2%,/);
  expect(lines).toHaveLength(4);
  expect(bytes.toString('utf8')).not.toContain('13900000090');
  // Full numbers only when asked for.
  await page.getByLabel(/导出此名单时包含完整手机号/).check();
  const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-value-list').click()]);
  expect((await readFile(await full.path())).toString('utf8')).toContain('\r\n13900000090,34.5%,');
  await expect(page.getByText('13900000090')).toHaveCount(0);

  // The same list among the lifecycle triggers, beside the day-based ones.
  const trigger = page.getByTestId('lifecycle-value');
  await expect(trigger.locator('caption')).toHaveText('高价值流失预警 · 2 位客户');
  await expect(trigger.locator('tbody th')).toHaveText(['139****0090', '139****0385']);
  // 139****0090: age 228 days, last order 159 days after the first: 69 days without one.
  await expect(trigger.locator('tbody tr').first().locator('td').nth(1)).toHaveText('69');
  const [triggerCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-value').click()]);
  expect((await readFile(await triggerCsv.path())).toString('utf8')).toContain('139****0385,');

  // The holdout check: the last third of the 599 days from the first order held out (199
  // days from 2025-02-04), 357 customers bought before; per calibration repeat count,
  // mean actual and predicted purchase days.
  await expect(page.getByTestId('holdout-rule')).toContainText('只用 2025-02-04 及之前的订单拟合模型,预测其后 199 天');
  await expect(page.getByTestId('holdout-rule')).toContainText('357 位客户');
  const holdout = page.getByTestId('value-holdout').locator('tbody tr');
  await expect(holdout).toHaveCount(7);
  const values = [];
  for (const row of await holdout.all()) {
    const cells = await row.locator('td').allTextContents();
    values.push({ actual: Number(cells[1]), predicted: Number(cells[2]) });
  }
  // The chart: one blue and one green bar per group, their heights in the table's
  // proportions, at the canvas's real size.
  const chart = page.getByTestId('value-holdout-chart');
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await readBars(page)).actual.length).toBe(7);
  const bars = await readBars(page);
  expect(bars.predicted).toHaveLength(7);
  expect(bars.width).toBe(bars.wantWidth);
  expect(bars.height).toBe(bars.wantHeight);
  const max = Math.max(...values.flatMap((v) => [v.actual, v.predicted]));
  const tallest = Math.max(...bars.actual.concat(bars.predicted).map((b) => b.height));
  for (let i = 0; i < 7; i++) {
    expect(bars.actual[i].x).toBeLessThan(bars.predicted[i].x);
    if (i > 0) expect(bars.actual[i].x).toBeGreaterThan(bars.predicted[i - 1].x);
    expect(Math.abs(bars.actual[i].height / tallest - values[i].actual / max)).toBeLessThan(0.03);
    expect(Math.abs(bars.predicted[i].height / tallest - values[i].predicted / max)).toBeLessThan(0.03);
  }

  // A calibration end typed after the analysis day is refused in words, not drawn.
  await retype(page.locator('#value-holdout-from'), '2025-09-01');
  await expect(page.getByTestId('holdout-error')).toHaveText('校准期截止日期须在首单日期与分析日期之间。');
  await expect(chart).toHaveCount(0);

  // The settings are kept in the plan.
  await expect(page.getByTestId('save-state')).toHaveText('已保存在本机');
  const stored = await page.evaluate(() => localStorage.getItem(`omo-planner.plan.${localStorage.getItem('omo-planner.current')}`));
  expect(stored).toContain('"discount":500');
  expect(stored).toContain('"risk_high_below":5000');
});

test('a tiny orders file: the fit is flagged as too small and too short', async ({ page }) => {
  await page.goto('/customers');
  await chooseOrders(page, {
    name: 'tiny.csv', mimeType: 'text/csv',
    buffer: Buffer.from([
      'customer,date,amount',
      '13800000001,2026-03-01,100', '13800000001,2026-03-09,80', '13800000001,2026-03-20,120',
      '13800000002,2026-03-02,60', '13800000002,2026-03-25,60',
      '13800000003,2026-03-05,300',
    ].join('\n')),
  });
  await expect(page.getByTestId('orders-summary')).toContainText('3 位客户');
  const warnings = page.getByTestId('value-warnings').locator('li');
  await expect(warnings.filter({ hasText: '只有 3 位客户(建议至少 100 位)' })).toHaveCount(1);
  await expect(warnings.filter({ hasText: '只有 2 位客户有复购(建议至少 20 位)' })).toHaveCount(1);
  await expect(warnings.filter({ hasText: '订单只覆盖 24 天(建议至少 90 天)' })).toHaveCount(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

  test('the value section on a phone: settings typed, the list exported by a tap, the chart sharp at the phone width', async ({ page }) => {
    await page.goto('/customers');
    await chooseOrders(page, fixture('customer-value-orders.csv'));
    const top = page.getByTestId('value-top');
    await expect(top.locator('tbody th').first()).toHaveText('139****0205');
    await retype(page.locator('#value-risk-high'), '50');
    await expect(page.getByTestId('value-at-risk').locator('tbody th')).toHaveText(['139****0090', '139****0385']);
    await page.getByTestId('export-value-list').scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-value-list').tap()]);
    expect((await readFile(await download.path())).toString('utf8')).toContain('139****0090,34.5%');
    const chart = page.getByTestId('value-holdout-chart');
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await readBars(page)).actual.length).toBe(7);
    const bars = await readBars(page);
    expect(bars.width).toBe(bars.wantWidth);
    expect(bars.width).toBeLessThanOrEqual(390 * 2);
    // The table of customers scrolls inside its box rather than widening the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
