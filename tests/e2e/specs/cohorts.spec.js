// Cohort retention and segment migration on 客户分层 (issue 26): a small orders file with
// known cohorts gives the heat map's counts, retention, revenue and cumulative revenue per
// customer, and the LTV curves where the figures put them; the migration matrix between
// two dates, one of them typed key by key; the one sample button loads the orders and the
// touchpoints, labelled as sample data in every section. The expected figures are worked
// out by hand below (and in src/domain/customers/migration.rs, the e2e file's test).
import { test, expect } from './fixtures.js';

// Cohorts as of the last order day, 2026-04-30 (refunds are no purchase):
//   2026-01: A, B, C (3)  active: Jan A B C, Feb A, Mar A B, Apr A → 3 1 2 1
//            revenue: 230, 30 − 20 (C's refund) = 10, 100, 70 yuan
//            per customer, cumulative: 76.67, 80.00, 113.33, 136.67
//   2026-02: D (1)        active 1 1 0; revenue 200, 20, 0 → 200, 220, 220 per customer
//   2026-03: E (1)        active 1 0;   10, 10 per customer
//   2026-04: F (1)        active 1;     90 per customer
const ORDERS = [
  'customer,date,amount',
  'A,2026-01-05,100',
  'B,2026-01-20,50',
  'C,2026-01-25,80',
  'A,2026-02-01,30',
  'C,2026-02-03,-20',
  'D,2026-02-15,200',
  'A,2026-03-10,40',
  'B,2026-03-12,60',
  'E,2026-03-20,10',
  'D,2026-03-31,20',
  'A,2026-04-02,70',
  'F,2026-04-30,90',
].join('\n');

const load = async (page) => {
  await page.goto('/customers');
  await page.getByTestId('orders-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS) });
  await expect(page.getByTestId('orders-summary')).toContainText('6 位客户');
};

const cohortRow = (page, month) =>
  page.getByTestId('cohort-table').locator('tbody tr').filter({ has: page.locator('th', { hasText: month }) }).locator('td');
const matrixRow = (page, name) =>
  page.getByTestId('migration-matrix').locator('tr').filter({ has: page.locator('th', { hasText: name }) }).locator('td');

test('cohort heat map: active customers, retention, revenue and cumulative revenue per customer', async ({ page }) => {
  await load(page);
  const table = page.getByTestId('cohort-table');
  await table.scrollIntoViewIfNeeded();
  await expect(table.locator('thead th')).toHaveText(['首购月份', '同期群客户数', '第 0 月', '第 1 月', '第 2 月', '第 3 月']);
  await expect(table.locator('tbody th')).toHaveText(['2026-01', '2026-02', '2026-03', '2026-04']);
  // Retention first: cohort size, then active ÷ size per month since; months after the
  // analysis day are empty cells.
  await expect(cohortRow(page, '2026-01')).toHaveText(['3', '100%', '33.33%', '66.67%', '33.33%']);
  await expect(cohortRow(page, '2026-02')).toHaveText(['1', '100%', '100%', '0%', '']);
  await expect(cohortRow(page, '2026-04')).toHaveText(['1', '100%', '', '', '']);
  // The shade follows retention: full, a third, two thirds.
  await expect(cohortRow(page, '2026-01').nth(1)).toHaveClass(/heat-10/);
  await expect(cohortRow(page, '2026-01').nth(2)).toHaveClass(/heat-3/);
  await expect(cohortRow(page, '2026-01').nth(3)).toHaveClass(/heat-7/);
  await expect(table.locator('caption')).toContainText('留存率');

  await page.getByTestId('cohort-show-active').check();
  await expect(cohortRow(page, '2026-01')).toHaveText(['3', '3', '1', '2', '1']);
  await expect(cohortRow(page, '2026-02')).toHaveText(['1', '1', '1', '0', '']);
  await page.getByTestId('cohort-show-revenue').check();
  await expect(cohortRow(page, '2026-01')).toHaveText(['3', '¥230.00', '¥10.00', '¥100.00', '¥70.00']);
  await page.getByTestId('cohort-show-ltv').check();
  await expect(cohortRow(page, '2026-01')).toHaveText(['3', '¥76.67', '¥80.00', '¥113.33', '¥136.67']);
  await expect(cohortRow(page, '2026-02')).toHaveText(['1', '¥200.00', '¥220.00', '¥220.00', '']);
  await expect(table.locator('caption')).toContainText('累计人均收入');
});

test('LTV curves: a line per cohort through its cumulative revenue per customer', async ({ page }) => {
  await load(page);
  const canvas = page.getByTestId('ltv-chart');
  await canvas.scrollIntoViewIfNeeded();
  await expect(canvas).toBeVisible();
  // Drawn at its displayed size × devicePixelRatio.
  await expect
    .poll(() => canvas.evaluate((c) => c.width === Math.round(c.getBoundingClientRect().width * devicePixelRatio)))
    .toBe(true);
  // The frame (src/components/chart/frame.rs, value_chart): plot area from 72 px (8 margin +
  // 64 axis) to width − 16 across, 28 px to height − 36 down; x −0.5 … 3.5 (four months
  // since), y 0 … 1.15 × the largest value (¥220.00 = 22,000 fen).
  const blueNear = (points) =>
    canvas.evaluate((c, points) => {
      const ctx = c.getContext('2d');
      const s = c.width / c.getBoundingClientRect().width;
      const w = c.width / s, h = c.height / s;
      const top = 22000 * 1.15;
      return points.map(([i, v]) => {
        const x = (72 + ((i + 0.5) / 4) * (w - 88)) * s;
        const y = (28 + (1 - v / top) * (h - 64)) * s;
        const r = Math.ceil(4 * s);
        const d = ctx.getImageData(Math.round(x - r), Math.round(y - r), 2 * r + 1, 2 * r + 1).data;
        for (let k = 0; k < d.length; k += 4) {
          // The cohort blues (light to dark); grid and axis are grey.
          if (d[k + 3] > 200 && d[k + 2] - d[k] >= 60) return true;
        }
        return false;
      });
    }, points);
  // Each cohort's points: 2026-01 at 76.67 … 136.67, 2026-02 at 220 (months 1 and 2),
  // 2026-03 at 10, 2026-04 at 90.
  await expect
    .poll(() => blueNear([[0, 7667], [1, 8000], [2, 11333], [3, 13667], [1, 22000], [2, 22000], [1, 1000], [0, 9000]]))
    .toEqual([true, true, true, true, true, true, true, true]);
  // Nothing where no cohort is: month 3 near the top, month 0 halfway between 90 and 200.
  expect(await blueNear([[3, 24000], [3, 20000]])).toEqual([false, false]);
});

test('segment migration: the matrix between two dates, one typed key by key', async ({ page }) => {
  await load(page);
  const matrix = page.getByTestId('migration-matrix');
  await matrix.scrollIntoViewIfNeeded();
  // By default from 2026-01-30 (90 days before the analysis day) to 2026-04-30.
  // On 01-30: A silent, B lost, C potential. On 04-30: A high, B silent, C lost, and the
  // new D high, E lost, F potential.
  await expect(page.getByTestId('migration-in-use')).toHaveText('从 2026-01-30 到 2026-04-30');
  await expect(matrix.locator('thead th')).toHaveText(['起始层 → 结束层', '高价值客户', '潜力客户', '沉默客户', '流失客户', '合计']);
  await expect(matrixRow(page, '高价值客户')).toHaveText(['0', '0', '0', '0', '0']);
  await expect(matrixRow(page, '潜力客户')).toHaveText(['0', '0', '0', '1', '1']);
  await expect(matrixRow(page, '沉默客户')).toHaveText(['1', '0', '0', '0', '1']);
  await expect(matrixRow(page, '流失客户')).toHaveText(['0', '0', '1', '0', '1']);
  await expect(matrixRow(page, '新客户')).toHaveText(['1', '1', '0', '1', '3']);
  await expect(matrix.locator('tfoot td')).toHaveText(['2', '1', '1', '2', '6']);
  await expect(page.getByTestId('migration-totals')).toHaveText('升级 2 位,降级 1 位,保持 0 位,平移 0 位,新客户 3 位');

  // From 2026-03-15, typed: then A high, B high, C lost, D silent; B falls to silent,
  // D rises to high, A and C stay; E and F are new.
  const from = page.getByTestId('migration-from');
  await from.click();
  await from.pressSequentially('2026-03-15');
  await expect(page.getByTestId('migration-in-use')).toHaveText('从 2026-03-15 到 2026-04-30');
  await expect(matrixRow(page, '高价值客户')).toHaveText(['1', '0', '1', '0', '2']);
  await expect(matrixRow(page, '沉默客户')).toHaveText(['1', '0', '0', '0', '1']);
  await expect(matrixRow(page, '流失客户')).toHaveText(['0', '0', '0', '1', '1']);
  await expect(matrixRow(page, '新客户')).toHaveText(['0', '1', '0', '1', '2']);
  await expect(page.getByTestId('migration-totals')).toHaveText('升级 1 位,降级 1 位,保持 2 位,平移 0 位,新客户 2 位');
  await expect(from).toHaveValue('2026-03-15');

  // A to date before the from date is flagged, not swapped.
  const to = page.getByTestId('migration-to');
  await to.click();
  await to.pressSequentially('2026-02-01');
  await expect(page.getByTestId('migration-reversed')).toHaveText(/2026-03-15.*2026-02-01/);
  await expect(matrix).toHaveCount(0);
  // Text that is no date is kept as typed and flagged.
  await to.press('Backspace');
  await to.press('Backspace');
  await to.pressSequentially('99');
  await expect(to).toHaveValue('2026-02-99');
  await expect(page.locator('#customers-migration [role=alert]').first()).toContainText('2026-02-99');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

  test('one sample button loads the orders and the touchpoints, labelled in every section', async ({ page }) => {
    await page.goto('/customers');
    await page.getByTestId('customers-sample-try').tap();
    await expect(page.getByTestId('customers-sample')).toContainText('示例数据');
    const orders = page.getByTestId('orders-summary');
    await expect(orders).toContainText('示例数据');
    await expect(orders).toContainText('600 位客户');
    await expect(page.getByTestId('journeys-summary')).toContainText('示例数据');
    await expect(page.getByTestId('journeys-summary')).toContainText('6 个渠道');
    for (const id of ['customers-rfm-title', 'customers-kpis-title', 'customers-lifecycle-title', 'customers-cohorts-title', 'customers-migration-title', 'attribution-title']) {
      await expect(page.locator(`#${id}`)).toContainText('示例数据');
    }
    // Two years of monthly cohorts to the analysis day, 2026-03-31.
    const table = page.getByTestId('cohort-table');
    await table.scrollIntoViewIfNeeded();
    await expect(table.locator('tbody th')).toHaveCount(24);
    await expect(table.locator('tbody th').first()).toHaveText('2024-04');
    await expect(table.locator('tbody th').last()).toHaveText('2026-03');
    await page.getByTestId('cohort-show-active').tap();
    await expect(page.getByTestId('cohort-show-active')).toBeChecked();
    // Month 0: every customer of the cohort bought.
    const first = table.locator('tbody tr').first().locator('td');
    await expect(first.nth(1)).toHaveText(await first.nth(0).textContent());
    await expect(page.getByTestId('migration-in-use')).toHaveText('从 2025-12-31 到 2026-03-31');
    await expect(page.getByTestId('migration-totals')).toContainText('升级');
    await expect(page.getByTestId('attribution-credits').locator('tbody tr')).toHaveCount(6);

    // A real orders file replaces the sample: the orders' labels go, the touchpoints' stays.
    await page.getByTestId('orders-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS) });
    await expect(page.getByTestId('orders-summary')).not.toContainText('示例数据');
    await expect(page.locator('#customers-cohorts-title')).not.toContainText('示例数据');
    await expect(page.locator('#customers-migration-title')).not.toContainText('示例数据');
    await expect(page.locator('#attribution-title')).toContainText('示例数据');
    await expect(page.getByTestId('customers-sample')).toContainText('示例数据');
  });
});
