// The optional JSON backend against a real json-server 0.17 (started per test on its own
// port; the app on the e2e port calls it cross-origin, json-server allows CORS): saving
// and loading with revisions, conflicts between two browsers, the offline queue, and
// every "Test connection" failure told in plain words.
import { test, expect } from './fixtures.js';
import AxeBuilder from '@axe-core/playwright';
import { saved } from './helpers.js';
import { configure, serverPlans, startServer, stopServer, syncState } from './json-server.js';

const DEMO = '线上线下联动拓展示范计划';

/** axe on part of the page: no serious or critical violation. */
const accessible = async (page, selector) => {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target})`);
  expect(serious).toEqual([]);
};

const rename = async (page, name) => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await page.getByLabel('计划名称').fill(name);
  await saved(page);
};

/** Opens the backend's plan `name` from the plan list (the row of plan `id`, if given). */
const openFromBackend = async (page, name, id) => {
  await page.goto('/plans');
  await page.getByRole('button', { name: '从后端加载', exact: true }).click();
  const scope = id ? page.locator(`tr[data-remote-id="${id}"]`) : page;
  await scope.getByRole('button', { name: `打开后端的 ${name}`, exact: true }).click();
  await expect(page.locator('.plan-name')).toHaveText(name);
};

/** The id of the plan open in `page`. */
const openId = (page) => page.evaluate(() => localStorage.getItem('omo-planner.current'));

test('saved to the backend with a revision, loaded again on reload and in another browser', async ({ page, browser }) => {
  const server = await startServer(4292);
  try {
    // Off by default: no sync state at all.
    await page.goto('/scenario');
    await expect(page.locator('.plan-name')).toHaveText(DEMO);
    await expect(syncState(page)).toHaveCount(0);

    await configure(page, server.url);
    await expect(syncState(page)).toHaveText('已保存到后端');
    const [first] = await serverPlans(server);
    expect(first.revision).toBe(1);
    expect(first.header.name).toBe(DEMO);
    // The settings are not part of the plan.
    expect(JSON.stringify(first)).not.toContain('127.0.0.1');

    await rename(page, '华东新店开业计划');
    await expect.poll(async () => (await serverPlans(server)).map((p) => [p.header.name, p.revision])).toEqual([['华东新店开业计划', 2]]);
    await expect(syncState(page)).toHaveText('已保存到后端');

    // Someone else saves revision 3; a reload here takes it (nothing was waiting locally).
    const theirs = { ...first, revision: 3, header: { ...first.header, name: '服务器上的新名字' } };
    const put = await fetch(`${server.url}/plans/${first.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(theirs),
    });
    expect(put.ok).toBe(true);
    await page.reload();
    await expect(page.locator('.plan-name')).toHaveText('服务器上的新名字');
    await expect(syncState(page)).toHaveText('已保存到后端');
    expect((await serverPlans(server)).map((p) => p.revision)).toEqual([3]);

    // A second browser opens the same plan from the backend.
    const other = await browser.newContext();
    const second = await other.newPage();
    await configure(second, server.url);
    await openFromBackend(second, '服务器上的新名字');
    await accessible(second, '.remote-plans');
    await second.reload();
    await expect(second.locator('.plan-name')).toHaveText('服务器上的新名字');
    await other.close();
  } finally {
    await stopServer(server);
  }
});

/** Two browsers on the same plan at revision 2 (A's edit); B's edit then conflicts. */
const conflictSetup = async (browser, server) => {
  const a = await browser.newContext();
  const pageA = await a.newPage();
  await configure(pageA, server.url);
  await expect(syncState(pageA)).toHaveText('已保存到后端');
  const id = await openId(pageA);
  const b = await browser.newContext();
  const pageB = await b.newPage();
  await configure(pageB, server.url);
  await openFromBackend(pageB, DEMO, id);
  // Both plans are named DEMO: wait for the id, not the name.
  await expect.poll(() => openId(pageB)).toBe(id);
  await expect(syncState(pageB)).toHaveText('已保存到后端');

  await rename(pageA, 'A 改的名字');
  await expect.poll(async () => (await serverPlans(server)).find((p) => p.id === id).revision).toBe(2);
  await rename(pageB, 'B 改的名字');
  await expect(syncState(pageB)).toHaveText('冲突:后端的版本已被修改');
  const conflict = pageB.getByTestId('conflict');
  await expect(conflict.getByRole('heading')).toHaveText('这个计划在后端已被别人修改');
  await expect(conflict.getByRole('columnheader')).toHaveText(['位置', '我的版本', '后端的版本']);
  await expect(conflict.getByRole('row', { name: /header › name/ }).getByRole('cell')).toHaveText(['B 改的名字', 'A 改的名字']);
  // Nothing overwritten while B has not chosen.
  const onServer = (await serverPlans(server)).find((p) => p.id === id);
  expect([onServer.header.name, onServer.revision]).toEqual(['A 改的名字', 2]);
  return { a, b, pageA, pageB, id };
};

test('a conflict between two browsers: keep mine overwrites only when chosen', async ({ browser }) => {
  const server = await startServer(4293);
  try {
    test.setTimeout(60_000);
    const { a, b, pageB, id } = await conflictSetup(browser, server);
    await accessible(pageB, '[data-testid="conflict"]');
    await pageB.getByRole('button', { name: '保留我的版本(覆盖后端)', exact: true }).click();
    await expect(pageB.getByTestId('conflict')).toHaveCount(0);
    await expect(syncState(pageB)).toHaveText('已保存到后端');
    const onServer = (await serverPlans(server)).find((p) => p.id === id);
    expect([onServer.header.name, onServer.revision]).toEqual(['B 改的名字', 3]);
    await a.close();
    await b.close();
  } finally {
    await stopServer(server);
  }
});

test('a conflict: keep theirs, or save mine as a new plan', async ({ browser }) => {
  const server = await startServer(4294);
  try {
    const first = await conflictSetup(browser, server);
    await first.pageB.getByRole('button', { name: '保留后端的版本', exact: true }).click();
    await expect(first.pageB.getByTestId('conflict')).toHaveCount(0);
    await expect(first.pageB.getByLabel('计划名称')).toHaveValue('A 改的名字');
    await expect(syncState(first.pageB)).toHaveText('已保存到后端');
    let onServer = (await serverPlans(server)).find((p) => p.id === first.id);
    expect([onServer.header.name, onServer.revision]).toEqual(['A 改的名字', 2]);
    await first.a.close();
    await first.b.close();

    // Again, from a fresh pair of browsers; this time mine becomes a new plan.
    const second = await conflictSetup(browser, server);
    await second.pageB.getByRole('button', { name: '把我的版本另存为新计划', exact: true }).click();
    await expect(second.pageB.getByTestId('conflict')).toHaveCount(0);
    await expect(second.pageB.getByLabel('计划名称')).toHaveValue('A 改的名字');
    await expect(syncState(second.pageB)).toHaveText('已保存到后端');
    await expect
      .poll(async () => (await serverPlans(server)).filter((p) => p.header.name === 'B 改的名字 副本').map((p) => p.revision))
      .toEqual([1]);
    onServer = (await serverPlans(server)).find((p) => p.id === second.id);
    expect([onServer.header.name, onServer.revision]).toEqual(['A 改的名字', 2]);
    await second.a.close();
    await second.b.close();
  } finally {
    await stopServer(server);
  }
});

test('backend stopped: offline with changes waiting, kept over a reload, synced when it is back', async ({ page }) => {
  let server = await startServer(4295);
  try {
    await configure(page, server.url);
    await expect(syncState(page)).toHaveText('已保存到后端');
    await stopServer(server);

    await rename(page, '离线时改的名字');
    await expect(syncState(page)).toHaveText('离线:1 项更改待同步');
    await rename(page, '离线时又改了一次');
    await expect(syncState(page)).toHaveText('离线:2 项更改待同步');

    // A reload keeps both the edits and the pending upload.
    await page.reload();
    await expect(page.getByLabel('计划名称')).toHaveValue('离线时又改了一次');
    await expect(syncState(page)).toHaveText('离线:2 项更改待同步');

    server = await startServer(4295, server.db);
    await expect(syncState(page)).toHaveText('已保存到后端');
    const [plan] = await serverPlans(server);
    expect([plan.header.name, plan.revision]).toEqual(['离线时又改了一次', 2]);
  } finally {
    await stopServer(server);
  }
});

test('test connection explains each failure in plain words', async ({ page }) => {
  const server = await startServer(4296);
  try {
    // A short timeout for this test (not in the UI), set before the app starts.
    await page.addInitScript(() => {
      if (!localStorage.getItem('omo-planner.backend')) {
        localStorage.setItem('omo-planner.backend', JSON.stringify({ base_url: '', timeout_ms: 1500 }));
      }
    });
    await page.goto('/settings');
    const url = page.getByLabel('后端地址', { exact: true });
    const result = page.getByTestId('backend-test');
    const testWith = async (address) => {
      await url.fill(address);
      await page.getByRole('button', { name: '测试连接', exact: true }).click();
    };

    await accessible(page, '.backend-settings');
    await testWith('not a url');
    await expect(result).toHaveText('后端地址必须是以 http:// 或 https:// 开头的完整地址。');

    await testWith(server.url);
    await expect(result).toHaveText('连接成功:后端现有 0 个计划。');

    await testWith('http://127.0.0.1:4297');
    await expect(result).toHaveText('连不上后端:地址可能有误,服务器没有运行,或网络不通。');

    // A fake backend on 4298, answering as each case needs.
    const fake = 'http://127.0.0.1:4298';
    let answer = null;
    await page.route(`${fake}/**`, (route) => (answer ? route.fulfill(answer) : undefined));
    const cors = { 'Access-Control-Allow-Origin': '*' };
    const cases = [
      // Allowed for another origin only (Playwright would add a matching one if none were given).
      [{ status: 200, headers: { 'Access-Control-Allow-Origin': 'https://elsewhere.example' }, contentType: 'application/json', body: '[]' }, '服务器有响应,但拒绝了来自本页面的跨域请求(CORS)。请让后端允许本页面的来源。'],
      [{ status: 401, headers: cors, body: '' }, '后端拒绝访问(状态码 401):Authorization 请求头缺失或不正确。'],
      [{ status: 403, headers: cors, body: '' }, '后端拒绝访问(状态码 403):Authorization 请求头缺失或不正确。'],
      [{ status: 404, headers: cors, body: '' }, '后端返回 404(找不到):请检查后端地址和集合路径。'],
      [{ status: 500, headers: cors, body: '' }, '后端内部出错(状态码 500),请稍后再试或联系后端的管理员。'],
      [{ status: 200, headers: cors, contentType: 'text/html', body: '<html>hi</html>' }, '后端返回的内容不是 JSON:这个地址可能不是 JSON 后端。'],
      [{ status: 200, headers: cors, contentType: 'application/json', body: '{"plans":[]}' }, '后端返回的 JSON 格式不对:计划列表应是一个对象数组。'],
    ];
    for (const [reply, message] of cases) {
      answer = reply;
      await testWith(fake);
      await expect(result).toHaveText(message);
    }
    // No answer at all: the request is aborted after the timeout.
    answer = null;
    await testWith(fake);
    await expect(result).toHaveText('后端在规定时间内没有响应(超时)。');

    // The same words in English.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    answer = { status: 503, headers: cors, body: '' };
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(result).toHaveText('The backend had an internal error (status 503); try later or ask its administrator.');
  } finally {
    await stopServer(server);
  }
});
