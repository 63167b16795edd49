// The channel & KPI page (spec §4): figures derived from the monthly history, alerts,
// custom metrics, the channel comparison with its budget suggestion, and A/B tests.
import { test, expect } from './fixtures.js';
import { cell, derived, pasteText } from './helpers.js';

const valueCells = (page, rowId) =>
  page.locator(`table[data-table="effectiveness"] tr[data-row-id="${rowId}"] td.col-derived`);

test('the demo reproduces the five rows of spec 4.2 from the months behind them', async ({ page }) => {
  await page.goto('/channels');
  await expect(page.getByTestId('report-month-shown')).toContainText('2026-10');
  // dimension, direction, this month, last month, last year, MoM, YoY, gap, status
  await expect(valueCells(page, 200)).toHaveText(['流量维度', '越高越好', '25%', '30%', '15%', '-5个百分点', '+10个百分点', '-5个百分点', '未达标']);
  await expect(valueCells(page, 201)).toHaveText(['流量维度', '越高越好', '8%', '6%', '3%', '+2个百分点', '+5个百分点', '-2个百分点', '未达标']);
  await expect(valueCells(page, 202)).toHaveText(['转化维度', '越高越好', '12%', '9%', '4%', '+3个百分点', '+8个百分点', '-3个百分点', '未达标']);
  await expect(valueCells(page, 203)).toHaveText(['效率维度', '越低越好', '¥80.00', '¥90.00', '¥100.00', '-¥10.00', '-¥20.00', '+¥5.00', '未达标']);
  await expect(valueCells(page, 204)).toHaveText(['价值维度', '越高越好', '40%', '35%', '25%', '+5个百分点', '+15个百分点', '-5个百分点', '未达标']);
  await expect(page.getByTestId('off-track')).toHaveText('5');
  // Thirteen months of history, behind a disclosure.
  await page.getByRole('button', { name: '显示月度原始数据(13 个月)' }).click();
  await expect(page.locator('table[data-table="kpi-traffic"] tbody tr')).toHaveCount(13);
});

test("editing last month's input changes the change against last month", async ({ page }) => {
  await page.goto('/channels');
  await page.getByRole('button', { name: '显示月度原始数据(13 个月)' }).click();
  // 2026-09: 120 of 400 attendees followed (30%); 110 makes it 27.5%, so MoM is -2.5pp.
  const follows = page.getByRole('textbox', { name: '活动扫码关注数 2026-09' });
  await expect(follows).toHaveValue('120');
  await follows.fill('110');
  await expect(valueCells(page, 200)).toHaveText(['流量维度', '越高越好', '25%', '27.5%', '15%', '-2.5个百分点', '+10个百分点', '-5个百分点', '未达标']);
  // A CAC input of this month: ¥21,000 for 300 payers is ¥70, under the ¥75 target.
  await page.getByRole('textbox', { name: '营销总投入 2026-10' }).fill('21000');
  await expect(valueCells(page, 203).nth(2)).toHaveText('¥70.00');
  await expect(valueCells(page, 203).last()).toHaveText('达标');
  await expect(page.getByTestId('off-track')).toHaveText('4');
  // A month typed badly is kept as typed and flagged.
  const month = page.getByRole('textbox', { name: '月份 第 1 行' }).first();
  await expect(month).toHaveValue('2025-10');
  await month.fill('去年十月');
  await month.press('Tab');
  await expect(month).toHaveAttribute('aria-invalid', 'true');
  await expect(month).toHaveValue('去年十月');
  // Without that month, there is no same month last year.
  await expect(valueCells(page, 200).nth(4)).toHaveText('—');
  await expect(valueCells(page, 200).nth(6)).toHaveText('—');
});

test('an alert appears at the top when a threshold is crossed', async ({ page }) => {
  await page.goto('/channels');
  await page.getByRole('button', { name: '显示月度原始数据(13 个月)' }).click();
  const banner = page.getByTestId('crossed-alerts');
  // The demo's order value (¥150) is under its ¥160 threshold; GMV and ROI are fine.
  await expect(banner.locator('li')).toHaveCount(1);
  await expect(banner).toContainText('客单价 2026-10 为 ¥150.00,低于预警阈值 ¥160.00');
  // Sales of ¥280,000 fall under the ¥300,000 GMV threshold.
  await page.getByRole('textbox', { name: '总销售额 2026-10' }).fill('280000');
  await expect(banner.locator('li')).toHaveCount(2);
  await expect(banner).toContainText('GMV 2026-10 为 ¥280,000.00,低于预警阈值 ¥300,000.00');
  // The order value is now ¥280,000 / 2,400 = ¥116.67: a ¥100 threshold clears it, and
  // a value exactly on its threshold is no alert.
  await expect(banner).toContainText('客单价 2026-10 为 ¥116.67');
  await page.getByRole('textbox', { name: '预警阈值 客单价' }).fill('100');
  await expect(banner.locator('li')).toHaveCount(1);
  await page.getByRole('textbox', { name: '预警阈值 GMV' }).fill('280000');
  await expect(banner).toBeHidden();
});

test('a custom metric gets its own inputs and can be followed by the table and the chart', async ({ page }) => {
  await page.goto('/channels');
  // 坪效 = sales ÷ store area: ¥360,000 / 1,200 m² in 2026-10.
  await expect(derived(page, 'custom-values', 1516)).toHaveText('¥300.00');
  await page.getByRole('textbox', { name: '分母 2026-10' }).fill('1000');
  await expect(derived(page, 'custom-values', 1516)).toHaveText('¥360.00');
  await page.getByRole('combobox', { name: '数据来源指标 私域用户活跃率' }).selectOption({ label: '坪效' });
  await page.getByRole('textbox', { name: '目标值 私域用户活跃率' }).fill('350');
  await expect(valueCells(page, 204)).toHaveText(['效率维度', '越高越好', '¥360.00', '¥290.00', '—', '+¥70.00', '—', '+¥10.00', '达标']);
  await page.getByTestId('trend-metric').selectOption({ label: '坪效' });
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('trend-chart')).toHaveAttribute('aria-label', '指标趋势 · 坪效');
});

test('channels: returns, online against offline, and a budget suggestion within the split', async ({ page }) => {
  await page.goto('/channels');
  // 地推: ¥45,000 for ¥33,600 of revenue.
  const street = page.locator('table[data-table="channels"] tr', { has: page.getByRole('textbox', { name: '投入 地推' }) });
  await expect(street.locator('td.col-derived')).toHaveText(['2.8%', '¥150.00', '-25.33%', '0.75', '3.56%']);
  await expect(page.getByTestId('side-totals').locator('tbody tr').first().locator('td')).toHaveText(['¥115,000.00', '1570', '¥441,000.00', '¥73.25', '3.83']);
  const suggestion = page.getByTestId('reallocation');
  await expect(suggestion).toContainText('线上广告:预算 ¥120,000.00(来自预算分配),当前投入 ¥115,000.00,建议投入 ¥120,000.00');
  await expect(suggestion).toContainText('搜索广告:¥20,000.00 → ¥16,000.00(-¥4,000.00),ROAS 1.30 低于类别平均 3.83');
  await expect(suggestion).toContainText('直播:¥40,000.00 → ¥47,058.82(+¥7,058.82),ROAS 4.00 高于类别平均 3.83');
  // A smaller split shrinks the suggestion to fit it.
  await page.goto('/scenario');
  await page.getByRole('textbox', { name: '占比 线上广告' }).fill('25');
  await page.goto('/channels');
  await expect(suggestion).toContainText('线上广告:预算 ¥100,000.00(来自预算分配),当前投入 ¥115,000.00,建议投入 ¥100,000.00');
});

test('a suggestion with many moves lists the largest eight and folds the rest until asked', async ({ page }) => {
  // The section is built at once when the address names it.
  await page.goto('/channels#channel-compare');
  // Fourteen online-ad channels, ¥10,000 each, returning ¥3,000 to ¥42,000: the category is
  // over its ¥120,000 budget and every channel's spend moves.
  await page.locator('table[data-table="channels"]').getByRole('textbox', { name: '渠道 第 1 行', exact: true }).click();
  await page.keyboard.press('Escape');
  const lines = Array.from({ length: 14 }, (_, i) => `广告${i + 1}\t线上\t线上广告\t10000\t1000\t100\t100\t${3000 * (i + 1)}`);
  await pasteText(page, lines.join('\n'));
  await expect(cell(page, '投入', '广告14')).toHaveValue('¥10,000.00');
  const online = page.getByTestId('reallocation').locator('.suggestion', { hasText: '线上广告:预算' });
  await expect(online.locator('li')).toHaveCount(8);
  const folded = online.getByText(/另有\d+个渠道的调整较小/);
  await expect(folded).toBeVisible();
  await expect(folded).toContainText('以上为调整金额最大的8个渠道');
  const rest = Number((await folded.textContent()).match(/另有(\d+)个/)[1]);
  expect(rest).toBeGreaterThan(0);
  // Largest moves first: the amounts moved never grow down the list.
  const moved = (await online.locator('li').allTextContents()).map((t) => Number(t.match(/\(([+-])¥([\d,.]+)\)/)?.[2].replaceAll(',', '') ?? NaN));
  expect(moved.every((m, i) => i === 0 || m <= moved[i - 1])).toBe(true);
  await online.getByRole('button', { name: '全部列出' }).click();
  await expect(online.locator('li')).toHaveCount(8 + rest);
  await expect(folded).toBeHidden();
});

test('A/B tests: the SOP decides, and a winner becomes the next SOP version', async ({ page }) => {
  await page.goto('/channels');
  const first = page.locator('table[data-table="ab-tests"] tbody tr').first().locator('td.col-derived');
  await expect(first).toHaveText(['25%', '31%', '+6个百分点 (+24%)', '<0.001 · 显著', '推广:测试组显著优于对照组并达到目标']);
  const second = page.locator('table[data-table="ab-tests"] tbody tr').nth(1).locator('td.col-derived');
  await expect(second.last()).toHaveText('调整:差异可能来自偶然(p≥0.05),扩大样本或延长测试');
  await page.getByRole('button', { name: '记录为SOP“门店引流话术V2.0”' }).click();
  const sops = page.locator('table[data-table="sops"] tbody tr');
  await expect(sops).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: '版本 门店引流话术' }).last()).toHaveValue('V2.0');
  await expect(page.getByRole('button', { name: '记录为SOP“门店引流话术V3.0”' })).toBeVisible();
  // Fewer conversions in the test group than the target asks for: adjust, not roll out.
  await page.getByRole('textbox', { name: '目标转化率 关注即送9折券' }).fill('35');
  await expect(first.last()).toHaveText('调整:显著提升但未达目标值');
});
