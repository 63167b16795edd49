// Several plans kept in browser storage: the list, opening, new from a playbook,
// duplicate, rename, delete with undo, and the migration of the old single stored plan.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { cell, saved, storedPlan, storedPlans } from './helpers.js';

const DEMO = '线上线下联动拓展示范计划';
const rows = (page) => page.locator('table.plan-list tbody tr');
const row = (page, name) => rows(page).filter({ has: page.locator('th .plan-list-name').getByText(name, { exact: true }) });
const names = (page) => page.locator('table.plan-list tbody th .plan-list-name');

/** Opens the list from the plan name in the top bar. */
const openList = async (page) => {
  await page.getByRole('banner').getByRole('link', { name: /我的计划/ }).click();
  await expect(page).toHaveURL('/plans');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的计划');
};

/** Creates a plan from a playbook on the scenario page; returns its name. */
const fromPlaybook = async (page, playbook, industry) => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await page.getByLabel('新计划的行业').selectOption({ label: industry });
  await page.getByRole('button', { name: `用此打法新建计划 ${playbook}`, exact: true }).click();
  const confirm = page.getByRole('group', { name: '确认新建计划' });
  await expect(confirm).toContainText(`将新建计划“${playbook} · ${industry}”`);
  await confirm.getByRole('button', { name: '新建计划', exact: true }).click();
  await expect(page.getByLabel('计划名称')).toHaveValue(`${playbook} · ${industry}`);
  return `${playbook} · ${industry}`;
};

test('the demo plan is listed, open, and reachable from the top bar and settings', async ({ page }) => {
  await page.goto('/scenario');
  await openList(page);
  await expect(rows(page)).toHaveCount(1);
  const demo = row(page, DEMO);
  await expect(demo.locator('th')).toContainText('当前计划');
  await expect(demo.locator('td').first()).toHaveText('零售');
  await expect(demo.locator('td').nth(1)).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/);
  await expect(page.getByRole('columnheader')).toHaveText(['计划名称', '行业', '更新时间', '操作']);
  // The open plan has no "open" button; the others are named with the plan.
  await expect(page.getByRole('button', { name: `打开 ${DEMO}`, exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: `重命名 ${DEMO}`, exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  await page.getByRole('main').getByRole('link', { name: '我的计划' }).click();
  await expect(page).toHaveURL('/plans');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My plans');
  await expect(page.getByRole('button', { name: `Rename ${DEMO}`, exact: true })).toBeVisible();
});

test('a plan from a playbook joins the list and opens; switching keeps each plan\'s edits', async ({ page }) => {
  await page.goto('/scenario');
  const created = await fromPlaybook(page, '新品牌快速启动', '餐饮');
  await expect(page.getByRole('status').filter({ hasText: '已新建计划' })).toContainText(created);
  // Undo does not jump back into the other plan.
  await expect(page.getByRole('banner').getByRole('button', { name: '撤销', exact: true })).toBeDisabled();
  await openList(page);
  await expect(rows(page)).toHaveCount(2);
  await expect(names(page)).toHaveText([created, DEMO]); // most recent first
  await expect(row(page, created).locator('th')).toContainText('当前计划');
  await expect(row(page, created).locator('td').first()).toHaveText('餐饮');

  // Edit the new plan's funnel.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转化漏斗' }).click();
  await expect(page.getByRole('textbox', { name: '转化环节 第 1 行', exact: true })).toHaveValue('外卖下单');
  await page.getByRole('textbox', { name: '转化环节 第 1 行', exact: true }).fill('外卖下单(改)');
  await saved(page);

  // Back to the demo plan: its own figures, and edit it too.
  await openList(page);
  await page.getByRole('button', { name: `打开 ${DEMO}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已打开计划' })).toContainText(DEMO);
  await expect(page.locator('.plan-name')).toHaveText(DEMO);
  await expect(page.getByRole('banner').getByRole('button', { name: '撤销', exact: true })).toBeDisabled();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转化漏斗' }).click();
  await expect(page.getByTestId('overall-conversion')).toHaveText('3.24%');
  await cell(page, '转化人数', '到店消费').fill('300');
  await saved(page);
  await page.reload();
  await expect(page.locator('.plan-name')).toHaveText(DEMO);
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('300');

  // And forth again, after the reload.
  await openList(page);
  await expect(names(page)).toHaveText([DEMO, created]);
  await page.getByRole('button', { name: `打开 ${created}`, exact: true }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转化漏斗' }).click();
  await expect(page.getByRole('textbox', { name: '转化环节 第 1 行', exact: true })).toHaveValue('外卖下单(改)');
  await page.reload();
  await expect(page.locator('.plan-name')).toHaveText(created);
  await expect(page.getByRole('textbox', { name: '转化环节 第 1 行', exact: true })).toHaveValue('外卖下单(改)');
});

test('the notice after a new plan leads back to the plan that was open', async ({ page }) => {
  await page.goto('/scenario');
  await page.getByLabel('计划名称').fill('华东新店开业计划');
  await saved(page);
  const created = await fromPlaybook(page, '跨区域市场渗透', '服务');
  await page.getByRole('button', { name: '返回原计划 华东新店开业计划', exact: true }).click();
  await expect(page.getByLabel('计划名称')).toHaveValue('华东新店开业计划');
  await expect(page.locator('table[data-table="scenarios"] tbody tr[data-row-id] th input').first()).toHaveValue('新客引流');
  // Cancelling the confirmation creates nothing.
  await page.getByRole('button', { name: '用此打法新建计划 新品牌快速启动', exact: true }).click();
  await page.getByRole('group', { name: '确认新建计划' }).getByRole('button', { name: '取消', exact: true }).click();
  await expect(page.getByLabel('计划名称')).toHaveValue('华东新店开业计划');
  await openList(page);
  await expect(names(page)).toHaveText([created, '华东新店开业计划']);
});

test('duplicate and rename, the open plan and another one', async ({ page }) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  const copy = `${DEMO} 副本`;
  await expect(page.getByRole('status').filter({ hasText: '已复制为' })).toContainText(copy);
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, copy)).toHaveCount(1);
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(row(page, `${copy} 2`)).toHaveCount(1);
  await expect(page.locator('.plan-name')).toHaveText(DEMO); // a copy does not open

  // Rename the open plan: the top bar follows.
  await page.getByRole('button', { name: `重命名 ${DEMO}`, exact: true }).click();
  await page.getByRole('textbox', { name: `新名称 ${DEMO}`, exact: true }).fill('华东新店开业计划');
  await page.getByRole('button', { name: `保存名称 ${DEMO}`, exact: true }).click();
  await expect(row(page, '华东新店开业计划')).toHaveCount(1);
  await expect(page.locator('.plan-name')).toHaveText('华东新店开业计划');
  await saved(page);
  // Rename a plan that is not open (Enter saves).
  await page.getByRole('button', { name: `重命名 ${copy} 2`, exact: true }).click();
  await page.getByRole('textbox', { name: `新名称 ${copy} 2`, exact: true }).fill('华南备选计划');
  await page.getByRole('textbox', { name: `新名称 ${copy} 2`, exact: true }).press('Enter');
  await expect(row(page, '华南备选计划')).toHaveCount(1);
  await saved(page);
  await page.reload();
  await expect(names(page)).toHaveText(['华南备选计划', '华东新店开业计划', copy]); // most recently changed first
  await page.getByRole('button', { name: '打开 华南备选计划', exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText('华南备选计划');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await expect(page.getByLabel('计划名称')).toHaveValue('华南备选计划');
});

test('delete with undo, the plan and its entry come back', async ({ page }) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  const copy = `${DEMO} 副本`;
  await expect(rows(page)).toHaveCount(2);
  // Make the copy different, to see that what comes back is the same plan.
  await page.getByRole('button', { name: `打开 ${copy}`, exact: true }).click();
  // Opened only once the plan left open goes to the archive: a reload before that keeps
  // the plan that was open (the rest of this test would then run on the wrong plan).
  await expect(page.locator('.plan-name')).toHaveText(copy);
  await page.goto('/funnel');
  await cell(page, '转化人数', '到店消费').fill('111');
  await saved(page);
  await page.goto('/plans');
  await expect(page.locator('.plan-name')).toHaveText(copy);

  // Delete a plan that is not open.
  await page.getByRole('button', { name: `删除 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: '已删除计划' })).toContainText(DEMO);
  await page.getByRole('button', { name: `撤销删除 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, DEMO)).toHaveCount(1);

  // Delete the open plan: another one opens; undo reopens it with its edits.
  await page.getByRole('button', { name: `删除 ${copy}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator('.plan-name')).toHaveText(DEMO);
  const { working, archived } = await storedPlans(page);
  expect(Object.keys({ ...working, ...archived })).toHaveLength(1);
  await page.getByRole('button', { name: `撤销删除 ${copy}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator('.plan-name')).toHaveText(copy);
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await page.goto('/funnel');
  await expect(page.locator('.plan-name')).toHaveText(copy);
  await expect(cell(page, '转化人数', '到店消费')).toHaveValue('111');
});

test('a plan stored by an older version under the single key is migrated, nothing lost', async ({ page }) => {
  // The current schema's fixture: the move to the plan library must keep it byte for byte
  // (schema migrations have their own tests over every version's fixture).
  const fixture = JSON.parse(await readFile(new URL('../../fixtures/plans/v7.json', import.meta.url), 'utf8'));
  fixture.header.name = '华东新店开业计划';
  fixture.header.industry = 'services';
  fixture.funnel.stages[3].converted = { invalid: '3O0' }; // bad input travels as typed
  const legacy = JSON.stringify(fixture);
  // Before the app loads, once (a reload must not put it back).
  await page.addInitScript((legacy) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('omo-planner.plan', legacy);
    }
  }, legacy);
  await page.goto('/funnel');
  await expect(page.locator('.plan-name')).toHaveText('华东新店开业计划');
  await expect(page.getByRole('textbox', { name: '转化人数 到店消费', exact: true })).toHaveValue('3O0');
  await expect(page.getByRole('alert')).toHaveCount(0);

  const storage = await page.evaluate(() => {
    const current = localStorage.getItem('omo-planner.current');
    return {
      legacy: localStorage.getItem('omo-planner.plan'),
      doc: JSON.parse(localStorage.getItem(`omo-planner.plan.${current}`)),
      index: JSON.parse(localStorage.getItem('omo-planner.plans')),
      current,
    };
  });
  expect(storage.legacy).toBeNull(); // moved, once the new layout was written
  expect(storage.doc).toEqual(fixture); // the whole document, unchanged
  expect(storage.index.plans).toHaveLength(1);
  expect(storage.index.plans[0]).toMatchObject({ id: storage.current, name: '华东新店开业计划', industry: 'services' });

  await openList(page);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, '华东新店开业计划').locator('td').first()).toHaveText('服务');
  await page.reload();
  await expect(rows(page)).toHaveCount(1);
});

test('an old single-key plan next to an existing list joins it', async ({ page }) => {
  await page.goto('/plans');
  await expect(rows(page)).toHaveCount(1);
  const fixture = JSON.parse(await readFile(new URL('../../fixtures/plans/v1.json', import.meta.url), 'utf8'));
  fixture.header.name = '另一个标签页的旧计划';
  await page.evaluate((legacy) => localStorage.setItem('omo-planner.plan', legacy), JSON.stringify(fixture));
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await expect(names(page)).toHaveText(['另一个标签页的旧计划', DEMO]);
  await expect(page.locator('.plan-name')).toHaveText('另一个标签页的旧计划');
  // Migrated from schema 1: the text that did not parse is still there.
  await page.goto('/funnel');
  await expect(page.getByRole('textbox', { name: '转化人数 社群入群', exact: true })).toHaveValue('1800.5');
});

test('a listed plan that cannot be read stays stored and listed; another plan opens', async ({ page }) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  // The open plan's document gets damaged (by hand, another program, a newer app).
  const id = await page.evaluate(() => {
    const id = localStorage.getItem('omo-planner.current');
    localStorage.setItem(`omo-planner.plan.${id}`, '{"schema_version": 99, "header": {}}');
    return id;
  });
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(`现打开的是“${DEMO} 副本”`);
  await expect(page.getByRole('alert')).toContainText('数据版本 99');
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole('button', { name: `打开 ${DEMO}`, exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert').filter({ hasText: '无法打开这个计划' })).toContainText('数据版本 99');
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
  // Kept as it was (in the database, once it is no longer the open plan).
  expect(await storedPlan(page, id)).toBe('{"schema_version": 99, "header": {}}');
});

test('plans missing from a lost index are listed again', async ({ page }) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await page.evaluate(() => localStorage.setItem('omo-planner.plans', '{oops'));
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, `${DEMO} 副本`)).toHaveCount(1);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('omo-planner.plan.unreadable.')).map((k) => localStorage.getItem(k)));
  expect(kept).toEqual(['{oops']);
});

test('a full storage shows the banner and adds nothing', async ({ page }) => {
  await page.goto('/plans');
  await expect(rows(page)).toHaveCount(1);
  await page.evaluate(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '浏览器存储空间已满' })).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
});

test.describe('on a phone (375 x 812)', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test('the list fits the screen and its buttons are thumb-sized', async ({ page }) => {
    await page.goto('/plans');
    await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
    await expect(rows(page)).toHaveCount(2);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    for (const target of await page.locator('.btn').all()) {
      const box = await target.boundingBox();
      if (box) expect(box.height).toBeGreaterThanOrEqual(44);
    }
    // The list is a tab of its own (issue 29; nine tabs with 概览, issue 22) and still the plan name in the top bar.
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link')).toHaveCount(9);
    const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的计划' });
    expect((await tab.boundingBox()).height).toBeGreaterThanOrEqual(44);
    const link = page.getByRole('banner').getByRole('link', { name: /我的计划/ });
    expect((await link.boundingBox()).height).toBeGreaterThanOrEqual(44);
  });
});
