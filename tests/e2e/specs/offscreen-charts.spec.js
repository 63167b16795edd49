// Charts off screen do not redraw (issue 21): a chart scrolled away while its data changes
// owes its drawing, and draws it once when it comes into view, or when the page prints.
// On a phone, where a keystroke in a table must not pay for a chart nobody sees.
import { test, expect } from './fixtures.js';
import { cell } from './helpers.js';

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

/** Counts, per chart (its test id), the drawings: each starts by filling the whole canvas. */
const countPaints = (page) =>
  page.addInitScript(() => {
    window.paints = {};
    const fillRect = CanvasRenderingContext2D.prototype.fillRect;
    CanvasRenderingContext2D.prototype.fillRect = function (x, y, w, h) {
      if (x === 0 && y === 0 && w >= this.canvas.width - 1 && h >= this.canvas.height - 1) {
        const id = this.canvas.dataset.testid ?? '?';
        window.paints[id] = (window.paints[id] ?? 0) + 1;
      }
      return fillRect.call(this, x, y, w, h);
    };
  });
const paints = (page, id) => page.evaluate((id) => window.paints[id] ?? 0, id);

/** Resolves after two animation frames: any drawing due to what just happened is done. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The canvas's pixels, as an image address. */
const pixels = (canvas) => canvas.evaluate((c) => c.toDataURL());

/**
 * Opens /funnel with its chart drawn, and focuses the first stage's 转化人数 (3000), at the
 * top of the page: the chart is below the table, out of view.
 */
const typingAboveTheChart = async (page) => {
  await countPaints(page);
  await page.goto('/funnel');
  const chart = page.getByTestId('funnel-chart');
  await expect(chart).toHaveAttribute('aria-label', /门店扫码关注 10000 \/ 3000 30%/);
  await expect.poll(() => paints(page, 'funnel-chart')).toBeGreaterThan(0);
  const input = cell(page, '转化人数', '门店扫码关注');
  await input.tap();
  await input.press('End');
  await expect(chart).not.toBeInViewport();
  await frames(page);
  return { chart, input, drawn: await paints(page, 'funnel-chart'), before: await pixels(chart) };
};

test('a chart scrolled away is not redrawn as its data changes, and draws once when it comes into view', async ({ page }) => {
  const { chart, input, drawn, before } = await typingAboveTheChart(page);
  // Two keystrokes: 3000 → 300 → 3005. The chart's figures follow (its label), its
  // pixels do not, yet.
  await input.press('Backspace');
  await expect(chart).toHaveAttribute('aria-label', /门店扫码关注 10000 \/ 300 3%/);
  await input.pressSequentially('5');
  await expect(chart).toHaveAttribute('aria-label', /门店扫码关注 10000 \/ 3005 30\.05%/);
  await frames(page);
  expect(await paints(page, 'funnel-chart')).toBe(drawn);
  expect(await pixels(chart)).toBe(before);

  // Scrolled to, it draws what it owes: once, with the last figures.
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => paints(page, 'funnel-chart')).toBe(drawn + 1);
  await frames(page);
  expect(await paints(page, 'funnel-chart')).toBe(drawn + 1);
  const after = await pixels(chart);
  expect(after).not.toBe(before);

  // Scrolled away and back with nothing changed: nothing to draw.
  await input.scrollIntoViewIfNeeded();
  await expect(chart).not.toBeInViewport();
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toBeInViewport();
  await frames(page);
  expect(await paints(page, 'funnel-chart')).toBe(drawn + 1);
  expect(await pixels(chart)).toBe(after);
});

test('printing draws a chart whose data changed while it was scrolled away', async ({ page }) => {
  const { chart, input, before } = await typingAboveTheChart(page);
  await input.press('Backspace');
  await expect(chart).toHaveAttribute('aria-label', /门店扫码关注 10000 \/ 300 3%/);
  // The print medium, as `window.print()` and "save as PDF" lay the page out: the chart
  // shows its data now, though nobody scrolled to it.
  await page.emulateMedia({ media: 'print' });
  await expect.poll(() => pixels(chart)).not.toBe(before);
  const pdf = await page.pdf({ printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test.describe('a chart in view', () => {
  // Wide and tall enough that the budget table and its chart are both on screen.
  test.use({ viewport: { width: 1280, height: 1400 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test('a keystroke paints its figures first; the chart follows in a later frame, drawn once', async ({ page }) => {
    await countPaints(page);
    await page.goto('/scenario');
    const chart = page.getByTestId('budget-chart');
    const input = cell(page, '占比', '线下活动');
    const amount = page.locator('table[data-table="budget_lines"] tr', { has: page.getByRole('textbox', { name: '占比 线下活动', exact: true }) }).locator('td.col-derived').first();
    await chart.scrollIntoViewIfNeeded();
    await expect(chart).toBeInViewport();
    await expect(input).toBeInViewport();
    await expect.poll(() => paints(page, 'budget-chart')).toBeGreaterThan(0);
    await input.click();
    await input.press('End');
    await frames(page);
    const drawn = await paints(page, 'budget-chart');
    const shown = await amount.textContent();
    // What each animation frame is about to paint: the row's amount, and the drawings so
    // far (a frame's callbacks run before its paint, this one first of them).
    await page.evaluate(() => {
      window.frameLog = [];
      const amountCell = () => document.querySelector('table[data-table="budget_lines"] tr:has(input[aria-label="占比 线下活动"]) td.col-derived');
      const log = () => {
        window.frameLog.push([amountCell()?.textContent, window.paints['budget-chart'] ?? 0]);
        if (window.frameLog.length < 600) requestAnimationFrame(log);
      };
      requestAnimationFrame(log);
    });
    await frames(page);
    await input.press('Backspace');
    await expect(amount).not.toHaveText(shown);
    await expect.poll(() => paints(page, 'budget-chart')).toBe(drawn + 1);
    await frames(page);
    await frames(page);
    const log = await page.evaluate(() => window.frameLog);
    const firstNew = log.findIndex(([text]) => text !== shown);
    expect(firstNew, 'a frame shows the new amount').toBeGreaterThan(0);
    // The frame that shows the new amount does not wait for the chart's drawing...
    expect(log[firstNew][1], 'no drawing before the first frame with the new figure').toBe(drawn);
    // ...which comes in a later frame, once.
    expect(log.at(-1)[1]).toBe(drawn + 1);
    expect(await paints(page, 'budget-chart')).toBe(drawn + 1);
  });
});
