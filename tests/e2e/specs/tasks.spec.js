// The task breakdown: deadline rules turned into dates, status and overdue against an
// injected today, measurable deliverables, roll-ups, filters, the timeline and the .ics.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { cell, derived, saved } from './helpers.js';

// Today is fixed, so overdue and "next due" are exact.
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
  await page.goto('/tasks');
});

const nextDue = (page, id) => derived(page, 'tasks', id).nth(0);
const overdue = (page, id) => derived(page, 'tasks', id).nth(1);
const outcome = (page, id) => derived(page, 'tasks', id).nth(2);
const rollupRow = (page, table, name) =>
  page.getByTestId(table).locator('tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test('the demo tasks: rules as dates, status, deliverables judged', async ({ page }) => {
  await expect(page.getByTestId('today')).toHaveText('今天:2026年11月23日');
  await expect(nextDue(page, 100)).toHaveText('2026年9月7日');
  await expect(nextDue(page, 102)).toHaveText('2026年12月7日(共3次)');
  await expect(nextDue(page, 103)).toHaveText('2026年12月21日(共3次)');
  await expect(nextDue(page, 104)).toHaveText('2027年2月28日(共7次)');
  for (const id of [100, 101, 102, 103, 104]) await expect(overdue(page, id)).toHaveText('—');
  // 社群用户数 ≥ 2000 follows the funnel's 1,800 community joins; tag accuracy 92% ≥ 90%.
  await expect(outcome(page, 100)).toHaveText('未达成(实际 1800)');
  await expect(outcome(page, 103)).toHaveText('达成');
  await expect(outcome(page, 101)).toHaveText('待定');
  await page.getByRole('textbox', { name: '实际值 线下引流物料设计' }).fill('100');
  await page.keyboard.press('Enter');
  await expect(outcome(page, 101)).toHaveText('达成');
  await page.getByRole('textbox', { name: '目标值 私域社群搭建' }).fill('1800');
  await page.keyboard.press('Enter');
  await expect(outcome(page, 100)).toHaveText('达成(实际 1800)');
});

test('editing a rule moves the dates; a missed one is overdue', async ({ page }) => {
  const rule = page.getByRole('textbox', { name: '时间节点 线上活动策划' });
  await rule.fill('每月第2周');
  await rule.press('Enter');
  await expect(nextDue(page, 102)).toHaveText('2026年12月14日(共3次)');
  // English is understood too and shown back in the UI language.
  await rule.fill('end of week 2');
  await rule.press('Enter');
  await expect(rule).toHaveValue('第2周末');
  await expect(nextDue(page, 102)).toHaveText('2026年11月14日');
  await expect(overdue(page, 102)).toHaveText('已逾期');
  await expect(rollupRow(page, 'rollup-phase', '增长期').locator('td').nth(2)).toHaveText('1');
  // Not a rule: kept as typed, flagged on the cell, no dates.
  await rule.fill('下周');
  await rule.press('Enter');
  await expect(rule).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('请输入“第1周末”“每月第3周”“每月底”或日期(2026-10-15)')).toBeVisible();
  await expect(nextDue(page, 102)).toHaveText('—');
  await saved(page);
  await page.reload();
  await expect(page.getByRole('textbox', { name: '时间节点 线上活动策划' })).toHaveValue('下周');
  // The horizon bounds the open-ended phase's recurring dates.
  await page.getByLabel('计划覆盖月数').fill('7');
  await expect(nextDue(page, 104)).toHaveText('2027年2月28日(共2次)');
  await expect(page.getByTestId('horizon-hint')).toContainText('2027年3月31日');
});

test('marking a task done changes the roll-ups', async ({ page }) => {
  const steady = rollupRow(page, 'rollup-phase', '稳定期');
  await expect(steady.locator('td')).toHaveText(['0 / 1', '0%', '0']);
  const all = page.getByTestId('rollup-phase').locator('tfoot tr');
  await expect(all.locator('td')).toHaveText(['2 / 5', '40%', '0']);
  await cell(page, '状态', '全域ROI优化').selectOption('done');
  await expect(steady.locator('td')).toHaveText(['1 / 1', '100%', '0']);
  await expect(all.locator('td')).toHaveText(['3 / 5', '60%', '0']);
  // Back to in progress on a launch task: its date has passed, so it is overdue.
  await cell(page, '状态', '线下引流物料设计').selectOption('in_progress');
  await expect(overdue(page, 101)).toHaveText('已逾期');
  await expect(rollupRow(page, 'rollup-phase', '启动期').locator('td')).toHaveText(['1 / 2', '50%', '1']);
  await expect(rollupRow(page, 'rollup-owner', '某').locator('td')).toHaveText(['2 / 5', '40%', '1']);
});

test('filter by owner, phase and status: table, roll-ups, timeline follow', async ({ page }) => {
  const owner = page.getByRole('textbox', { name: '负责人 线上活动策划' });
  await owner.fill('明');
  await owner.press('Enter');
  await expect(rollupRow(page, 'rollup-owner', '明').locator('td')).toHaveText(['0 / 1', '0%', '0']);
  await page.getByTestId('filter-owner').selectOption({ label: '明' });
  const rows = page.locator('table[data-table="tasks"] tbody tr[data-row-id]');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('filter-count')).toHaveText('显示 1 / 5 项任务');
  await expect(page.getByTestId('rollup-owner').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('task-timeline')).toHaveAttribute('aria-label', '任务时间轴:1 项任务,3 个截止节点,0 项逾期');
  // A task added under the filter stays in view until the filter changes.
  await page.getByRole('button', { name: '+ 添加任务' }).click();
  await expect(rows).toHaveCount(2);
  await page.getByTestId('filter-owner').selectOption('');
  await page.getByTestId('filter-status').selectOption('done');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('filter-count')).toHaveText('显示 2 / 6 项任务');
  await page.getByTestId('filter-phase').selectOption({ label: '稳定期' });
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(rows).toHaveCount(6);
  // Editing a filtered table writes to the right row of the plan.
  await page.getByTestId('filter-phase').selectOption({ label: '增长期' });
  await expect(rows).toHaveCount(2);
  const second = page.getByRole('textbox', { name: '周度关键动作 数据标签体系完善' });
  await second.fill('完成2000+用户标签分类');
  await second.press('Enter');
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(page.getByRole('textbox', { name: '周度关键动作 数据标签体系完善' })).toHaveValue('完成2000+用户标签分类');
  await expect(page.getByRole('textbox', { name: '周度关键动作 线上活动策划' })).toHaveValue('3场直播+2期社群秒杀');
});

test('the timeline is drawn, with overdue in the warning colour', async ({ page }) => {
  const canvas = page.getByTestId('task-timeline');
  await expect(canvas).toHaveAttribute('aria-label', '任务时间轴:5 项任务,15 个截止节点,0 项逾期');
  const orange = () => canvas.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0xe0 && d[i + 1] === 0x7b && d[i + 2] === 0x00) n++;
    return n;
  });
  expect(await orange()).toBe(0);
  await cell(page, '状态', '线下引流物料设计').selectOption('blocked');
  await expect(canvas).toHaveAttribute('aria-label', '任务时间轴:5 项任务,15 个截止节点,1 项逾期');
  // A chart scrolled away draws when it is back in view: look at it, as a person does.
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(orange).toBeGreaterThan(20);
});

test('the timeline scrolls sideways on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const frame = page.getByRole('region', { name: /任务时间轴/ });
  const sizes = await frame.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(sizes[0]).toBeGreaterThan(sizes[1]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('the deadlines download as an .ics calendar', async ({ page }) => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载日历文件(.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('线上线下联动拓展示范计划.ics');
  const ics = await readFile(await download.path(), 'utf8');
  await expect(page.getByTestId('calendar-result')).toHaveText('已导出 15 个日历事件。');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(ics.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
  expect(ics.replace(/\r\n/g, '').includes('\n')).toBe(false);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(15);
  expect(ics).toContain('UID:task-100-20260907@omo-planner');
  expect(ics).toContain('DTSTART;VALUE=DATE:20260907\r\nDTEND;VALUE=DATE:20260908');
  // Unfolded, the description carries the owner, and the comma is escaped.
  const unfolded = ics.replace(/\r\n /g, '');
  expect(unfolded).toContain('SUMMARY:全域ROI优化');
  expect(unfolded).toContain('DESCRIPTION:负责人: 某\\n阶段: 稳定期\\n周度关键动作: 分析各渠道转化率\\,调整预算');
});
