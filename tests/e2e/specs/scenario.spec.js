// The scenario planner: playbooks, SMART goals and their live indicators, the budget split
// to the fen with its chart, resources and risks.
import { test, expect, untilLive } from './fixtures.js';
import { cell, derived, saved } from './helpers.js';

const PLAYBOOKS = [
  ['新品牌快速启动', '新客引流'],
  ['存量客户深度运营', '老客复购'],
  ['跨区域市场渗透', '跨区域渗透'],
];
const INDUSTRIES = [
  ['零售', '门店扫码关注', '全渠道库存同步'],
  ['服务', '到店体验扫码', '线上线下预约协同'],
  ['餐饮', '外卖下单', '外卖堂食套餐组合'],
];

test('the demo plan: the spec scenarios, goals, budget and risks', async ({ page }) => {
  await page.goto('/scenario');
  const scenarios = page.locator('table[data-table="scenarios"] tbody tr[data-row-id]');
  await expect(scenarios).toHaveCount(3);
  await expect(cell(page, '核心目标', '新客引流')).toHaveValue('3个月新增私域用户1万人');
  // "Within 3 months" of 2026-09-01.
  await expect(derived(page, 'goals', 500)).toHaveText(['+10,000', '2026年12月1日']);
  // ¥10,000,000 × 4% = ¥400,000, split 40/30/20/10 exactly.
  await expect(page.getByTestId('budget-total')).toHaveText('¥400,000.00');
  await expect(derived(page, 'budget_lines', 700)).toHaveText(['¥160,000.00', '¥160,000.00', '¥0.00']);
  await expect(derived(page, 'budget_lines', 701)).toHaveText(['¥120,000.00', '¥130,000.00', '超支 ¥10,000.00']);
  await expect(page.getByTestId('over-allocation')).toHaveText('“线上广告”已承诺费用超出分配¥10,000.00');
  await expect(page.getByTestId('share-remainder')).toHaveCount(0);
  await expect(page.locator('table[data-table="risks"] tbody tr[data-row-id]')).toHaveCount(4);
  await expect(page.getByTestId('open-risks')).toHaveText('未解除风险:4 项');
  await page.getByRole('combobox', { name: '状态 隐私合规' }).selectOption({ label: '已解除' });
  await expect(page.getByTestId('open-risks')).toHaveText('未解除风险:3 项');
});

for (const [playbook, scenario] of PLAYBOOKS) {
  test(`a new plan from ${playbook}, for each industry`, async ({ page }) => {
    await page.goto('/scenario');
    let previous = '线上线下联动拓展示范计划';
    for (const [industry, firstStage, industryTask] of INDUSTRIES) {
      await page.getByLabel('新计划的行业').selectOption({ label: industry });
      await page.getByRole('button', { name: `用此打法新建计划 ${playbook}` }).click();
      const confirm = page.getByRole('group', { name: '确认新建计划' });
      await expect(confirm).toContainText(`将新建计划“${playbook} · ${industry}”`);
      await confirm.getByRole('button', { name: '新建计划' }).click();
      await expect(page.getByRole('status').filter({ hasText: '已新建计划' })).toContainText(`${playbook} · ${industry}`);
      // The plan that was open stays in the list, one click away.
      await expect(page.getByRole('button', { name: `返回原计划 ${previous}`, exact: true })).toBeVisible();
      previous = `${playbook} · ${industry}`;
      await expect(page.getByLabel('计划名称')).toHaveValue(`${playbook} · ${industry}`);
      await expect(page.locator(`[data-playbook].current h3`)).toHaveText(playbook);
      await expect(page.locator('table[data-table="scenarios"] tbody tr[data-row-id] th input')).toHaveValue(scenario);
      await expect(page.locator('table[data-table="indicators"] tbody tr[data-row-id]')).toHaveCount(playbook === '存量客户深度运营' ? 5 : 4);
      await expect(page.getByTestId('share-remainder')).toHaveCount(0);
      await expect(page.locator('table[data-table="risks"] tbody tr[data-row-id]')).toHaveCount(4);
      // The funnel and tasks fit the industry.
      await page.getByRole('link', { name: '转化漏斗' }).first().click();
      await expect(page.getByRole('textbox', { name: '转化环节 第 1 行' })).toHaveValue(firstStage);
      await page.getByRole('link', { name: '任务拆解' }).first().click();
      await expect(page.getByRole('textbox', { name: `月度任务 第 3 行` })).toHaveValue(industryTask);
      await page.getByRole('link', { name: '场景规划' }).first().click();
    }
    // Each new plan joined the list, most recent first; the plan before the last one
    // opens again as it was, and stays open after a reload.
    await page.goto('/plans');
    await expect(page.locator('table.plan-list tbody th .plan-list-name')).toHaveText(
      [`${playbook} · 餐饮`, `${playbook} · 服务`, `${playbook} · 零售`, '线上线下联动拓展示范计划']);
    await page.getByRole('button', { name: `打开 ${playbook} · 服务`, exact: true }).click();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
    await expect(page.getByLabel('计划名称')).toHaveValue(`${playbook} · 服务`);
    await expect(page.locator('table[data-table="scenarios"] tbody tr[data-row-id] th input')).toHaveValue(scenario);
    await page.reload();
    await expect(page.getByLabel('计划名称')).toHaveValue(`${playbook} · 服务`);
  });
}

test('a share edit flags the remainder; the total moves every amount and the chart', async ({ page }) => {
  await page.goto('/scenario');
  await cell(page, '占比', '备用金').fill('5');
  await expect(page.getByTestId('share-remainder')).toHaveText('占比合计不足100%:还有5%未分配 (¥20,000.00)');
  await cell(page, '占比', '备用金').fill('15');
  await expect(page.getByTestId('share-remainder')).toHaveText('占比合计超过100%:多出5%');
  await cell(page, '占比', '备用金').fill('10');
  await expect(page.getByTestId('share-remainder')).toHaveCount(0);

  const chart = page.getByTestId('budget-chart');
  const pixels = () => chart.evaluate((c) => c.toDataURL());
  const before = await pixels();
  await page.getByRole('radio', { name: '直接输入' }).check();
  await page.getByLabel('预算总额(元)').fill('1000.01');
  await expect(page.getByTestId('budget-total')).toHaveText('¥1,000.01');
  // 400.004 / 300.003 / 200.002 / 100.001: the spare fen goes to the largest fraction.
  await expect(derived(page, 'budget_lines', 700).first()).toHaveText('¥400.01');
  await expect(derived(page, 'budget_lines', 701).first()).toHaveText('¥300.00');
  await expect(derived(page, 'budget_lines', 702).first()).toHaveText('¥200.00');
  await expect(derived(page, 'budget_lines', 703).first()).toHaveText('¥100.00');
  // A chart scrolled away draws when it is back in view: look at it, as a person does.
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(pixels).not.toBe(before);
  await page.getByLabel('预算总额(元)').fill('-5');
  await expect(page.getByLabel('预算总额(元)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('不能为负数')).toBeVisible();
  await expect(page.getByTestId('budget-total')).toHaveText('—');
  // The label describes what the chart shows.
  await page.getByLabel('预算总额(元)').fill('400000');
  await expect(chart).toHaveAttribute('aria-label', /线上广告 分配金额 ¥120,000.00 \/ 已承诺 ¥130,000.00/);
});

test('the chart is drawn at the screen density', async ({ browser }) => {
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 800, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/scenario');
  // A context of its own, without the fixture's wait: the app's page, not the prerendered one.
  await untilLive(page);
  const chart = page.getByTestId('budget-chart');
  await chart.scrollIntoViewIfNeeded();
  const size = await chart.evaluate((c) => [c.width, c.height, c.clientWidth, c.clientHeight]);
  expect(size[0]).toBe(size[2] * 2);
  expect(size[1]).toBe(size[3] * 2);
  await context.close();
});

test('an indicator linked to a funnel stage shows its live value', async ({ page }) => {
  await page.goto('/scenario');
  const source = cell(page, '数据来源', '好友拼团成团数');
  await expect(derived(page, 'indicators', 603)).toHaveText(['—', '—', '—']);
  await source.selectOption({ label: '转化人数 · 到店消费' });
  await expect(derived(page, 'indicators', 603)).toHaveText(['324', '+24', '已达成']);
  await page.getByRole('link', { name: '转化漏斗' }).first().click();
  await cell(page, '转化人数', '到店消费').fill('250');
  await page.getByRole('link', { name: '场景规划' }).first().click();
  await expect(derived(page, 'indicators', 603)).toHaveText(['250', '-50', '未达成']);
  // A rate compared with a count target: no gap, said so.
  await source.selectOption({ label: '转化率 · 到店消费' });
  await expect(derived(page, 'indicators', 603)).toHaveText(['46.3%', '单位不一致', '—']);
});

test('goal deadlines in months or dates, with errors on the cell', async ({ page }) => {
  await page.goto('/scenario');
  const deadline = cell(page, '期限', '私域用户数');
  await deadline.fill('六个月内');
  await deadline.press('Enter');
  await expect(deadline).toHaveValue('6个月内');
  await expect(derived(page, 'goals', 500).last()).toHaveText('2027年3月1日');
  await deadline.fill('2027-01-31');
  await deadline.press('Enter');
  await expect(derived(page, 'goals', 500).last()).toHaveText('2027年1月31日');
  await deadline.fill('尽快');
  await deadline.press('Enter');
  await expect(deadline).toHaveAttribute('aria-invalid', 'true');
  await expect(deadline).toHaveValue('尽快');
  await expect(derived(page, 'goals', 500).last()).toHaveText('—');
  // English shows the same deadline in English.
  await deadline.fill('3');
  await deadline.press('Enter');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('textbox', { name: 'Deadline 私域用户数' })).toHaveValue('within 3 months');
});

test('resources are kept and checked', async ({ page }) => {
  await page.goto('/scenario');
  await page.getByLabel('团队人数').fill('3.5');
  await expect(page.getByLabel('团队人数')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('团队人数').fill('40');
  await expect(page.getByLabel('团队人数')).toHaveAttribute('aria-invalid', 'false');
  await saved(page);
  await page.reload();
  await expect(page.getByLabel('团队人数')).toHaveValue('40');
});
