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
