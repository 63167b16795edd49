// Funnel definitions the way analysts write them (issue 25), on 转化漏斗 → 导入事件: the
// step-order modes, per-step windows, exclusion steps, time to convert, channels side by
// side, the warehouse SQL and the import of its result.
import { test, expect } from './fixtures.js';
import { cell } from './helpers.js';

// Six shoppers, each showing one rule (window: the default 7 days):
// u1 completes (its heartbeats come before it starts); u2 pays in the same second as it
// adds to cart (strict_increase stops it at cart); u3 has a heartbeat between view and
// cart (strict_order stops it at view); u4 and u6 add to cart twice (strict_deduplication
// stops them at cart); u5 only views. heartbeat is noise: never a default step.
const LOG = [
  'user_id,timestamp,event,channel',
  'u1,2026-10-15 09:00:00,heartbeat,store',
  'u1,2026-10-15 09:01:00,heartbeat,store',
  'u1,2026-10-15 09:02:00,heartbeat,store',
  'u1,2026-10-15 09:03:00,heartbeat,store',
  'u1,2026-10-15 09:04:00,heartbeat,store',
  'u1,2026-10-15 10:00:00,view,store',
  'u1,2026-10-15 10:05:00,cart,store',
  'u1,2026-10-15 10:10:00,pay,store',
  'u2,2026-10-15 10:00:00,view,store',
  'u2,2026-10-15 10:05:00,pay,store',
  'u2,2026-10-15 10:05:00,cart,store',
  'u3,2026-10-15 11:00:00,view,store',
  'u3,2026-10-15 11:01:00,heartbeat,store',
  'u3,2026-10-15 11:02:00,cart,store',
  'u3,2026-10-15 11:04:00,pay,store',
  'u4,2026-10-15 12:00:00,view,online',
  'u4,2026-10-15 12:05:00,cart,online',
  'u4,2026-10-15 12:06:00,cart,online',
  'u4,2026-10-15 12:10:00,pay,online',
  'u5,2026-10-15 13:00:00,view,online',
  'u5,2026-10-15 13:30:00,heartbeat,online',
  'u5,2026-10-15 13:31:00,heartbeat,online',
  'u5,2026-10-15 13:32:00,heartbeat,online',
  'u5,2026-10-15 13:33:00,heartbeat,online',
  'u5,2026-10-15 13:34:00,heartbeat,online',
  'u6,2026-10-15 14:00:00,view,online',
  'u6,2026-10-15 14:01:00,cart,online',
  'u6,2026-10-15 14:02:00,cart,online',
  'u6,2026-10-15 14:30:00,pay,online',
].join('\n');

test.beforeEach(async ({ page }) => {
  await page.goto('/funnel');
  await expect(page.locator('table[data-table="funnel"]')).toBeVisible();
  await page.getByLabel('选择事件日志(CSV)').setInputFiles({
    name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(LOG),
  });
  await expect(page.getByTestId('import-summary')).toContainText('6 位用户');
});

test('each step-order mode counts as ClickHouse windowFunnel does, explained in words', async ({ page }) => {
  // Defaults: the frequent events in journey order, never the heartbeat.
  for (const [i, name] of ['view', 'cart', 'pay'].entries()) {
    await expect(page.getByLabel(`步骤 ${i + 1}`)).toHaveValue(name);
  }
  await expect(page.getByLabel('步骤 4')).toHaveCount(0);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');
  const mode = (name) => page.getByRole('radio', { name });
  await expect(mode(/^默认/)).toBeChecked();
  await expect(page.getByText('同一秒发生的步骤算作按顺序')).toBeVisible();

  await mode(/strict_increase/).check();
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 4');
  await mode(/strict_order/).check();
  await expect(preview).toHaveText('每一步的人数:6 → 4 → 4');
  await expect(mode(/strict_order/)).toHaveAccessibleName(/中间夹杂任何其他事件/);
  await mode(/strict_deduplication/).check();
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 3');
  await mode(/^默认/).check();
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');

  // The channels side by side: store u1–u3, online u4–u6.
  const channels = page.getByTestId('funnel-channels');
  await expect(channels.locator('tbody tr')).toHaveCount(2);
  await expect(channels.locator('tbody tr').nth(0).locator('th, td')).toHaveText(['store', '3', '3', '3', '100%']);
  await expect(channels.locator('tbody tr').nth(1).locator('th, td')).toHaveText(['online', '3', '2', '2', '66.67%']);
});

test('a window per step, typed key by key, and an exclusion step change the counts', async ({ page }) => {
  const preview = page.getByTestId('import-preview');
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');
  // Presets set the length and unit.
  await page.getByRole('button', { name: '1 小时' }).click();
  await expect(page.getByLabel('窗口长度')).toHaveValue('1');
  await expect(page.getByLabel('窗口单位')).toHaveValue('3600');
  // A two-hour window in minutes, typed.
  await page.getByLabel('窗口单位').selectOption({ label: '分钟' });
  const length = page.getByLabel('窗口长度');
  await length.press('Control+a');
  await length.pressSequentially('120');
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');

  // pay at most 4 minutes after cart: u1 (5 min) and u6 (28 min) drop, u4 pays 4 minutes
  // after its second cart (the edge counts).
  const payWindow = page.getByLabel('第 3 步距上一步最长');
  await payWindow.pressSequentially('4');
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 3');
  await payWindow.pressSequentially('0');
  await expect(payWindow).toHaveValue('40');
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');

  // Time to convert: view → cart 2, 2, 5, 5, 6 minutes; cart → pay 0, 2, 4, 5, 28.
  await expect(page.getByTestId('funnel-time').locator('tbody tr').nth(0).locator('th, td'))
    .toHaveText(['view → cart', '5', '5 分钟', '5.6 分钟']);
  await expect(page.getByTestId('funnel-slowest')).toHaveText('最慢的一步:cart(中位数 5 分钟)。');

  // Exclude the heartbeat between view and pay: u3 (between its steps) and u5 (within
  // the window after its view) leave the whole funnel; u1's came before it started.
  await page.getByRole('button', { name: '添加排除步骤' }).click();
  await expect(page.getByLabel('排除事件')).toHaveValue('heartbeat');
  await expect(preview).toHaveText('每一步的人数:4 → 4 → 4');
  await expect(page.getByTestId('import-excluded')).toHaveText('已排除 2 位用户。');
  await expect(page.getByText('PostHog 的规则')).toBeVisible();
  // After cart instead: u3's heartbeat came before its cart, u5 never reached cart.
  await page.getByLabel('在步骤之后').selectOption({ label: '2. cart' });
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');
  await expect(page.getByTestId('import-excluded')).toHaveText('');
  await page.getByLabel('在步骤之后').selectOption({ label: '1. view' });
  await expect(preview).toHaveText('每一步的人数:4 → 4 → 4');
  await page.getByRole('button', { name: '删除这条排除' }).click();
  await expect(page.getByLabel('排除事件')).toHaveCount(0);
  await expect(preview).toHaveText('每一步的人数:6 → 5 → 5');
});

test('the funnel as ClickHouse and DuckDB SQL, and their result read back into the table', async ({ page }) => {
  const clickhouse = page.getByTestId('sql-clickhouse');
  await expect(clickhouse).toContainText("windowFunnel(604800)(toDateTime(e.`event_time`),");
  await expect(clickhouse).toContainText("e.`event` = 'view'");
  await page.getByRole('radio', { name: /strict_order/ }).check();
  await expect(clickhouse).toContainText("windowFunnel(604800, 'strict_order')");
  // The merchant's own names, typed.
  const table = page.getByLabel('表名');
  await table.press('Control+a');
  await table.pressSequentially('dw.app_events');
  await expect(clickhouse).toContainText('FROM `dw`.`app_events` AS e');
  const duckdb = page.getByTestId('sql-duckdb');
  await expect(duckdb).toContainText('FROM "dw"."app_events" AS e');
  await page.getByLabel('第 2 步距上一步最长').pressSequentially('3');
  await expect(duckdb).toContainText('s.t - w.l1 <= 259200');
  await expect(page.getByText('windowFunnel 没有每步窗口和排除步骤的参数')).toBeVisible();

  // The query's result: a bad row is listed, the rest become step counts.
  await page.getByTestId('sql-result-file').setInputFiles({
    name: 'result.csv', mimeType: 'text/csv',
    buffer: Buffer.from('start_channel,level,users\n,1,10\n,2,5\n,3,2\nstore,3,2\n,x,1\n'),
  });
  const result = page.getByTestId('sql-result');
  await expect(result.locator('tbody tr').nth(0)).toHaveText('全部渠道17 → 7 → 2');
  await expect(result.locator('tbody tr').nth(1)).toHaveText('store2 → 2 → 2');
  await expect(result.locator('table').nth(1).locator('tbody tr td')).toHaveText(['6', ',x,1', /level 不是/]);
  await page.getByRole('button', { name: '把全部用户的人数填入漏斗表' }).click();
  await expect(cell(page, '触达人数', '门店扫码关注')).toHaveValue('17');
  await expect(cell(page, '转化人数', '门店扫码关注')).toHaveValue('7');
});

test('a log too large for the browser: the SQL is written without reading a file', async ({ page }) => {
  await page.getByRole('button', { name: /不读取文件,直接生成数据仓库 SQL/ }).click();
  await expect(page.getByTestId('import-summary')).toHaveCount(0);
  // The steps are the funnel table's stage names.
  await expect(page.getByLabel('步骤 1')).toHaveValue('门店扫码关注');
  await expect(page.getByLabel('步骤 4')).toHaveValue('到店消费');
  await expect(page.getByTestId('import-preview')).toHaveText('没有读取文件:在数据仓库中运行下方的 SQL,再导入它的结果。');
  await page.getByRole('button', { name: '24 小时' }).click();
  const clickhouse = page.getByTestId('sql-clickhouse');
  await expect(clickhouse).toContainText('windowFunnel(86400)(');
  await expect(clickhouse).toContainText("e.`event` = '门店扫码关注'");
  await expect(clickhouse).toContainText("e.`event` = '到店消费'");
  await expect(page.getByTestId('funnel-time')).toHaveCount(0);
});

test('a chosen log over 256 MB is not read: the warehouse SQL is offered, and a button reads it anyway', async ({ page }) => {
  // A 300 MB file, made in the page (a real file of that size would only slow the test).
  await page.getByLabel('选择事件日志(CSV)').evaluate((input) => {
    const megabyte = new Uint8Array(1024 * 1024);
    const file = new File(Array(300).fill(megabyte), 'all-events.csv', { type: 'text/csv' });
    const chosen = new DataTransfer();
    chosen.items.add(file);
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByTestId('event-log-too-large')).toContainText('这个文件有 300 MB(约五百万条事件以上)');
  // The small log read before is gone; the steps are the funnel table's stage names.
  await expect(page.getByTestId('import-summary')).toHaveCount(0);
  await expect(page.getByLabel('步骤 1')).toHaveValue('门店扫码关注');
  await expect(page.getByTestId('sql-clickhouse')).toContainText("e.`event` = '门店扫码关注'");
  // The merchant may still read it here (the same read as any file; not clicked, since
  // reading 300 MB would hold the page longer than the test).
  await expect(page.getByRole('button', { name: '仍在浏览器中读取' })).toBeEnabled();
});
