// Share a plan by link (issue 28): the open plan compressed and encrypted into
// /share#<version>.<iv|ciphertext>.<key>; opened read-only in another browser with
// "save a copy"; a changed or cut link says so and changes nothing; a plan too large for
// a chat message is refused with the export suggestion; the static host never receives
// the fragment.
import { test, expect, watchPolicy } from './fixtures.js';
import { cell, pasteText, saved, storedPlans } from './helpers.js';
import { serve } from '../serve.mjs';
import { fileURLToPath } from 'node:url';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const LIMIT = 40_000;
const LINK = /^http:\/\/127\.0\.0\.1:\d+\/share#1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;
const nav = (page, name) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });
const shareButton = (page) => page.getByRole('button', { name: '复制分享链接', exact: true });
const banner = (page) => page.getByRole('region', { name: '分享的计划' });
const dist = process.env.E2E_DIST ?? fileURLToPath(new URL('../../../dist', import.meta.url));

/** Copies the open plan's share link from 我的计划 and reads it from the clipboard. */
const copyLink = async (page, tap) => {
  await (tap ? nav(page, '我的计划').tap() : nav(page, '我的计划').click());
  await (tap ? shareButton(page).tap() : shareButton(page).click());
  await expect(page.getByRole('status').filter({ hasText: '分享链接已复制' })).toBeVisible({ timeout: 20_000 });
  return page.evaluate(() => navigator.clipboard.readText());
};

test.describe('on a phone', () => {
  test.use(phone);

  test('a typed change travels by link: read-only in a new browser until a copy is saved; the host never sees the fragment', async ({ page, context, browser }) => {
    test.setTimeout(90_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/funnel');
    const count = cell(page, '转化人数', '到店消费');
    await count.tap();
    await count.selectText();
    await count.pressSequentially('321');
    await count.press('Enter');
    await expect(count).toHaveValue('321');
    const overall = await page.getByTestId('overall-conversion').textContent();
    expect(overall).not.toBe('3.24%');
    await saved(page);

    const link = await copyLink(page, true);
    const [, payload, key] = link.match(LINK) ?? [];
    expect(payload, `a share link: ${link.slice(0, 80)}`).toBeTruthy();
    // The demo plan, with its 24 months of channel history, fits the limit.
    expect(link.length).toBeLessThanOrEqual(LIMIT);
    console.log(`demo plan share link: ${link.length} characters`);

    // Another browser (no stored plans), through a host that logs what it receives.
    const requests = [];
    const host = await serve(dist, 0, { quiet: true, onRequest: (method, target) => requests.push(`${method} ${target}`) });
    const origin = `http://127.0.0.1:${host.address().port}`;
    const other = await browser.newContext(phone);
    const problems = watchPolicy(other);
    try {
      const page2 = await other.newPage();
      await page2.goto(origin + link.slice(link.indexOf('/share')));
      await expect(banner(page2)).toContainText('只读的分享计划');
      await expect(page2).toHaveURL(`${origin}/`); // the key is gone from the address
      await nav(page2, '转化漏斗').tap();
      const shared = cell(page2, '转化人数', '到店消费');
      await expect(shared).toHaveValue('321');
      await expect(page2.getByTestId('overall-conversion')).toHaveText(overall);
      // Read-only: typing does not change it, and says why.
      await shared.tap();
      await shared.selectText();
      await shared.pressSequentially('9');
      await shared.press('Enter');
      await expect(banner(page2).getByRole('alert')).toHaveText('这是只读的分享计划,修改未生效。请先保存副本。');
      await expect(shared).toHaveValue('321');
      await expect(page2.getByTestId('overall-conversion')).toHaveText(overall);
      // Nothing of it was written to this browser's plans.
      const stored = async () => {
        const { working, archived } = await storedPlans(page2);
        return [...Object.values(working), ...Object.values(archived)];
      };
      expect((await stored()).some((doc) => doc.includes('"converted":321,'))).toBe(false);

      // Save a copy: a new plan of the list, opened and editable.
      await banner(page2).getByRole('button', { name: '保存副本到我的计划' }).tap();
      await expect(page2.getByRole('status').filter({ hasText: '已保存为' })).toBeVisible();
      await expect(banner(page2)).toHaveCount(0);
      await expect(shared).toHaveValue('321');
      await shared.tap();
      await shared.selectText();
      await shared.pressSequentially('400');
      await shared.press('Enter');
      await expect(shared).toHaveValue('400');
      await saved(page2);
      await nav(page2, '我的计划').tap();
      await expect(page2.locator('table.plan-list tbody tr')).toHaveCount(2);
      await expect(page2.locator('table.plan-list tbody tr.current')).toHaveCount(1);
      expect((await stored()).some((doc) => doc.includes('"converted":400,'))).toBe(true);
    } finally {
      await other.close();
      await new Promise((done) => host.close(done));
    }
    expect(problems).toEqual([]);
    // The host saw /share and the app's files, never the fragment's payload or key.
    expect(requests.some((r) => r.startsWith('GET /share'))).toBe(true);
    const leaked = requests.filter((r) => r.includes('#') || r.includes(key) || r.includes(payload.slice(0, 24)) || r.includes(payload.slice(-24)));
    expect(leaked).toEqual([]);
  });
});

test('a changed or cut link says so and changes nothing; without a clipboard the link is shown to copy', async ({ page, context }) => {
  test.setTimeout(60_000);
  // A browser (webview) without the clipboard API.
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto('/plans');
  await shareButton(page).click();
  const field = page.getByRole('textbox', { name: '分享链接', exact: true });
  await expect(page.getByRole('status').filter({ hasText: '浏览器不允许写入剪贴板' })).toBeVisible({ timeout: 20_000 });
  const link = await field.inputValue();
  const [, payload] = link.match(LINK) ?? [];
  expect(payload).toBeTruthy();
  const listBefore = await page.evaluate(() => localStorage.getItem('omo-planner.plans'));
  const open = async (url) => {
    await page.goto('about:blank');
    await page.goto(url);
  };

  // One character of the encrypted payload changed: AES-GCM's check fails.
  const at = link.indexOf('#1.') + 3 + Math.floor(payload.length / 2);
  const changed = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  await open(changed);
  await expect(page.getByRole('alert')).toHaveText('链接已被改动或截断:解密校验(AES-GCM)失败,内容不可信。没有任何改动。');
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('.plan-name')).toHaveText('线上线下联动拓展示范计划');

  // Cut short, as a chat app might.
  await open(link.slice(0, link.length - 30));
  await expect(page.getByRole('alert')).toHaveText('链接格式不对或不完整(可能被截断或改动)。没有任何改动。');
  await open(link.slice(0, link.indexOf('#') + 1));
  await expect(page.getByRole('alert')).toContainText('链接不完整');
  await expect(banner(page)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('omo-planner.plans'))).toBe(listBefore);

  // The untouched link still opens.
  await open(link);
  await expect(banner(page)).toContainText('只读的分享计划');
});

test('a plan too large for a chat message is refused with the export suggestion, and nothing is copied', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/tasks');
  await cell(page, '月度任务', '第 1 行').click();
  await page.keyboard.press('Escape');
  // Thousands of tasks with text that does not compress away.
  let seed = 7;
  const word = () => ((seed = (seed * 48271) % 2147483647).toString(36));
  const lines = Array.from({ length: 3000 }, (_, i) => `任务${i + 1}${word()}\t增长期\t${word()}${word()}\t${word()}\t每月底\t${word()}${word()}`);
  await pasteText(page, lines.join('\n'));
  await expect(page.locator('table[data-table="tasks"]')).toHaveAttribute('aria-rowcount', '3001');
  await saved(page);
  await page.evaluate(() => navigator.clipboard.writeText('剪贴板原有内容'));
  await nav(page, '我的计划').click();
  await shareButton(page).click();
  const refusal = page.getByRole('alert').filter({ hasText: '计划太大' });
  await expect(refusal).toContainText(`超过聊天软件能完整发送的 ${LIMIT} 个字符;未复制任何内容。请用“导出计划”把计划存为文件再发送。`, { timeout: 30_000 });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('剪贴板原有内容');
});
