// The generic table as a merchant meets it (issue 29, items 4, 7, 8): pasting rows over
// rows keeps every pasted text (an unknown phase included, flagged) and says what kept
// its earlier values; Excel's Backspace and Delete; typing over a flagged cell replaces
// it; on a phone, a wide table is a card per row with the figures and the status first.
import { test, expect } from './fixtures.js';
import { cell, derived, saved, pasteText } from './helpers.js';

const PHASES = ['启动期', '增长期', '稳定期'];
/** 20 rows as copied from a spreadsheet: task, phase, action, owner, deadline rule. */
const twentyRows = () =>
  Array.from({ length: 20 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const phase = i === 0 ? '推广期' : PHASES[i % 3];
    const rule = i === 0 ? '下周五' : `第${(i % 4) + 1}周末`;
    return [`任务${n}`, phase, `动作${n}`, `负责人${n}`, rule].join('\t');
  }).join('\r\n') + '\r\n';

const taskRows = (page) => page.locator('table[data-table="tasks"] tbody tr[data-row-id]');
const notice = (page) => page.getByRole('status').filter({ hasText: '已粘贴' });

/** The message a flagged cell points to with aria-describedby. */
const messageOf = async (page, locator) => {
  const id = await locator.getAttribute('aria-describedby');
  return page.locator(`[id="${id}"]`);
};

test.describe('desktop', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
    await page.goto('/tasks');
    await expect(taskRows(page)).toHaveCount(5);
  });

  test('20 rows pasted over the 5 demo tasks: an unknown phase kept and flagged, the kept columns named', async ({ page }) => {
    await cell(page, '月度任务', '第 1 行').click();
    await page.keyboard.press('Escape');
    await pasteText(page, twentyRows());
    await expect(taskRows(page)).toHaveCount(20);

    // The phase that is not in the list is kept as pasted, flagged like any bad entry.
    const phase = cell(page, '阶段', '任务01');
    await expect(phase).toHaveValue('推广期');
    await expect(phase.locator('option:checked')).toHaveText('推广期');
    await expect(phase).toHaveAttribute('aria-invalid', 'true');
    // Flagged on screen too: the error colours of a flagged cell (--error, --error-bg).
    await expect(phase).toHaveCSS('border-top-color', 'rgb(180, 35, 24)');
    await expect(phase).toHaveCSS('background-color', 'rgb(254, 243, 242)');
    await expect(await messageOf(page, phase)).toHaveText('不是可选项,请从列表中选择');
    await expect(cell(page, '阶段', '任务02')).toHaveValue('增长期');
    await expect(cell(page, '阶段', '任务02')).toHaveAttribute('aria-invalid', 'false');

    // The notice says what was pasted, and which columns of rows 1–5 kept old values.
    await expect(notice(page)).toContainText('已粘贴 100 个值到 20 行(月度任务–时间节点)');
    await expect(notice(page)).toContainText('1 个不是可选项,已原样保留并标红');
    await expect(notice(page)).toContainText(/第 1–5 行的状态、交付指标、.*实际值.*保留了原来的值/);
    // The rows the paste added have no earlier values: a new task's status.
    await expect(cell(page, '状态', '任务20')).toHaveValue('not_started');

    // The block stays selected with its first cell active: Tab goes on from there, to the
    // flagged rule, and typing replaces it (not appended to "下周五").
    await expect(cell(page, '月度任务', '第 1 行')).toBeFocused();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    const rule = cell(page, '时间节点', '任务01');
    await expect(rule).toBeFocused();
    await expect(rule).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.type('第2周末');
    await expect(rule).toHaveValue('第2周末');
    await expect(rule).toHaveAttribute('aria-invalid', 'false');
    await page.keyboard.press('Enter');

    // Saved and read back: the unknown phase is still there, still flagged.
    await saved(page);
    await page.reload();
    await expect(cell(page, '阶段', '任务01')).toHaveValue('推广期');
    await expect(cell(page, '阶段', '任务01')).toHaveAttribute('aria-invalid', 'true');
    await expect(cell(page, '时间节点', '任务01')).toHaveValue('第2周末');
    // Picking a real phase clears the flag.
    await cell(page, '阶段', '任务01').selectOption('启动期');
    await expect(cell(page, '阶段', '任务01')).toHaveAttribute('aria-invalid', 'false');
    await expect(cell(page, '阶段', '任务01').locator('option', { hasText: '推广期' })).toHaveCount(0);
  });

  test('a status that is no option is kept verbatim through a reload, then replaced by picking one', async ({ page }) => {
    await cell(page, '状态', '私域社群搭建').focus();
    await pasteText(page, '推广中\n暂停中\n');
    const status = cell(page, '状态', '私域社群搭建');
    await expect(status).toHaveValue('推广中');
    await expect(status).toHaveAttribute('aria-invalid', 'true');
    await expect(cell(page, '状态', '线下引流物料设计')).toHaveValue('暂停中');
    await expect(notice(page)).toContainText('2 个不是可选项,已原样保留并标红');
    await saved(page);
    await page.reload();
    await expect(cell(page, '状态', '私域社群搭建')).toHaveValue('推广中');
    await expect(cell(page, '状态', '私域社群搭建')).toHaveAttribute('aria-invalid', 'true');
    await cell(page, '状态', '私域社群搭建').selectOption({ label: '进行中' });
    await expect(cell(page, '状态', '私域社群搭建')).toHaveValue('in_progress');
    await expect(cell(page, '状态', '私域社群搭建')).toHaveAttribute('aria-invalid', 'false');
  });

  test('typing over a flagged cell just pasted into replaces it', async ({ page }) => {
    const rule = cell(page, '时间节点', '线上活动策划');
    await rule.click();
    await page.keyboard.press('Escape');
    await pasteText(page, '下周五');
    await expect(rule).toHaveValue('下周五');
    await expect(rule).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.type('每月第2周');
    await expect(rule).toHaveValue('每月第2周');
    await expect(rule).toHaveAttribute('aria-invalid', 'false');
  });

  test('after a paste, Backspace clears the active cell only; Delete clears the selection', async ({ page }) => {
    const actions = ['私域社群搭建', '线下引流物料设计', '线上活动策划'];
    await cell(page, '周度关键动作', '私域社群搭建').click();
    await page.keyboard.press('Escape');
    await pasteText(page, 'A1\t甲\r\nA2\t乙\r\nA3\t丙\r\n');
    await expect(cell(page, '负责人', '线上活动策划')).toHaveValue('丙');

    await page.keyboard.press('Backspace');
    await expect(cell(page, '周度关键动作', '私域社群搭建')).toHaveValue('');
    for (const [i, task] of actions.slice(1).entries()) {
      await expect(cell(page, '周度关键动作', task)).toHaveValue(`A${i + 2}`);
    }
    for (const [task, owner] of [['私域社群搭建', '甲'], ['线下引流物料设计', '乙'], ['线上活动策划', '丙']]) {
      await expect(cell(page, '负责人', task)).toHaveValue(owner);
    }
    // Backspace goes on typing in that cell, as in Excel.
    await page.keyboard.type('建群');
    await expect(cell(page, '周度关键动作', '私域社群搭建')).toHaveValue('建群');
    await page.keyboard.press('Enter');

    // Paste again, then Delete: the whole pasted block is emptied, nothing else.
    await cell(page, '周度关键动作', '私域社群搭建').click();
    await page.keyboard.press('Escape');
    await pasteText(page, 'B1\t丁\r\nB2\t戊\r\n');
    await expect(cell(page, '负责人', '线下引流物料设计')).toHaveValue('戊');
    await page.keyboard.press('Delete');
    for (const task of actions.slice(0, 2)) {
      await expect(cell(page, '周度关键动作', task)).toHaveValue('');
      await expect(cell(page, '负责人', task)).toHaveValue('');
    }
    await expect(cell(page, '周度关键动作', '线上活动策划')).toHaveValue('A3');
    await expect(cell(page, '负责人', '线上活动策划')).toHaveValue('丙');
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
  });

  test('the task table is a card per row: next due and status on screen, dates whole, no sideways page', async ({ page }) => {
    await page.goto('/tasks');
    await expect(taskRows(page)).toHaveCount(5);
    const vw = 390;
    const last = taskRows(page).last();
    await last.scrollIntoViewIfNeeded();
    // Next due (the row's first computed figure) and the status, without swiping sideways.
    for (const [name, target] of [['下次截止', derived(page, 'tasks', 104).first()], ['状态', cell(page, '状态', '全域ROI优化')]]) {
      const box = await target.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(vw);
    }
    // Each value reads with its column's name; the row's name comes first, then the figures.
    const order = await last.evaluate((tr) =>
      [...tr.children]
        .filter((c) => c.dataset.label)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top || a.getBoundingClientRect().left - b.getBoundingClientRect().left)
        .slice(0, 3)
        .map((c) => c.dataset.label));
    expect(order).toEqual(['月度任务', '下次截止', '状态']);
    const label = await last.locator('[data-label="下次截止"]').evaluate((td) => getComputedStyle(td, '::before').content);
    expect(label).toBe('"下次截止"');
    await expect(last.locator('[data-label="下次截止"]')).toHaveText('2027年2月28日(共7次)');
    // Dates are not cut: every "next due" shows all of its text.
    const cut = await page.locator('table[data-table="tasks"] td[data-label="下次截止"]').evaluateAll((tds) =>
      tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent));
    expect(cut).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
    // Keyboard tips mean nothing on a touch screen.
    await expect(page.locator('.keys-hint').first()).toBeHidden();
    // Still a table: the cells keep their names.
    await cell(page, '状态', '全域ROI优化').tap();
    await cell(page, '状态', '全域ROI优化').selectOption({ label: '进行中' });
    await expect(cell(page, '状态', '全域ROI优化')).toHaveValue('in_progress');
  });

  test('1,000 rows pasted on a phone: the virtual window still scrolls to the last row', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/tasks');
    await expect(taskRows(page)).toHaveCount(5);
    await cell(page, '月度任务', '第 1 行').tap();
    const rows = Array.from({ length: 1000 }, (_, i) => `批量${i + 1}\t增长期`).join('\n');
    await pasteText(page, rows + '\n');
    await expect(notice(page)).toContainText('已粘贴 2000 个值到 1000 行(月度任务–阶段)');
    const scroller = page.locator('.table-scroll.virtual');
    await expect(scroller).toBeVisible();
    // Only the rows in view are in the page.
    expect(await taskRows(page).count()).toBeLessThan(100);
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const lastPhase = cell(page, '阶段', '批量1000');
    await expect(lastPhase).toHaveValue('增长期');
    // The row sits inside the scrolled box, where the window put it.
    const box = await scroller.boundingBox();
    const row = await lastPhase.boundingBox();
    expect(row.y).toBeGreaterThanOrEqual(box.y);
    expect(row.y + row.height).toBeLessThanOrEqual(box.y + box.height + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
