// Plans that are not open live in the browser's database (IndexedDB), the open plan in
// localStorage (issue 28, part 1): the move of plans an earlier version kept in
// localStorage, nothing lost on the way, the plan operations on archived plans, and the
// browsers whose database is missing, full or not to be trusted, and the banner that
// exports the plan when nothing can be stored.
import { test, expect } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import { cell, saved, storedPlans, storedPlan } from './helpers.js';

const DEMO = '线上线下联动拓展示范计划';
const rows = (page) => page.locator('table.plan-list tbody tr');
const names = (page) => page.locator('table.plan-list tbody th .plan-list-name');
const fixture = async (version, name) => {
  const doc = JSON.parse(await readFile(new URL(`../../fixtures/plans/v${version}.json`, import.meta.url), 'utf8'));
  doc.header.name = name;
  return JSON.stringify(doc);
};

/** Seeds localStorage as an earlier version left it, once (a reload must not seed again). */
const seedOldLayout = (page, plans, current) =>
  page.addInitScript(({ plans, current }) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const entries = plans.map(({ id, name }, i) => ({ id, name, industry: 'retail', updated: 1_760_000_000_000 + i, created: 1_760_000_000_000 }));
    localStorage.setItem('omo-planner.plans', JSON.stringify({ version: 1, plans: entries }));
    for (const { id, doc } of plans) localStorage.setItem(`omo-planner.plan.${id}`, doc);
    localStorage.setItem('omo-planner.current', current);
  }, { plans, current });

test('plans an earlier version kept in localStorage move to the database, byte for byte', async ({ page }) => {
  const plans = [
    { id: 'pold1', name: '当前计划', doc: await fixture(7, '当前计划') },
    { id: 'pold2', name: '一号计划', doc: await fixture(1, '一号计划') },
    { id: 'pold3', name: '四号计划', doc: await fixture(4, '四号计划') },
  ];
  await seedOldLayout(page, plans, 'pold1');
  await page.goto('/plans');
  await expect(rows(page)).toHaveCount(3);
  await expect(page.locator('.plan-name')).toHaveText('当前计划');

  // The two plans that are not open move; the open one stays where autosave writes it.
  await expect.poll(async () => {
    const { working, archived } = await storedPlans(page);
    return [Object.keys(working).sort(), Object.keys(archived).sort()];
  }).toEqual([['pold1'], ['pold2', 'pold3']]);
  const { working, archived } = await storedPlans(page);
  expect(working.pold1).toBe(plans[0].doc);
  expect(archived.pold2).toBe(plans[1].doc); // the very text, schema 1 as it was
  expect(archived.pold3).toBe(plans[2].doc);

  // An archived plan of schema 1 opens (read from the database, migrated on reading).
  await page.getByRole('button', { name: '打开 一号计划', exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText('一号计划');
  await page.goto('/funnel');
  await expect(page.getByRole('textbox', { name: '转化人数 社群入群', exact: true })).toHaveValue('1800.5');
  // Now the open plan: a working copy again; the plan open before goes to the database.
  await expect.poll(async () => Object.keys((await storedPlans(page)).working).sort()).toEqual(['pold2']);
  expect((await storedPlans(page)).archived.pold1).toBe(plans[0].doc);

  // Typed key by key: autosave writes the working copy; a reload opens it as typed.
  const field = cell(page, '转化人数', '社群入群');
  await field.click();
  await field.selectText();
  await field.pressSequentially('1900');
  await field.press('Tab');
  await saved(page);
  await page.reload();
  await expect(page.locator('.plan-name')).toHaveText('一号计划');
  await expect(cell(page, '转化人数', '社群入群')).toHaveValue('1900');
  await page.goto('/plans');
  await expect(names(page)).toHaveText(['一号计划', '四号计划', '当前计划']);
});

test('duplicate, rename, delete and undo reach the plans in the database', async ({ page }) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  const copyId = await rows(page).filter({ hasText: `${DEMO} 副本` }).getAttribute('data-plan-id');
  await expect.poll(async () => (await storedPlans(page)).archived[copyId] ?? null).not.toBeNull();
  expect((await storedPlans(page)).working[copyId]).toBeUndefined();

  // Renamed where it lies, typed key by key.
  await page.getByRole('button', { name: `重命名 ${DEMO} 副本`, exact: true }).click();
  const field = page.getByRole('textbox', { name: `新名称 ${DEMO} 副本`, exact: true });
  await field.selectText();
  await field.pressSequentially('华南门店计划');
  await field.press('Enter');
  await expect(names(page)).toContainText(['华南门店计划']);
  await expect.poll(async () => JSON.parse((await storedPlans(page)).archived[copyId] ?? '{}').header?.name).toBe('华南门店计划');

  // Deleted from the database too; undo puts the same document back.
  const before = await storedPlan(page, copyId);
  await page.getByRole('button', { name: '删除 华南门店计划', exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  expect(await storedPlan(page, copyId)).toBeNull();
  await page.getByRole('button', { name: '撤销删除 华南门店计划', exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect.poll(() => storedPlan(page, copyId)).toBe(before);

  // Deleting the open plan opens the other one, read from the database.
  await page.getByRole('button', { name: `删除 ${DEMO}`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText('华南门店计划');
  await expect(rows(page)).toHaveCount(1);
  await page.reload();
  await expect(page.locator('.plan-name')).toHaveText('华南门店计划');
  await expect(rows(page)).toHaveCount(1);
});

test('without a database every plan stays in localStorage and works as before', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole('button', { name: `打开 ${DEMO} 副本`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
  const { working } = await storedPlans(page);
  expect(Object.keys(working)).toHaveLength(2);
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole('button', { name: `打开 ${DEMO}`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText(DEMO);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a database that is full, or reads back another text, leaves the plan in localStorage', async ({ page }) => {
  // Every write refused with the quota error, counted.
  await page.addInitScript(() => {
    window.puts = 0;
    IDBObjectStore.prototype.put = function () {
      window.puts += 1;
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect.poll(() => page.evaluate(() => window.puts)).toBeGreaterThan(0);
  const { working, archived } = await storedPlans(page);
  expect(Object.keys(working)).toHaveLength(2);
  expect(Object.keys(archived)).toHaveLength(0);
  // Nothing is wrong for the merchant: no banner, the copy opens.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: `打开 ${DEMO} 副本`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
});

test('a copy that reads back changed is not trusted: the plan stays in localStorage', async ({ page }) => {
  // The database hands back another text than the one written.
  await page.addInitScript(() => {
    window.reads = 0;
    const result = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'result');
    Object.defineProperty(IDBRequest.prototype, 'result', {
      get() {
        const value = result.get.call(this);
        if (typeof value !== 'string') return value;
        window.reads += 1;
        return `${value} `;
      },
    });
  });
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect.poll(() => page.evaluate(() => window.reads)).toBeGreaterThan(0);
  const copyId = await rows(page).filter({ hasText: `${DEMO} 副本` }).getAttribute('data-plan-id');
  const { working } = await storedPlans(page);
  expect(JSON.parse(working[copyId]).header.name).toBe(`${DEMO} 副本`);
});

test('a lost index lists the plans of the database again, and the open one opens', async ({ page }) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await page.getByRole('button', { name: `打开 ${DEMO} 副本`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
  const demoId = await rows(page).filter({ hasText: DEMO }).filter({ hasNotText: '副本' }).getAttribute('data-plan-id');
  // The demo plan moved to the database (the copy's older archived text stays there too:
  // a working copy is the newer one).
  await expect.poll(async () => {
    const { working, archived } = await storedPlans(page);
    return [demoId in working, demoId in archived];
  }).toEqual([false, true]);
  await page.evaluate(() => localStorage.removeItem('omo-planner.plans'));
  await page.reload();
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: DEMO }).filter({ hasNotText: '副本' })).toHaveAttribute('data-plan-id', demoId);
});

test('a plan too large to sit twice in localStorage is duplicated and opened without a full store', async ({ page }) => {
  await page.goto('/plans');
  await saved(page);
  // The demo plan grown to 10,000 tasks: about 2.7 million characters, more than half of
  // what localStorage keeps per site.
  const size = await page.evaluate(() => {
    const key = `omo-planner.plan.${localStorage.getItem('omo-planner.current')}`;
    const plan = JSON.parse(localStorage.getItem(key));
    const tasks = plan.tasks;
    const originals = tasks.length;
    let id = 1_000_000;
    for (let k = 0; tasks.length < 10_000; k++) tasks.push({ ...structuredClone(tasks[k % originals]), id: id++, monthly_task: `任务${k}` });
    const text = JSON.stringify(plan);
    localStorage.setItem(key, text);
    return text.length;
  });
  expect(size).toBeGreaterThan(2_700_000);
  await page.reload();
  await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  // The copy went straight to the database: no room for it in localStorage.
  const copyId = await rows(page).filter({ hasText: `${DEMO} 副本` }).getAttribute('data-plan-id');
  expect(JSON.parse((await storedPlans(page)).archived[copyId]).tasks).toHaveLength(10_000);
  await page.getByRole('button', { name: `打开 ${DEMO} 副本`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText(`${DEMO} 副本`);
  // The plan open before made room first; nothing says the store is full.
  expect(Object.keys((await storedPlans(page)).working)).toEqual([copyId]);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.goto('/tasks');
  await expect(page.locator('table[data-table="tasks"]')).toHaveAttribute('aria-rowcount', '10001');
});

/** Types `value` key by key into the 到店消费 stage's 转化人数 on /funnel. */
const typeConverted = async (page, value) => {
  const field = cell(page, '转化人数', '到店消费');
  await field.click();
  await field.selectText();
  await field.pressSequentially(value);
  await field.press('Tab');
  await expect(field).toHaveValue(value);
};

/** The plan the banner's export button downloads. */
const exportFromBanner = async (banner) => {
  const [download] = await Promise.all([
    banner.page().waitForEvent('download'),
    banner.getByRole('button', { name: '导出计划' }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
};

// What the browser refuses, set up before the app starts, and what the banner then says.
const refusals = [
  {
    name: 'storage refused (no localStorage, no database)',
    banner: '无法保存:浏览器存储不可用',
    refuse: () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    },
  },
  {
    name: 'storage full (localStorage and the database)',
    banner: '浏览器存储空间已满',
    refuse: () => {
      const full = () => { throw new DOMException('full', 'QuotaExceededError'); };
      Storage.prototype.setItem = full;
      IDBObjectStore.prototype.put = full;
    },
  },
];

for (const { name, banner: says, refuse } of refusals) {
  test(`${name}: the edit stays on screen, the banner says why and exports it`, async ({ page }) => {
    await page.addInitScript(refuse);
    await page.goto('/funnel');
    await typeConverted(page, '330');
    const banner = page.getByRole('alert').filter({ hasText: says });
    await expect(banner).toBeVisible();
    const plan = await exportFromBanner(banner);
    expect(plan.funnel.stages[3].converted).toBe(330);
  });
}
