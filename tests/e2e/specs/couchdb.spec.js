// The CouchDB backend kind against a real pouchdb-server (npm; started per test on its own
// port over a temporary data directory): the database checked and created from Settings,
// each plan a document whose `_rev` the app carries on every PUT, two browsers following
// each other's saves through the `_changes` feed, a 409 in either browser shown in the
// conflict view and resolved as chosen, and a server killed in the middle of a save with
// nothing lost.
import { test, expect } from './fixtures.js';
import { saved } from './helpers.js';
import { syncState } from './json-server.js';
import { configureCouch, couchDoc, couchDocs, createDb, startCouch, stopCouch } from './pouchdb-server.js';

const DEMO = '线上线下联动拓展示范计划';

/** Types a new plan name key by key on the scenario page and waits for the local save. */
const rename = async (page, name) => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  const field = page.getByLabel('计划名称');
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(name);
  await expect(field).toHaveValue(name);
  await saved(page);
};

const openId = (page) => page.evaluate(() => localStorage.getItem('omo-planner.current'));

/** The generation of a `_rev` ("3-abc" → 3). */
const generation = (rev) => Number(rev.split('-')[0]);

test('CouchDB: the database is checked and created in Settings, each save is a PUT with the last _rev, a reload keeps it', async ({ page }) => {
  const server = await startCouch(5961);
  try {
    await page.goto('/settings');
    await page.getByRole('combobox', { name: '后端类型', exact: true }).selectOption('couch');
    // The collection path belongs to the JSON API only.
    await expect(page.getByLabel('集合路径', { exact: true })).toBeHidden();
    const url = page.getByRole('textbox', { name: /^数据库地址/ });
    await url.click();

    // Not a CouchDB database: this app's own address answers with a web page.
    await url.pressSequentially(new URL(page.url()).origin + '/plans');
    await page.getByRole('button', { name: '测试连接', exact: true }).click();
    await expect(page.getByTestId('backend-test')).toHaveText(
      '这个地址有响应,但不像 CouchDB 数据库:请填写数据库的完整地址,例如 http://主机:5984/plans。',
    );

    // The server is there, the database is not: said so, and it can be created here.
    await url.press('ControlOrMeta+a');
    await url.pressSequentially(server.db);
    await page.getByRole('button', { name: '测试连接', exact: true }).click();
    await expect(page.getByTestId('backend-test')).toContainText('这个数据库不存在(404)');
    await page.getByRole('button', { name: '创建数据库', exact: true }).click();
    await expect(page.getByTestId('backend-test')).toHaveText('数据库已创建。');
    await page.getByRole('button', { name: '测试连接', exact: true }).click();
    await expect(page.getByTestId('backend-test')).toHaveText('连接成功:CouchDB 数据库中现有 0 个文档。');

    await page.getByRole('button', { name: '保存后端设置', exact: true }).click();
    await expect(page.getByTestId('backend-saved')).toHaveText('后端设置已保存。');
    await expect(syncState(page)).toHaveText('已保存到后端');
    const id = await openId(page);
    const [first] = await couchDocs(server);
    expect(first._id).toBe(id);
    expect(generation(first._rev)).toBe(1);
    expect(first.header.name).toBe(DEMO);
    // The plan is the document itself, never the settings.
    expect(JSON.stringify(first)).not.toContain('127.0.0.1');

    await rename(page, '华东新店开业计划');
    await expect.poll(async () => {
      const doc = await couchDoc(server, id);
      return [doc.header.name, generation(doc._rev)];
    }).toEqual(['华东新店开业计划', 2]);
    await expect(syncState(page)).toHaveText('已保存到后端');

    // A reload reads the settings and the plan back; nothing new is written.
    await page.reload();
    await expect(page.locator('.plan-name')).toHaveText('华东新店开业计划');
    await expect(syncState(page)).toHaveText('已保存到后端');
    await page.goto('/settings');
    await expect(page.getByRole('combobox', { name: '后端类型', exact: true })).toHaveValue('couch');
    await expect(page.getByRole('textbox', { name: /^数据库地址/ })).toHaveValue(server.db);
    expect(generation((await couchDoc(server, id))._rev)).toBe(2);
    expect(await couchDocs(server)).toHaveLength(1);
  } finally {
    await stopCouch(server);
  }
});

/** Browsers A and B on one plan of the database (B opened it from the backend's list). */
const twoBrowsers = async (browser, server) => {
  const a = await browser.newContext();
  const pageA = await a.newPage();
  await configureCouch(pageA, server.db);
  await expect(syncState(pageA)).toHaveText('已保存到后端');
  const id = await openId(pageA);
  const b = await browser.newContext();
  const pageB = await b.newPage();
  await configureCouch(pageB, server.db);
  await pageB.goto('/plans');
  await pageB.getByRole('button', { name: '从后端加载', exact: true }).click();
  await pageB
    .locator(`tr[data-remote-id="${id}"]`)
    .getByRole('button', { name: `打开后端的 ${DEMO}`, exact: true })
    .click();
  await expect.poll(() => openId(pageB)).toBe(id);
  await expect(syncState(pageB)).toHaveText('已保存到后端');
  return { a, b, pageA, pageB, id };
};

test("CouchDB: two browsers see each other's saves without a reload", async ({ browser }) => {
  test.setTimeout(90_000);
  const server = await startCouch(5962);
  try {
    await createDb(server);
    const { a, b, pageA, pageB, id } = await twoBrowsers(browser, server);

    await rename(pageA, 'A 写的名字');
    await expect(syncState(pageA)).toHaveText('已保存到后端');
    // B follows the database's change feed: A's save shows there as it is on the server.
    await expect(pageB.locator('.plan-name')).toHaveText('A 写的名字');
    await expect(syncState(pageB)).toHaveText('已保存到后端');

    await rename(pageB, 'B 又改了名字');
    await expect(syncState(pageB)).toHaveText('已保存到后端');
    await expect(pageA.locator('.plan-name')).toHaveText('B 又改了名字');
    const doc = await couchDoc(server, id);
    expect(doc.header.name).toBe('B 又改了名字');
    expect(generation(doc._rev)).toBe(3);
    // Neither browser took the other's save in as a change of its own.
    await expect(syncState(pageA)).toHaveText('已保存到后端');
    expect(generation((await couchDoc(server, id))._rev)).toBe(3);
    await a.close();
    await b.close();
  } finally {
    await stopCouch(server);
  }
});

/**
 * `loser` edits while offline, `winner` saves meanwhile; back online, the loser's PUT with
 * the old `_rev` gets a 409: the conflict view, nothing overwritten.
 */
const conflict = async ({ loser, loserContext, winner, server, id, mine, theirs }) => {
  // The page's code is fetched while online; offline, only the edit is made.
  await loser.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await expect(loser.getByLabel('计划名称')).toBeVisible();
  await loserContext.setOffline(true);
  await rename(loser, mine);
  await expect(syncState(loser)).toHaveText(/^离线:\d+ 项更改待同步$/);
  await rename(winner, theirs);
  await expect(syncState(winner)).toHaveText('已保存到后端');
  const before = await couchDoc(server, id);
  expect(before.header.name).toBe(theirs);
  await loserContext.setOffline(false);
  await expect(syncState(loser)).toHaveText('冲突:后端的版本已被修改');
  const view = loser.getByTestId('conflict');
  await expect(view.getByRole('heading')).toHaveText('这个计划在后端已被别人修改');
  await expect(view.getByRole('row', { name: /header › name/ }).getByRole('cell')).toHaveText([mine, theirs]);
  // Nothing overwritten while no choice is made.
  const still = await couchDoc(server, id);
  expect([still.header.name, still._rev]).toEqual([theirs, before._rev]);
  return before;
};

test('CouchDB: a conflict in either browser goes to the conflict view and the server keeps the choice', async ({ browser }) => {
  test.setTimeout(120_000);
  const server = await startCouch(5963);
  try {
    await createDb(server);
    const { a, b, pageA, pageB, id } = await twoBrowsers(browser, server);

    // B loses the race, keeps its own version: it replaces A's on the server.
    const first = await conflict({
      loser: pageB, loserContext: b, winner: pageA, server, id, mine: 'B 离线改的', theirs: 'A 先保存的',
    });
    await pageB.getByRole('button', { name: '保留我的版本(覆盖后端)', exact: true }).click();
    await expect(pageB.getByTestId('conflict')).toHaveCount(0);
    await expect(syncState(pageB)).toHaveText('已保存到后端');
    let doc = await couchDoc(server, id);
    expect([doc.header.name, generation(doc._rev)]).toEqual(['B 离线改的', generation(first._rev) + 1]);
    // A had nothing waiting: it takes B's choice in.
    await expect(pageA.locator('.plan-name')).toHaveText('B 离线改的');

    // Now A loses the race and keeps the server's (B's) version.
    const second = await conflict({
      loser: pageA, loserContext: a, winner: pageB, server, id, mine: 'A 离线改的', theirs: 'B 再次保存的',
    });
    await pageA.getByRole('button', { name: '保留后端的版本', exact: true }).click();
    await expect(pageA.getByTestId('conflict')).toHaveCount(0);
    await expect(pageA.getByLabel('计划名称')).toHaveValue('B 再次保存的');
    await expect(syncState(pageA)).toHaveText('已保存到后端');
    doc = await couchDoc(server, id);
    expect([doc.header.name, doc._rev]).toEqual(['B 再次保存的', second._rev]);
    await a.close();
    await b.close();
  } finally {
    await stopCouch(server);
  }
});

test('CouchDB: the server killed during a save loses nothing; the queue drains once it is back', async ({ page }) => {
  test.setTimeout(90_000);
  let server = await startCouch(5964);
  try {
    await createDb(server);
    await configureCouch(page, server.db);
    await expect(syncState(page)).toHaveText('已保存到后端');
    const id = await openId(page);

    // Hold the next PUT of this plan in the browser, kill the server, then let it go.
    let held;
    const arrived = new Promise((resolve) => {
      page.route(`${server.db}/${id}`, (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        held = route;
        resolve();
      });
    });
    await rename(page, '保存途中服务器停了');
    await arrived;
    await expect(syncState(page)).toHaveText('正在保存到后端…');
    await stopCouch(server);
    await held.continue().catch(() => {});
    await page.unroute(`${server.db}/${id}`);
    await expect(syncState(page)).toHaveText(/^离线:\d+ 项更改待同步$/);

    // More edits wait too, and the queue survives a reload.
    await rename(page, '服务器停着时又改了');
    await page.reload();
    await expect(page.getByLabel('计划名称')).toHaveValue('服务器停着时又改了');
    await expect(syncState(page)).toHaveText(/^离线:\d+ 项更改待同步$/);

    // Back on the same data directory: the waiting changes go up in one PUT.
    server = await startCouch(5964, server.dir);
    await expect(syncState(page)).toHaveText('已保存到后端');
    const doc = await couchDoc(server, id);
    expect([doc.header.name, generation(doc._rev)]).toEqual(['服务器停着时又改了', 2]);
  } finally {
    await stopCouch(server);
  }
});
