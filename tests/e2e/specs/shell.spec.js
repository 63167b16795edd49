// Navigation: every page is a real URL that can be bookmarked and reloaded.
import { test, expect } from '@playwright/test';

const pages = [
  ['/scenario', '场景规划', '线上线下联动场景规划'],
  ['/funnel', '转化漏斗', '客户行为转化漏斗分析表'],
  ['/settings', '设置', '设置'],
];

for (const [path, nav, heading] of pages) {
  test(`${path} opens from the navigation and reloads`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: nav }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('navigation').getByRole('link', { name: nav })).toHaveAttribute('aria-current', 'page');
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
