// Settings shows what the plans take of the browser's per-site store (warning before it is
// full), the site's whole usage against its quota, and whether the browser keeps the data
// through its clean-up, with a button that asks it to (issue 28). The browser's answers to
// `navigator.storage` are replaced where a test needs a given answer: what is tested is
// what the app shows and does for each answer.
import { test, expect } from './fixtures.js';
import { saved } from './helpers.js';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

const LIMIT = 5 * 1024 * 1024; // UTF-16 units, src/domain/plan/storage_use.rs

/** UTF-16 units of every key and value in localStorage: how browsers count its quota. */
const unitsInStore = (page) =>
  page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0));

/** A share as the app prints every rate: a percentage with up to two decimals (3.24%, 30%). */
const percent = (n, d) => {
  const bp = Math.floor((n * 10_000 + d / 2) / d);
  const frac = bp % 100;
  return `${Math.floor(bp / 100)}${frac === 0 ? '' : frac % 10 === 0 ? `.${frac / 10}` : `.${String(frac).padStart(2, '0')}`}%`;
};

const storageGroup = (page) => page.getByRole('group', { name: '本机存储' });

/** Waits until the meter shows what localStorage holds (a save may land meanwhile); the units. */
const meterMatchesStore = async (page, meter) => {
  await expect.poll(async () => (await meter.getAttribute('value')) === String(await unitsInStore(page))).toBe(true);
  return Number(await meter.getAttribute('value'));
};

test('the plans\' share of the browser\'s store, and a warning with a way out when it is nearly full', async ({ page }) => {
  await page.goto('/settings');
  await saved(page);
  const group = storageGroup(page);
  const meter = group.getByRole('meter', { name: /快速存储占用/ });
  await expect(meter).toHaveAttribute('max', String(LIMIT));
  const units = await meterMatchesStore(page, meter);
  expect(units).toBeGreaterThan(1000); // the demo plan is stored
  await expect(group).toContainText(`约 5.0 MB 的 ${percent(units, LIMIT)}。`);
  await expect(group.getByText(/快速存储快满了/)).toHaveCount(0);

  // Something else of the site fills four fifths of the store.
  await page.evaluate(() => localStorage.setItem('filler', 'x'.repeat(4_300_000)));
  await page.reload();
  await saved(page);
  const full = await meterMatchesStore(page, meter);
  expect(full / LIMIT).toBeGreaterThanOrEqual(0.8);
  await expect(group).toContainText(`约 5.0 MB 的 ${percent(full, LIMIT)}。`);
  const warning = group.getByRole('status').filter({ hasText: '快速存储快满了' });
  await expect(warning).toBeVisible();
  await warning.getByRole('link', { name: '我的计划' }).tap();
  await expect(page).toHaveURL(/\/plans$/);
});

test('the site\'s usage and quota as the browser reports them', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.estimate = async () => ({ usage: 123_456_789, quota: 3 * 1024 ** 3 });
  });
  await page.goto('/settings');
  await expect(storageGroup(page)).toContainText('其他计划所在的数据库和离线使用的应用副本等网站数据已用 118 MB,浏览器给的配额是 3.0 GB。');
});

for (const [answer, shown, button] of [
  [true, '已受保护:浏览器清理空间时不会删除这里的计划。', false],
  [false, '浏览器没有同意保护', true],
]) {
  test(`asking the browser to protect the data, and it says ${answer ? 'yes' : 'no'}`, async ({ page }) => {
    await page.addInitScript((answer) => {
      window.persistAsked = 0;
      StorageManager.prototype.persisted = async () => false;
      StorageManager.prototype.persist = async () => {
        window.persistAsked += 1;
        return answer;
      };
    }, answer);
    await page.goto('/settings');
    const group = storageGroup(page);
    await expect(group).toContainText('未受保护:浏览器空间不足时可能清除这里的数据。');
    // Nothing is asked before the merchant does (some browsers ask them in a dialog).
    expect(await page.evaluate(() => window.persistAsked)).toBe(0);
    await group.getByRole('button', { name: '请浏览器保护本机数据' }).tap();
    await expect(group.getByRole('status').filter({ hasText: shown })).toBeVisible();
    expect(await page.evaluate(() => window.persistAsked)).toBe(1);
    // Refused: the merchant can ask again (after using the site more, say).
    await expect(group.getByRole('button', { name: '请浏览器保护本机数据' })).toHaveCount(button ? 1 : 0);
  });
}

test('data the browser already protects says so, with nothing to ask', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persisted = async () => true;
  });
  await page.goto('/settings');
  const group = storageGroup(page);
  await expect(group).toContainText('已受保护:浏览器清理空间时不会删除这里的计划。');
  await expect(group.getByRole('button', { name: '请浏览器保护本机数据' })).toHaveCount(0);
});

test('a browser without navigator.storage: the store\'s share still shows, the rest says it is not offered', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined, configurable: true });
  });
  await page.goto('/settings');
  await saved(page);
  const group = storageGroup(page);
  expect(await meterMatchesStore(page, group.getByRole('meter'))).toBeGreaterThan(1000);
  await expect(group).toContainText('这个浏览器不提供网站的存储用量。');
  await expect(group).toContainText('这个浏览器没有保护网站数据的设置。');
  await expect(group.getByRole('button', { name: '请浏览器保护本机数据' })).toHaveCount(0);
});

test('English: the figures and the button', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persisted = async () => false;
    StorageManager.prototype.estimate = async () => ({ usage: 2048, quota: 10 * 1024 ** 2 });
  });
  await page.goto('/settings');
  await page.getByRole('radio', { name: 'English' }).check();
  const group = page.getByRole('group', { name: 'Storage on this device' });
  await expect(group).toContainText(/The quick store, where the plan being edited and the settings are kept, takes .+ of the roughly 5\.0 MB the browser keeps for each site\./);
  await expect(group).toContainText('Site data such as the database holding the other plans and the offline copy of the app: 2.0 KB used of a 10 MB quota.');
  await expect(group.getByRole('button', { name: 'Ask the browser to protect this data' })).toBeVisible();
});
