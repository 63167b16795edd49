// Issue 27: response curves per channel fitted on the channel × month history, the
// budget optimiser (limits, inverse targets, explained line by line) and the scenarios
// side by side, one of them written into the monthly budgets as one undo step.
import { test, expect } from './fixtures.js';
import { splitFile, moduleRequest } from './helpers.js';

const mixCell = (page, table, name) => page.locator(`table[data-table="${table}"] [aria-label="${name}"]`);
const card = (page, channel) => page.locator(`.curve-card[data-channel="${channel}"]`);
const undo = (page) => page.getByRole('banner').getByRole('button', { name: '撤销' });
const yuan = (text) => Number(text.replace(/[¥,+\s]/g, ''));

/** The optimal column of the explanation table, in yuan, per channel. */
const optimalSplit = async (page) => {
  const rows = page.getByTestId('optimal-split').locator('tbody tr');
  const out = {};
  for (const row of await rows.all()) {
    const name = (await row.locator('th').textContent()).trim();
    out[name] = yuan(await row.locator('td').nth(1).textContent());
  }
  return out;
};

const sum = (split) => Math.round(Object.values(split).reduce((a, b) => a + b, 0) * 100) / 100;

/** Blue (curve), green (months) and red (today) pixels of a response chart, and the mean
 * height on screen of the curve's pixels in its left and right thirds. */
const chartInk = (page, channel) =>
  card(page, channel)
    .locator('canvas')
    .evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const same = (i, [r, g, b]) => d[i] === r && d[i + 1] === g && d[i + 2] === b;
      const ink = { blue: 0, green: 0, red: 0, leftY: 0, rightY: 0 };
      let [nl, nr] = [0, 0];
      for (let y = 0; y < c.height; y++) {
        for (let x = 0; x < c.width; x++) {
          const i = (y * c.width + x) * 4;
          if (same(i, [0x3b, 0x6e, 0xd8])) {
            ink.blue++;
            if (x < c.width / 3) { ink.leftY += y; nl++; }
            if (x > (2 * c.width) / 3) { ink.rightY += y; nr++; }
          } else if (same(i, [0x2e, 0x9d, 0x6b])) ink.green++;
          else if (same(i, [0xd9, 0x3b, 0x2f])) ink.red++;
        }
      }
      ink.leftY /= Math.max(nl, 1);
      ink.rightY /= Math.max(nr, 1);
      return ink;
    });

test('opening /channels does not fetch the response module; scrolling down to the section does, once', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => splitFile.test(r.url()) && fetched.push(r.url()));
  const responseModule = (url) => moduleRequest('channel_response').test(url);
  await page.goto('/channels');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('渠道与KPI分析');
  // The app's page took over, every section above it is built and nothing waits; the
  // response section is not there.
  await expect(page.locator('html')).toHaveAttribute('data-app', 'live');
  await expect(page.locator('#ab-tests h2')).toBeAttached();
  await expect(page.locator('#main [aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator('#response')).toHaveCount(0);
  expect(fetched.filter(responseModule)).toEqual([]);
  // Scrolled down as a person reads the page: the module arrives and the curves show.
  await expect(async () => {
    await page.mouse.wheel(0, 2000);
    await expect(page.locator('#response')).toBeAttached({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('.curve-card')).toHaveCount(6);
  await expect(page.locator('#mix-scenarios')).toBeAttached();
  expect(fetched.filter(responseModule)).toHaveLength(1);
});

test('typing a month of the history key by key refits the curve and its marginal ROI', async ({ page }) => {
  await page.goto('/channels#response');
  const status = card(page, '公众号').getByTestId('curve-status');
  await expect(status).toContainText('24个月');
  await expect(status).toContainText('边际ROI');
  const before = await status.textContent();
  const revenue = mixCell(page, 'mix-history', '收入 公众号 2024-10');
  await expect(revenue).toHaveValue('¥16,663.00');
  await revenue.click();
  await page.keyboard.press('ControlOrMeta+A');
  // Each key refits: the figures move while the value is typed.
  await page.keyboard.type('4');
  await expect(status).not.toHaveText(before);
  const afterOneKey = await status.textContent();
  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  await expect(revenue).toHaveValue('¥40,000.00');
  await expect(status).not.toHaveText(afterOneKey);
  await expect(status).toContainText('边际ROI');
  // Every demo channel has its curve.
  await expect(page.locator('.curve-card')).toHaveCount(6);
  await expect(page.locator('.curve-status.warn')).toHaveCount(0);
});

test('a channel with too little data says so plainly and draws no curve', async ({ page }) => {
  await page.goto('/channels#response');
  await page.locator('#response').getByRole('button', { name: '添加渠道' }).click();
  const name = mixCell(page, 'mix-channels', '渠道 第 7 行');
  await name.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('小红书');
  await page.keyboard.press('Enter');
  const status = card(page, '小红书').getByTestId('curve-status');
  await expect(status).toHaveText('数据不足:只有0个月同时有投入和收入,至少需要8个月,暂不拟合。');
  await expect(card(page, '小红书').locator('canvas')).toBeHidden();
  await expect(card(page, '直播').locator('canvas')).toBeVisible();
});

test('a curve is drawn where it should be: rising band and line, the months, today marked', async ({ page }) => {
  await page.goto('/channels#response');
  const canvas = card(page, '门店').locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await chartInk(page, '门店')).blue, { timeout: 15_000 }).toBeGreaterThan(200);
  const ink = await chartInk(page, '门店');
  expect(ink.green, 'the months as green dots').toBeGreaterThan(200);
  expect(ink.red, "today's spend in red").toBeGreaterThan(100);
  // The curve rises: its left third sits lower on the canvas than its right third.
  expect(ink.leftY).toBeGreaterThan(ink.rightY + 20);
});

test('the optimiser spends the typed total exactly, keeps a typed limit and explains each line', async ({ page }) => {
  await page.goto('/channels#budget-optimiser');
  // The default: 线上广告 + 线下活动 of the plan's budget over its 12 months.
  await expect(page.getByTestId('mix-default-total')).toContainText('= ¥23,333.33');
  await expect(page.getByTestId('optimiser-summary')).toContainText('最优分配合计 ¥23,333.33');
  expect(sum(await optimalSplit(page))).toBe(23333.33);
  const total = page.getByLabel('每月总预算');
  await total.click();
  await total.pressSequentially('30000');
  await total.press('Enter');
  await expect(page.getByTestId('optimiser-summary')).toContainText('最优分配合计 ¥30,000.00');
  const free = await optimalSplit(page);
  expect(sum(free)).toBe(30000);
  expect(free['直播']).toBeGreaterThan(1000);
  // A typed maximum holds, and the rest still sums to the total.
  const max = mixCell(page, 'mix-channels', '最高月投入 直播');
  await max.click();
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('optimal-split').locator('tbody tr', { hasText: '直播' })).toContainText('受最低/最高投入限制');
  const limited = await optimalSplit(page);
  expect(limited['直播']).toBe(1000);
  expect(sum(limited)).toBe(30000);
  // Every channel gains or loses for a stated reason.
  const why = page.getByTestId('optimal-split').locator('tbody tr td:last-child');
  await expect(why.filter({ hasText: /^增加:当前边际回报 \d+\.\d\d 高于均衡值 \d+\.\d\d$/ }).first()).toBeVisible();
  await expect(why.filter({ hasText: /^减少:当前边际回报 \d+\.\d\d 低于均衡值 \d+\.\d\d$/ }).first()).toBeVisible();
});

test('inverse targets: the least spend for a revenue, the largest for a ROAS', async ({ page }) => {
  await page.goto('/channels#budget-optimiser');
  const target = page.getByLabel('目标月收入');
  await target.click();
  await target.pressSequentially('100000');
  await target.press('Enter');
  const targets = page.getByTestId('optimiser-targets');
  await expect(targets).toContainText(/达到目标月收入 ¥100,000\.00 最少需要月预算 ¥[\d,]+\.\d\d\(预计收入 ¥100,0\d\d\.\d\d\)。/);
  const needed = yuan((await targets.textContent()).match(/最少需要月预算 (¥[\d,.]+)/)[1]);
  // Optimising that budget predicts the target; a yuan less falls short of it.
  const total = page.getByLabel('每月总预算');
  await total.click();
  await total.pressSequentially(String(needed));
  await total.press('Enter');
  const summary = page.getByTestId('optimiser-summary');
  const predicted = async () => yuan((await summary.textContent()).match(/预计月收入 (¥[\d,.]+)/)[1]);
  await expect(summary).toContainText(`最优分配合计 ¥${needed.toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  expect(await predicted()).toBeGreaterThanOrEqual(100000);
  await total.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(String(Math.round((needed - 1) * 100) / 100));
  await total.press('Enter');
  await expect(summary).toContainText(`最优分配合计 ¥${(needed - 1).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  expect(await predicted()).toBeLessThan(100000);
  // Far beyond what the channels can return: said so.
  await target.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('9000000');
  await target.press('Enter');
  await expect(targets).toContainText('在各渠道限额内达不到目标月收入 ¥9,000,000.00。');
  const roas = page.getByLabel('目标ROAS(倍)');
  await roas.click();
  await roas.pressSequentially('3');
  await roas.press('Enter');
  await expect(targets).toContainText(/ROAS不低于 3\.00 的最大月预算:¥[\d,]+\.\d\d\(预计收入 ¥[\d,]+\.\d\d,ROAS 3\.\d\d\)。/);
});

test('scenarios side by side; writing one into the budgets is one undo step', async ({ page }) => {
  await page.goto('/channels#mix-scenarios');
  const compare = page.getByTestId('scenario-compare');
  await expect(compare.locator('thead th')).toHaveText(['渠道', '当前方案', '最优方案', '线下加码']);
  await expect(compare.locator('tr', { hasText: '预计月收入' }).locator('td').first()).toHaveText(/^¥[\d,]+\.\d\d \(¥[\d,]+\.\d\d–¥[\d,]+\.\d\d\)$/);
  await expect(compare.locator('tr', { hasText: '获客成本' }).locator('td').first()).toHaveText(/^¥\d+\.\d\d \(/);
  // A planner's scenario typed key by key: a new row.
  await page.locator('#mix-scenarios').getByRole('button', { name: '添加一行' }).click();
  const channel = mixCell(page, 'mix-scenarios', '渠道 新方案');
  await channel.click();
  await page.keyboard.type('门店');
  await page.keyboard.press('Enter');
  await expect(compare.locator('thead th')).toHaveText(['渠道', '当前方案', '最优方案', '线下加码', '新方案']);
  const spend = mixCell(page, 'mix-scenarios', '月预算 新方案 门店');
  await spend.click();
  await page.keyboard.type('8000');
  await page.keyboard.press('Enter');
  await expect(compare.locator('tr', { hasText: '月投入合计' }).locator('td').last()).toHaveText('¥8,000.00');

  // Write the optimised scenario into the budgets, then undo once.
  const budgets = ['公众号', '直播', '本地生活平台', '快闪店', '门店', '地推'].map((c) => mixCell(page, 'mix-channels', `月预算 ${c}`));
  const before = await Promise.all(budgets.map((b) => b.inputValue()));
  expect(before).toEqual(['¥3,000.00', '¥6,000.00', '¥4,000.00', '¥5,000.00', '¥3,333.33', '¥2,000.00']);
  const optimal = await optimalSplit(page);
  await page.getByRole('button', { name: '写入月预算 最优方案' }).click();
  await expect(budgets[1]).toHaveValue(`¥${optimal['直播'].toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  const after = await Promise.all(budgets.map((b) => b.inputValue()));
  expect(after.map(yuan)).toEqual(['公众号', '直播', '本地生活平台', '快闪店', '门店', '地推'].map((c) => optimal[c]));
  // Today's scenario now is the optimum.
  await expect(compare.locator('tr', { hasText: '预计月收入' }).locator('td').nth(0)).toHaveText(
    await compare.locator('tr', { hasText: '预计月收入' }).locator('td').nth(1).textContent(),
  );
  await undo(page).click();
  for (const [i, b] of budgets.entries()) await expect(b).toHaveValue(before[i]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

  test('a scenario is written into the budgets with a tap, and undone with a tap', async ({ page }) => {
    await page.goto('/channels#mix-scenarios');
    const popUp = mixCell(page, 'mix-channels', '月预算 快闪店');
    const live = mixCell(page, 'mix-channels', '月预算 直播');
    await expect(popUp).toHaveValue('¥5,000.00');
    const write = page.getByRole('button', { name: '写入月预算 线下加码' });
    await write.scrollIntoViewIfNeeded();
    await write.tap();
    await expect(popUp).toHaveValue('¥7,000.00');
    await expect(live).toHaveValue('¥4,000.00');
    await undo(page).tap();
    await expect(popUp).toHaveValue('¥5,000.00');
    await expect(live).toHaveValue('¥6,000.00');
  });
});
