// Lazily loaded pages (README "Size"): the first load fetches no page module; a page's
// modules arrive on its first visit, or with the main module when the address opens that
// page (in one start pack, with the plan reader's or the demo plan's); a failed fetch is a message with a retry button on
// that page, while the shell and the plan (with an edit just made) stay as they were.
import { test, expect } from './fixtures.js';
import { cell, saved, splitFile as pageModule, modulesOf, moduleRequest } from './helpers.js';

test('the landing page loads no page module; the tasks page fetches its own on first visit, in one navigation pack', async ({ page }) => {
  // A returning merchant: the plan is stored (a first visit fetches the demo plan's
  // module, see lean.spec.js), read by the plan reader's module, the only one it fetches.
  await page.goto('/');
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await saved(page);
  const fetched = [];
  page.on('request', (r) => pageModule.test(r.url()) && fetched.push(r.url()));
  await page.reload();
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  expect(fetched.flatMap(modulesOf)).toEqual(['plan_reader']);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '任务拆解' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分阶段执行任务拆解表');
  // Its forty-odd files in one navigation pack.
  expect(fetched.filter((url) => moduleRequest('tasks').test(url)).flatMap(modulesOf)).toEqual(['tasks']);
  expect(fetched.filter((url) => /\/nav_tasks-[0-9a-f]+\.bin$/.test(url))).toHaveLength(1);

  // Back and forth: the modules are instantiated once and not fetched again.
  const afterFirstVisit = fetched.length;
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '概览' }).click();
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '任务拆解' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分阶段执行任务拆解表');
  expect(fetched.length).toBe(afterFirstVisit);

  // The scenario planner is a lazily loaded page too.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await expect(cell(page, '核心目标', '新客引流')).toHaveValue('3个月新增私域用户1万人');
  expect(fetched.some((url) => moduleRequest('scenario').test(url))).toBe(true);
});

test('an address of a lazy page preloads its modules with the main module, in one start pack, each fetched once', async ({ page }) => {
  // A returning merchant (a first visit also fetches the demo plan's module).
  await page.goto('/');
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await saved(page);
  const fetched = [];
  page.on('request', (r) => pageModule.test(r.url()) && fetched.push(r.url()));
  await page.goto('/channels');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('渠道与KPI分析');
  const preloaded = (await page.$$eval('link[rel=preload][as=fetch]', (links) => links.map((l) => l.href))).filter((url) =>
    pageModule.test(url),
  );
  // One file: the channels page's modules and the plan reader's (the plan is stored).
  expect(preloaded).toHaveLength(1);
  expect(preloaded[0]).toMatch(moduleRequest('channels'));
  expect(modulesOf(preloaded[0])).toEqual(['channels', 'plan_reader']);
  // Nothing in it is fetched again, on its own.
  expect(fetched).toEqual(preloaded);
});

test('a start pack that cannot be fetched: the address still opens, its modules fetched one by one', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => pageModule.test(r.url()) && fetched.push(r.url()));
  await page.route(/\/pack_[^/]*\.bin$/, (route) => route.abort('connectionreset'));
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分阶段执行任务拆解表');
  await expect(cell(page, '状态', '线下引流物料设计')).toBeEditable();
  expect(fetched.filter((u) => /\/pack_/.test(u)).flatMap(modulesOf)).toEqual(['tasks', 'demo']);
  expect(fetched.some((u) => /\/split_tasks-[0-9a-f]+\.wasm$/.test(u))).toBe(true);
  expect(fetched.some((u) => /\/split_demo-[0-9a-f]+\.wasm$/.test(u))).toBe(true);
});

test('an unknown address that names a property of a plain object preloads nothing and says not found', async ({ page }) => {
  await page.goto('/constructor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面。');
  expect(await page.locator('link[rel=preload][as=fetch][href$=".wasm"]').count()).toBe(1); // the main module
});

test('a page whose modules cannot be fetched says so, keeps the edits, and opens on retry', async ({ page }) => {
  await page.goto('/scenario');
  await cell(page, '核心目标', '新客引流').fill('离线前的修改');
  await saved(page);

  // The network drops: every page module request fails.
  await page.route(pageModule, (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '渠道分析' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '这个页面没能打开' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);

  // The app is alive: a page already fetched opens again, the edit is there.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
  await expect(cell(page, '核心目标', '新客引流')).toHaveValue('离线前的修改');

  // The network is back: retry opens the page.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '渠道分析' }).click();
  await expect(alert).toBeVisible();
  await page.unroute(pageModule);
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('渠道与KPI分析');
  await expect(alert).toHaveCount(0);
});
