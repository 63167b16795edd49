// A new plan from a playbook, on a phone, as a merchant makes one (issue 29 item 3): every
// playbook × industry opens complete on the day it starts, with a budget total and its
// amounts, a funnel with figures, no task overdue and no error anywhere, and the notice
// saying the plan was made is on screen.
import { test, expect } from './fixtures.js';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

const PLAYBOOKS = ['新品牌快速启动', '存量客户深度运营', '跨区域市场渗透'];
// Industry → the budget total (revenue × rate), the four stage rates and the overall rate.
const INDUSTRIES = [
  ['零售', '¥400,000.00', ['30%', '60%', '30%', '60%'], '3.24%'],
  ['服务', '¥400,000.00', ['60%', '40%', '90%', '25%'], '5.4%'],
  ['餐饮', '¥360,000.00', ['8%', '50%', '30%', '40%'], '0.48%'],
];
const EVIDENCE = fileURLToPath(new URL('../test-results/evidence/', import.meta.url));

const nav = (page, name) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name });

/** No error shown anywhere on the page (cell errors, field errors, alerts). */
const noErrors = async (page) => {
  await expect(page.locator('.field-error:visible, .cell-error:visible, [aria-invalid="true"]:visible')).toHaveCount(0);
  await expect(page.getByText('不在预算类别中')).toHaveCount(0);
};

/** Creates a plan from `playbook` for `industry`; types the start date when one is given. */
const create = async (page, playbook, industry, typedDate) => {
  await nav(page, '场景规划').tap();
  await page.getByLabel('新计划的行业').selectOption({ label: industry });
  await page.getByRole('button', { name: `用此打法新建计划 ${playbook}`, exact: true }).tap();
  const confirm = page.getByRole('group', { name: '确认新建计划' });
  const date = confirm.getByLabel('新计划开始日期');
  // Today (the faked clock) unless the merchant picks another day.
  await expect(date).toHaveValue('2026-11-23');
  if (typedDate) {
    // Typed key by key into the date box's fields. Chromium lays them out in its own UI
    // language, here 月/日/年 (each field moves on once full); tapping the label puts
    // the caret in the first field.
    const [year, month, day] = typedDate.split('-');
    await confirm.getByText('新计划开始日期').tap();
    await page.keyboard.type(`${month}${day}${year}`);
    await expect(date).toHaveValue(typedDate);
  }
  await confirm.getByRole('button', { name: '新建计划', exact: true }).tap();
  const notice = page.getByRole('status').filter({ hasText: '已新建计划' });
  await expect(notice).toContainText(`${playbook} · ${industry}`);
  await expect(notice).toBeInViewport();
  await expect(page.getByLabel('计划名称')).toHaveValue(`${playbook} · ${industry}`);
};

/** The new plan's scenario page: a budget total, every allocation with an amount, no error. */
const checkScenario = async (page, total, start) => {
  await expect(page.getByRole('textbox', { name: '开始日期', exact: true })).toHaveValue(start);
  await expect(page.getByTestId('budget-total')).toHaveText(total);
  const lines = page.locator('table[data-table="budget_lines"] tbody tr[data-row-id]');
  await expect(lines).toHaveCount(4);
  const amounts = lines.locator('td.col-derived');
  await expect(amounts).toHaveCount(12);
  for (const text of await amounts.allTextContents()) expect(text).toMatch(/^¥[\d,]+\.\d\d$/);
  await expect(page.getByTestId('over-allocation').locator('li')).toHaveCount(0);
  await expect(page.getByTestId('share-remainder')).toHaveCount(0);
  await noErrors(page);
};

/** The funnel page: four stages with their rates, an overall conversion, an unbroken chain. */
const checkFunnel = async (page, rates, overall) => {
  await nav(page, '转化漏斗').tap();
  const stages = page.locator('table[data-table="funnel"] tbody tr[data-row-id]');
  await expect(stages).toHaveCount(4);
  for (const [i, rate] of rates.entries()) {
    await expect(stages.nth(i).locator('td.col-derived').first()).toHaveText(rate);
  }
  await expect(page.getByTestId('overall-conversion')).toHaveText(overall);
  await expect(page.getByTestId('chain-check').locator('li.flag')).toHaveCount(0);
  await noErrors(page);
};

/** The tasks page: the phases start on the plan's first day, nothing overdue. */
const checkTasks = async (page, firstDay) => {
  await nav(page, '任务拆解').tap();
  await expect(page.getByTestId('today')).toHaveText('今天:2026年11月23日');
  const launch = page.locator('table[data-table="phases"] tbody tr').first().locator('td.col-derived').first();
  await expect(launch).toHaveText(firstDay);
  await expect(page.locator('table[data-table="tasks"] tbody tr[data-row-id]')).toHaveCount(6);
  await expect(page.locator('table[data-table="tasks"]').getByText('已逾期')).toHaveCount(0);
  await expect(page.getByTestId('task-timeline')).toHaveAttribute('aria-label', /[,,]0 项逾期$/);
  await noErrors(page);
};

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
  await page.goto('/scenario');
});

for (const playbook of PLAYBOOKS) {
  test(`${playbook}: a new plan for each industry opens complete, on a phone`, async ({ page }) => {
    test.setTimeout(180_000);
    for (const [industry, total, rates, overall] of INDUSTRIES) {
      // One of the nine starts on a day the merchant types; the others start today.
      const typed = playbook === '存量客户深度运营' && industry === '服务' ? '2027-01-04' : null;
      await create(page, playbook, industry, typed);
      await checkScenario(page, total, typed ?? '2026-11-23');
      if (playbook === '新品牌快速启动' && industry === '零售') {
        await page.locator('#budget').scrollIntoViewIfNeeded();
        await mkdir(EVIDENCE, { recursive: true });
        await page.locator('#budget').screenshot({ path: `${EVIDENCE}phone-new-plan-budget.png` });
      }
      await checkFunnel(page, rates, overall);
      await checkTasks(page, typed ? '2027年1月4日' : '2026年11月23日');
    }
  });
}

test('a start date left empty is flagged, and no plan is made until one is chosen', async ({ page }) => {
  await page.getByRole('button', { name: '用此打法新建计划 新品牌快速启动', exact: true }).tap();
  const confirm = page.getByRole('group', { name: '确认新建计划' });
  const date = confirm.getByLabel('新计划开始日期');
  await confirm.getByText('新计划开始日期').tap();
  // Clear the month: the box no longer holds a whole date.
  await page.keyboard.press('Backspace');
  await expect(date).toHaveValue('');
  await confirm.getByRole('button', { name: '新建计划', exact: true }).tap();
  await expect(confirm.getByRole('alert')).toHaveText('请选择开始日期');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('计划名称')).toHaveValue('线上线下联动拓展示范计划');
  await confirm.getByText('新计划开始日期').tap();
  await page.keyboard.type('12012026'); // 月/日/年, as this browser lays the box out
  await expect(date).toHaveValue('2026-12-01');
  await expect(confirm.getByRole('alert')).toHaveCount(0);
  await confirm.getByRole('button', { name: '新建计划', exact: true }).tap();
  await expect(page.getByLabel('计划名称')).toHaveValue('新品牌快速启动 · 零售');
  await expect(page.getByRole('textbox', { name: '开始日期', exact: true })).toHaveValue('2026-12-01');
});
