// Navigation: every page is a real URL that can be bookmarked and reloaded.
import { test, expect } from './fixtures.js';

const pages = [
  ['/scenario', '场景规划', '线上线下联动场景规划'],
  ['/tasks', '任务拆解', '分阶段执行任务拆解表'],
  ['/funnel', '转化漏斗', '客户行为转化漏斗分析表'],
  ['/channels', '渠道分析', '渠道与KPI分析'],
  ['/toolkits', '行业工具', '行业定制化落地工具包'],
  ['/settings', '设置', '设置'],
];

for (const [path, nav, heading] of pages) {
  test(`${path} opens from the navigation and reloads`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: nav }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: nav })).toHaveAttribute('aria-current', 'page');
  });
}

test('an unknown address says so and leads back', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面。');
});

test('the campaign header is edited on the scenario page and shown in the top bar', async ({ page }) => {
  await page.goto('/scenario');
  const name = page.getByLabel('计划名称');
  await name.fill('华东新店开业计划');
  await expect(page.locator('.plan-name')).toHaveText('华东新店开业计划');
  await expect(page.getByTestId('save-state')).toHaveText('已保存在本机');
  await page.reload();
  await expect(page.getByLabel('计划名称')).toHaveValue('华东新店开业计划');
});

test.describe('on a phone (375 x 812)', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  for (const [path, nav] of pages) {
    test(`${path} has no page-wide horizontal scroll and a thumb-reachable tab bar`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
      // The screenshot is the same width as the screen: nothing sticks out to the right.
      const shot = await page.screenshot({ path: test.info().outputPath(`phone${path.replace('/', '-')}.png`), fullPage: true });
      expect(shot.readUInt32BE(16)).toBe(375); // PNG header: width
      // Tables scroll inside their own region, with the row label column pinned.
      for (const region of await page.locator('.table-scroll').all()) {
        const box = await region.boundingBox();
        expect(box.x + box.width).toBeLessThanOrEqual(375);
      }
      // Number cells bring up the numeric keypad; touch targets are at least 44 px. Read
      // in one pass: the channel page has several hundred inputs.
      const inputs = await page.evaluate(() => ({
        withoutKeypad: [...document.querySelectorAll('table.grid td.num input')]
          .filter((i) => !/numeric|decimal/.test(i.getAttribute('inputmode') ?? '')).length,
        tooSmall: [...document.querySelectorAll('table.grid input, .btn, .icon-btn')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.height > 0 && r.height < 44).length,
        numeric: document.querySelectorAll('table.grid td.num input').length,
      }));
      expect(inputs.withoutKeypad).toBe(0);
      expect(inputs.tooSmall).toBe(0);
      const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: nav });
      const box = await tab.boundingBox();
      expect(box.y + box.height).toBeGreaterThan(812 - 80); // at the bottom of the screen
      expect(box.height).toBeGreaterThanOrEqual(44);
    });
  }
});

test('a stored plan that cannot be read is kept aside and explained, and the demo opens', async ({ page }) => {
  await page.goto('/funnel');
  await page.evaluate(() => {
    localStorage.setItem('omo-planner.plan', '{"schema_version": 99, "header": {}}');
  });
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('由更新版本的应用保存(数据版本 99)');
  await expect(page.getByTestId('overall-conversion')).toHaveText('3.24%');
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('omo-planner.plan.unreadable.')).map((k) => localStorage.getItem(k)));
  expect(kept).toEqual(['{"schema_version": 99, "header": {}}']);

  await page.evaluate(() => localStorage.setItem('omo-planner.plan', '{not json'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('内容不是本应用的计划数据');

  await page.evaluate(() => localStorage.setItem('omo-planner.plan', '{"schema_version": 2, "header": 5}'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('数据已损坏或不完整');
});
