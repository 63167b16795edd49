// Security: the Content-Security-Policy delivered with the app, hostile text from
// imported files rendered as inert text on every page, and the backend's Authorization
// header kept to that backend.
import { test, expect } from './fixtures.js';
import { test as plain } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { serverPlans, startServer, stopServer, syncState } from './json-server.js';
import { storedPlans } from './helpers.js';

plain('the app ships a strict policy, and an injected inline script is refused', async ({ page }) => {
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) refused.push(m.text()); });
  await page.goto('/scenario');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const scripts = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  // Only hashes of the page's own inline scripts (Trunk's bootstrap, the page preloader).
  expect(scripts).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+$/);
  expect(policy).not.toMatch(/(^|\s)'unsafe-eval'/);
  expect(policy).toContain("object-src 'none'");
  // The app itself runs under it (the wasm compiled, the page rendered).
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // An inline script slipped into the page does not run.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
  });
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
});

const HOSTILE = '<img src=x onerror="window.__xss=1">';
const LINK = 'javascript:window.__xss=2';

test('imported text with markup and script links renders as inert text everywhere', async ({ page }) => {
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出计划' }).click(),
  ]);
  const plan = JSON.parse(await readFile(await download.path(), 'utf8'));
  plan.header.name = `计划${HOSTILE}`;
  plan.funnel.stages[0].name = `扫码${HOSTILE}`;
  plan.tasks[0].monthly_task = LINK;
  plan.risks[0].risk = HOSTILE;
  plan.effectiveness[0].metric = `引流${HOSTILE}`;
  plan.kpi.custom_metrics[0].name = `坪效${HOSTILE}`;
  plan.kpi.channels[0].name = LINK;
  plan.kpi.ab_tests[0].name = HOSTILE;
  await page.getByLabel('导入计划').setInputFiles({
    name: 'plan.omo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)),
  });
  await expect(page.locator('.plan-name')).toHaveText(`计划${HOSTILE}`);
  for (const path of ['/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/plans']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.plan-name')).toHaveText(`计划${HOSTILE}`);
    const found = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      scriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
      xss: window.__xss ?? null,
    }));
    expect(found, path).toEqual({ images: 0, scriptLinks: 0, xss: null });
  }
  // The text itself is there, as typed, in the tables and in the chart's name.
  await page.goto('/channels');
  await expect(page.locator('table[data-table="effectiveness"]').getByRole('textbox', { name: '指标名称 第 1 行' })).toHaveValue(`引流${HOSTILE}`);
  await expect(page.getByRole('textbox', { name: `投入 ${LINK}` })).toHaveValue('¥15,000.00');
  await expect(page.getByRole('rowheader', { name: LINK })).toBeVisible();
  await page.getByTestId('trend-metric').selectOption({ label: `坪效${HOSTILE}` });
  await expect(page.getByTestId('trend-chart')).toHaveAttribute('aria-label', `指标趋势 · 坪效${HOSTILE}`);
  await page.goto('/funnel');
  await expect(page.getByRole('textbox', { name: `转化环节 第 1 行` })).toHaveValue(`扫码${HOSTILE}`);
});

test('the Authorization header goes to the backend only: never logged, never in a plan', async ({ page, context }) => {
  const TOKEN = 'Bearer s3cret-7f1d-token';
  const server = await startServer(4303);
  const sent = [];
  const logged = [];
  context.on('request', (r) => sent.push({ url: r.url(), auth: r.headers().authorization }));
  context.on('console', (m) => logged.push(m.text()));
  try {
    await page.goto('/settings');
    await page.getByLabel('后端地址', { exact: true }).fill(server.url);
    await page.getByLabel('Authorization 请求头(可选)').fill(TOKEN);
    await page.getByRole('button', { name: '保存后端设置', exact: true }).click();
    await expect(syncState(page)).toHaveText('已保存到后端');
    await page.getByRole('button', { name: '测试连接', exact: true }).click();
    await expect(page.getByTestId('backend-test')).toContainText('连接成功');
    // An edit, so a save goes out with it too.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '场景规划' }).click();
    await page.getByLabel('计划名称').fill('带令牌的计划');
    await expect.poll(async () => (await serverPlans(server)).map((p) => p.header.name)).toEqual(['带令牌的计划']);

    // Every request to the backend carried it; no other request did (the app's own files).
    const toBackend = sent.filter((r) => r.url.startsWith(`${server.url}/`));
    expect(toBackend.length).toBeGreaterThan(2);
    expect(toBackend.every((r) => r.auth === TOKEN)).toBe(true);
    const elsewhere = sent.filter((r) => !r.url.startsWith(`${server.url}/`));
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.filter((r) => r.auth !== undefined)).toEqual([]);
    // Never on the console; never in a plan, here or on the backend; kept only in the
    // backend settings of this browser.
    expect(logged.filter((t) => t.includes('s3cret'))).toEqual([]);
    expect(JSON.stringify(await serverPlans(server))).not.toContain('s3cret');
    const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
    expect(Object.keys(stored).filter((k) => stored[k].includes('s3cret'))).toEqual(['omo-planner.backend']);
    const { archived } = await storedPlans(page); // the plans in the browser's database
    expect(JSON.stringify(archived)).not.toContain('s3cret');
  } finally {
    await stopServer(server);
  }
});
