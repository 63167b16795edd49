// Typed figures as a merchant types them, key by key, on a phone and a desktop: a field
// keeps exactly what is typed while it is edited, reads like the computed figures beside
// it once it is left (¥200,000.00, 30%), and accepts ¥75, 75元, ３０％ and full-width digits.
import { test, expect } from './fixtures.js';
import { cell, derived, copyText } from './helpers.js';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

/** Taps (phone) or clicks (desktop) an input, then empties it with the keyboard. */
const clearByKeys = async (page, input, phone) => {
  if (phone) await input.tap();
  else await input.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect(input).toHaveValue('');
};

/** Types `text` one key at a time, checking after each key that the field shows exactly
 *  what was typed so far; the whole is a valid figure. */
const typeKeyByKey = async (input, text) => {
  let typed = '';
  for (const key of text) {
    await input.pressSequentially(key);
    typed += key;
    await expect(input).toHaveValue(typed);
  }
  await expect(input).toHaveAttribute('aria-invalid', 'false');
};

/** Leaves the field the way a person does: a tap or a click on the page's heading. */
const leave = async (page, phone) => {
  const heading = page.locator('h1').first();
  if (phone) await heading.tap();
  else await heading.click();
};

for (const phone of [false, true]) {
  test.describe(phone ? 'on a phone' : 'on a desktop', () => {
    if (phone) test.use(PHONE);

    test('the budget total is typed as it is typed, and formatted once left', async ({ page }) => {
      await page.goto('/scenario');
      const typed = page.getByRole('radio', { name: '直接输入' });
      if (phone) await typed.tap();
      else await typed.click();
      const total = page.getByLabel('预算总额(元)');
      await clearByKeys(page, total, phone);
      await typeKeyByKey(total, '200000');
      await expect(page.getByText('金额最多两位小数')).toHaveCount(0);
      // Each keystroke reached the plan: the total and the 40/30/20/10 split follow.
      await expect(page.getByTestId('budget-total')).toHaveText('¥200,000.00');
      await expect(derived(page, 'budget_lines', 700).first()).toHaveText('¥80,000.00');
      await expect(derived(page, 'budget_lines', 703).first()).toHaveText('¥20,000.00');
      await leave(page, phone);
      await expect(total).toHaveValue('¥200,000.00');
      // Back in the field: the plain value to edit, no symbol or separators.
      if (phone) await total.tap();
      else await total.click();
      await expect(total).toHaveValue('200000');
      await total.pressSequentially('.5');
      await expect(total).toHaveValue('200000.5');
      await leave(page, phone);
      await expect(total).toHaveValue('¥200,000.50');
    });

    test('the yearly revenue and the budget rate take what is typed', async ({ page }) => {
      await page.goto('/scenario');
      const revenue = page.getByLabel('年营收(元)');
      const rate = page.getByLabel('预算比例(%)');
      // The demo's figures, as the computed total beside them reads.
      await expect(revenue).toHaveValue('¥10,000,000.00');
      await expect(rate).toHaveValue('4%');
      await clearByKeys(page, revenue, phone);
      await typeKeyByKey(revenue, '5000000');
      await expect(page.getByTestId('budget-total')).toHaveText('¥200,000.00');
      await clearByKeys(page, rate, phone);
      await typeKeyByKey(rate, '５％');
      await expect(page.getByTestId('budget-total')).toHaveText('¥250,000.00');
      await leave(page, phone);
      await expect(revenue).toHaveValue('¥5,000,000.00');
      await expect(rate).toHaveValue('5%');
    });

    test('the average order value is typed key by key', async ({ page }) => {
      await page.goto('/funnel');
      const aov = page.getByLabel('平均客单价(元)');
      await expect(aov).toHaveValue('¥88.00');
      await clearByKeys(page, aov, phone);
      await typeKeyByKey(aov, '120');
      await expect(page.getByText('金额最多两位小数')).toHaveCount(0);
      await leave(page, phone);
      await expect(aov).toHaveValue('¥120.00');
      // 324 purchases × ¥120.
      await expect(page.getByTestId('today-revenue')).toHaveText('¥38,880.00');
    });

    test("a goal's percent target typed as 30% reads 30%, its change in 百分点", async ({ page }) => {
      await page.goto('/scenario');
      const target = cell(page, '目标值', '季度复购率');
      await expect(target).toHaveValue('45%');
      await expect(cell(page, '目标值', '新区域月销售额')).toHaveValue('¥500,000.00');
      await expect(cell(page, '目标值', '私域用户数')).toHaveValue('10,000');
      await clearByKeys(page, target, phone);
      await typeKeyByKey(target, '30%');
      await leave(page, phone);
      await expect(target).toHaveValue('30%');
      // From a 25% baseline: 5 percentage points.
      await expect(derived(page, 'goals', 501).first()).toHaveText('+5个百分点');
    });

    test('money cells accept ¥75, 75元 and full-width digits', async ({ page }) => {
      await page.goto('/channels');
      const cac = page.getByRole('textbox', { name: '目标值 单客获客成本(CAC)' });
      await expect(cac).toHaveValue('¥75.00');
      for (const [text, shown, gap] of [
        ['¥70', '¥70.00', '+¥10.00'],
        ['85元', '¥85.00', '-¥5.00'],
        ['￥７８．５', '¥78.50', '+¥1.50'],
      ]) {
        await clearByKeys(page, cac, phone);
        await typeKeyByKey(cac, text);
        await leave(page, phone);
        await expect(cac).toHaveValue(shown);
        // The gap to the target follows (this month ¥80.00).
        await expect(page.locator('table[data-table="effectiveness"] tr[data-row-id="203"] td.col-derived').nth(7)).toHaveText(gap);
      }
      // Percentage points read 百分点 in Chinese, pp in English.
      await expect(page.locator('table[data-table="effectiveness"] tr[data-row-id="200"] td.col-derived').nth(5)).toHaveText('-5个百分点');
      const english = page.getByRole('button', { name: 'English' });
      if (phone) await english.tap();
      else await english.click();
      await expect(page.locator('table[data-table="effectiveness"] tr[data-row-id="200"] td.col-derived').nth(5)).toHaveText('-5pp');
      // The same ¥ and separators in English.
      await expect(page.getByRole('textbox', { name: 'Target 单客获客成本(CAC)' })).toHaveValue('¥78.50');
    });
  });
}

test('a cost amount reached by the arrow keys is replaced by what is typed; copy stays plain', async ({ page }) => {
  await page.goto('/scenario');
  const amount = cell(page, '金额', '物料费');
  await expect(amount).toHaveValue('¥20,000.00');
  await cell(page, '金额', '快闪店场地费').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await expect(amount).toBeFocused();
  // Selected by the keys, its plain value under the selection.
  await expect(amount).toHaveValue('20000');
  // Copy gives spreadsheets a number, not "¥20,000.00".
  expect(await copyText(page)).toBe('20000.00');
  await page.keyboard.type('2.5万');
  await expect(amount).toHaveValue('2.5万');
  await page.keyboard.press('Enter');
  await expect(amount).toHaveValue('¥25,000.00');
  await expect(amount).toHaveAttribute('aria-invalid', 'false');
});

test('undo while the field is being edited shows the value it restored', async ({ page }) => {
  await page.goto('/scenario');
  const revenue = page.getByLabel('年营收(元)');
  await revenue.click();
  await expect(revenue).toHaveValue('10000000');
  await page.keyboard.press('End');
  await revenue.pressSequentially('5');
  await expect(revenue).toHaveValue('100000005');
  await expect(page.getByTestId('budget-total')).toHaveText('¥4,000,000.20');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByTestId('budget-total')).toHaveText('¥400,000.00');
  await expect(revenue).toHaveValue('10000000');
  await leave(page, false);
  await expect(revenue).toHaveValue('¥10,000,000.00');
});

test('a bad amount stays verbatim with its error, focused or not', async ({ page }) => {
  await page.goto('/scenario');
  const revenue = page.getByLabel('年营收(元)');
  await clearByKeys(page, revenue, false);
  await revenue.pressSequentially('12.345');
  await expect(revenue).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('金额最多两位小数')).toBeVisible();
  await leave(page, false);
  await expect(revenue).toHaveValue('12.345');
  await revenue.click();
  await expect(revenue).toHaveValue('12.345');
});
