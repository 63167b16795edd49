// The industry toolkits: the spec's rows on each, one edit per toolkit moving its
// derived column, the plan's industry first.
import { test, expect } from './fixtures.js';
import { derived, pasteText } from './helpers.js';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
  await page.goto('/toolkits');
});

test("the plan's industry comes first, every toolkit stays reachable", async ({ page }) => {
  const groups = page.locator('.industry-group');
  await expect(groups).toHaveCount(3);
  await expect(groups.nth(0)).toHaveAttribute('data-industry', 'retail');
  await expect(page.getByRole('navigation', { name: '本页目录' }).getByRole('link')).toHaveText([
    '零售业OMO库存同步表', '零售业会员权益分层表', '服务业线上线下预约协同表', '服务业服务过程反馈表', '餐饮业OMO套餐组合表',
  ]);
  // Switch the plan to food service: its toolkit moves to the top.
  await page.goto('/scenario');
  await page.getByRole('combobox', { name: /^行业/ }).selectOption('food_service');
  await page.goto('/toolkits');
  await expect(groups.nth(0)).toHaveAttribute('data-industry', 'food_service');
  await expect(page.getByRole('navigation', { name: '本页目录' }).getByRole('link').first()).toHaveText('餐饮业OMO套餐组合表');
});

test('retail stock: projected stock, advice by the rule on screen, low-stock alert', async ({ page }) => {
  await expect(page.getByText('① 下周预计线上调货消耗')).toBeVisible();
  // 120 − 15×3 = 75 < 80; 80 − 8×3 = 56; 200 − 25×3 = 125 < 150.
  await expect(derived(page, 'stores', 1000)).toHaveText(['75', '需向仓申请补货5件']);
  await expect(derived(page, 'stores', 1001)).toHaveText(['56', '正常无需补货']);
  await expect(derived(page, 'stores', 1002)).toHaveText(['125', '需向仓申请补货25件']);
  await expect(page.getByTestId('low-stock')).toHaveText('低库存预警:MB001 −5;MB003 −25');
  // With 2 units a transfer MB001 has 10 spare; a new Beijing store short by 30 takes
  // them, and the warehouse sends the rest in packs of 50.
  await page.getByLabel('每次调货件数').fill('2');
  await page.getByLabel('仓库整箱件数').fill('50');
  await expect(derived(page, 'stores', 1000)).toHaveText(['90', '正常无需补货']);
  await page.getByRole('button', { name: '+ 添加门店' }).click();
  const code = page.getByRole('textbox', { name: /^门店编码 第 4 行$/ });
  await code.fill('MB004');
  await page.getByRole('textbox', { name: '门店地址 MB004' }).fill('北京市东城区');
  await page.getByRole('textbox', { name: '可调配库存(线下门店共享) MB004' }).fill('40');
  await page.getByRole('textbox', { name: '近7天线上调货频次 MB004' }).fill('5');
  await page.getByRole('textbox', { name: '安全库存阈值 MB004' }).fill('60');
  await page.keyboard.press('Enter');
  const row = page.locator('table[data-table="stores"] tbody tr').nth(3).locator('td.col-derived');
  await expect(row).toHaveText(['30', '从MB001门店调货10件;需向仓申请补货50件']);
});

test('a long low-stock alert names the eight stores furthest below safety stock and folds the rest until asked', async ({ page }) => {
  // Twelve Shanghai stores pasted over the demo's, none with a surplus to give: store k
  // is short by 10 × k.
  await page.getByRole('textbox', { name: '门店编码 第 1 行', exact: true }).click();
  await page.keyboard.press('Escape');
  const lines = Array.from({ length: 12 }, (_, i) => `S${i + 1}\t上海市浦东区\t0\t100\t0\t${110 + 10 * i}`);
  await pasteText(page, lines.join('\n'));
  await expect(page.getByRole('textbox', { name: '安全库存阈值 S12' })).toHaveValue('220');
  const alert = page.getByTestId('low-stock');
  await expect(alert).toHaveText('低库存预警:S12 −120;S11 −110;S10 −100;S9 −90;S8 −80;S7 −70;S6 −60;S5 −50');
  const folded = page.getByTestId('low-stock-folded');
  await expect(folded).toContainText('以上为缺口最大的8家门店,另有4家门店低于安全库存。');
  await folded.getByRole('button', { name: '全部列出' }).click();
  await expect(alert).toHaveText(`低库存预警:${Array.from({ length: 12 }, (_, i) => `S${i + 1} −${10 * (i + 1)}`).join(';')}`);
  await expect(folded).toBeHidden();
});

test('member tiers: members per tier and the monthly cost of benefits', async ({ page }) => {
  await expect(derived(page, 'tiers', 1100)).toHaveText(['3', '¥18.00', '¥9.37', '¥27.37']);
  await expect(derived(page, 'tiers', 1101)).toHaveText(['2', '¥60.00', '¥10.50', '¥70.50']);
  await expect(page.getByTestId('tiers-cost')).toHaveText('¥130.20');
  await expect(page.getByTestId('untiered')).toHaveText('未达任何等级:1 人');
  await expect(derived(page, 'customers', 1203)).toHaveText(['银卡']);
  // ¥1 more and member 0004 is gold.
  await page.getByRole('textbox', { name: '年消费 会员0004' }).fill('5000');
  await expect(derived(page, 'customers', 1203)).toHaveText(['金卡']);
  await expect(derived(page, 'tiers', 1101).first()).toHaveText('3');
  await page.getByLabel('券核销率(%)').fill('50');
  await expect(derived(page, 'tiers', 1101).nth(1)).toHaveText('¥150.00');
});

test('service feedback: averages per dimension and late items', async ({ page }) => {
  await expect(page.getByTestId('dimension-scores').locator('tbody tr')).toHaveText([/服务效率\s*1\s*3\.0/, /专业度\s*1\s*4\.0/, /环境体验\s*1\s*5\.0/]);
  await expect(derived(page, 'feedback', 1301)).toHaveText(['已逾期']);
  await expect(page.getByTestId('late-feedback')).toHaveText('逾期未完成:1 项');
  await page.getByRole('combobox', { name: '进展 专业度' }).selectOption('done');
  await expect(derived(page, 'feedback', 1301)).toHaveText(['—']);
  await expect(page.getByTestId('late-feedback')).toHaveText('逾期未完成:0 项');
  // A second efficiency score moves its average; a 6 is refused on the cell.
  await page.getByRole('button', { name: '+ 添加反馈' }).click();
  await page.getByRole('textbox', { name: '反馈维度 第 4 行' }).fill('服务效率');
  await page.getByRole('textbox', { name: '评分(1-5分) 服务效率' }).last().fill('4');
  await expect(page.getByTestId('dimension-scores').locator('tbody tr').first()).toHaveText(/服务效率\s*2\s*3\.5/);
  await page.getByRole('textbox', { name: '评分(1-5分) 服务效率' }).last().fill('6');
  await expect(page.getByText('评分为1到5分的整数')).toBeVisible();
});

test('food-service combos: coupon discount rate and cost per dine-in order', async ({ page }) => {
  await expect(derived(page, 'combos', 1400)).toHaveText(['20%', '14.71%']);
  await expect(derived(page, 'combos', 1401)).toHaveText(['—', '—']);
  await page.getByRole('textbox', { name: '联动券减免 引流套餐' }).fill('15');
  await expect(derived(page, 'combos', 1400)).toHaveText(['30%', '22.06%']);
  await page.getByRole('textbox', { name: '到店套餐价 引流套餐' }).fill('45');
  await expect(derived(page, 'combos', 1400)).toHaveText(['30%', '—']);
});

test('member spend summed from an orders CSV, bad lines listed before applying', async ({ page }) => {
  const csv = '订单号,会员ID,下单时间,实付金额\n1,C01,2026-01-02,1280.50\n2,C02,2026-01-03,"¥6,000"\n3,C01,2026-02-01,719.50\n4,,2026-02-02,10\n5,C03,2026-02-03,十元\n';
  await page.getByTestId('orders-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv) });
  const preview = page.getByTestId('orders-preview');
  await expect(preview).toContainText('3 笔订单,2 位会员;2 行无法计入:');
  await expect(preview.locator('li')).toHaveText(['第5行:缺少会员', '第6行:金额不是数字']);
  // Nothing changed until applied.
  await expect(page.locator('table[data-table="customers"] tbody tr')).toHaveCount(8);
  await page.getByRole('button', { name: '用这些会员替换年消费表' }).click();
  const rows = page.locator('table[data-table="customers"] tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: '年消费 C01' })).toHaveValue('¥2,000.00');
  await expect(rows.nth(1).locator('td.col-derived')).toHaveText(['金卡']);
  // One undo brings the typed list back.
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(rows).toHaveCount(8);
  // A file without an amount column is refused with the reason.
  await page.getByTestId('orders-file').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('会员,日期\nA,1\n') });
  await expect(preview).toHaveText('找不到金额列(表头需含“金额”“实付”或 amount)');
});
