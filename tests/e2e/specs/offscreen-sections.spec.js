// Sections far from the screen skip their layout and paint while a field of the page has
// focus (issue 21, style/main.css): a keystroke pays for what is on screen, not for the
// whole long page. Skipping never moves the page (every section keeps its size), and a
// page nobody is typing in is laid out whole.
import { test, expect } from './fixtures.js';
import { cell } from './helpers.js';

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

/** Whether the browser skips rendering the element (content-visibility: auto). */
const skipped = (locator) => locator.evaluate((e) => !e.checkVisibility({ contentVisibilityAuto: true }));

/** Where each section of the page starts, in page coordinates, and the page's height. */
const layout = (page) =>
  page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    tops: [...document.querySelectorAll('.page .section')].map((s) => Math.round(s.getBoundingClientRect().top + scrollY)),
  }));

test('while a cell has focus the sections far below skip rendering, the page does not move, and they follow the edit', async ({ page }) => {
  await page.goto('/funnel');
  await expect(page.locator('html')).toHaveAttribute('data-skip-offscreen', '');
  const far = page.locator('#funnel-bottleneck-title');
  const before = await layout(page);
  expect(before.tops.length).toBeGreaterThan(3);
  // Nobody is typing: the whole page is laid out.
  expect(await skipped(far)).toBe(false);

  const input = cell(page, '转化人数', '门店扫码关注');
  await input.tap();
  await input.press('End');
  await expect.poll(() => skipped(far)).toBe(true);
  expect(await layout(page)).toEqual(before);

  // A keystroke: 3000 → 300. The skipped sections' figures follow, and scrolled to, a
  // section is drawn again with the focus still in the cell.
  await input.press('Backspace');
  await expect(input).toHaveValue('300');
  await expect(page.getByTestId('funnel-chart')).toHaveAttribute('aria-label', /门店扫码关注 10000 \/ 300 3%/);
  await far.scrollIntoViewIfNeeded();
  await expect(far).toBeInViewport();
  expect(await skipped(far)).toBe(false);
  await expect(input).toBeFocused();

  // Focus leaves the page's fields: nothing is skipped any more.
  await page.evaluate(() => window.scrollTo(0, 0));
  await input.blur();
  await expect.poll(() => skipped(far)).toBe(false);
});

test('in a table shown as cards, cards far from the focused one skip rendering, nothing moves, and they are drawn when scrolled to', async ({ page }) => {
  await page.goto('/tasks');
  await expect(page.locator('html')).toHaveAttribute('data-skip-offscreen', '');
  const cards = page.locator('table.grid.card-rows[data-table="tasks"] tbody tr[data-row-id]');
  await expect(cards).toHaveCount(5);
  const first = cards.first().locator('th, td').first();
  const tops = () => cards.evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().top + scrollY)));
  const before = await tops();
  expect(await skipped(first)).toBe(false);

  // Typing in the last card: the first, screens above, is skipped; the typed card and its
  // derived figures are drawn; no card moves.
  const typed = cards.last();
  const input = cell(page, '实际值', '全域ROI优化');
  await input.tap();
  await input.press('End');
  await expect.poll(() => skipped(first)).toBe(true);
  expect(await skipped(input)).toBe(false);
  expect(await tops()).toEqual(before);
  const figures = () => typed.locator('td.col-derived').allTextContents().then((t) => t.join(' | '));
  const was = await figures();
  await input.pressSequentially('12');
  await expect.poll(figures).not.toBe(was);
  expect(await skipped(typed.locator('td.col-derived').first())).toBe(false);
  expect(await tops()).toEqual(before);

  // Scrolled to, the first card is drawn again, with the focus still in the typed cell.
  await cards.first().scrollIntoViewIfNeeded();
  await expect.poll(() => skipped(first)).toBe(false);
  await expect(input).toBeFocused();
});

test('in the focused section, a chart and a table far from the cell skip rendering too, nothing moves, and the chart shows the edit when scrolled to', async ({ page }) => {
  await page.goto('/channels');
  await expect(page.locator('html')).toHaveAttribute('data-skip-offscreen', '');
  const chart = page.getByTestId('channel-chart');
  // The table inside its scroller: the scroller skips its contents, not itself.
  const totals = page.getByTestId('side-totals');
  const pixels = () => chart.evaluate((c) => c.toDataURL());
  // Drawn once on opening, wherever it is.
  await expect.poll(async () => (await pixels()).length).toBeGreaterThan(5_000);
  const drawn = await pixels();
  const before = await layout(page);
  expect(await skipped(chart)).toBe(false);

  const input = cell(page, '投入', '公众号');
  await input.tap();
  await input.press('End');
  // The chart and the online / offline totals sit in the cell's own section, screens below.
  await expect.poll(() => skipped(chart)).toBe(true);
  await expect.poll(() => skipped(totals)).toBe(true);
  expect(await skipped(input)).toBe(false);
  expect(await layout(page)).toEqual(before);

  // A keystroke changes the spend: the skipped totals follow it, nothing moves, and the
  // chart, scrolled to, is drawn with the new spend while the focus stays in the cell.
  const totalsText = await totals.textContent();
  await input.press('Backspace');
  await expect.poll(() => totals.textContent()).not.toBe(totalsText);
  expect(await layout(page)).toEqual(before);
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => skipped(chart)).toBe(false);
  await expect.poll(pixels).not.toBe(drawn);
  await expect(input).toBeFocused();
});
