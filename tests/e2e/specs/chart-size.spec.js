// Charts are drawn at the size they are shown: the canvas's backing store is its box × the
// screen's pixel ratio, however the page was reached (its address, the navigation) and
// after the window changes size, on a desktop and on a phone; and the pixels show the chart
// (bars where bars go, names along the axis), not a small drawing stretched.
import { test, expect } from './fixtures.js';
import { flick } from './helpers.js';

const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

// Each page with its navigation link, its charts, and a second window size: a narrower
// desktop window, a phone turned sideways.
const pages = [
  { path: '/tasks', nav: '任务拆解', charts: ['task-timeline'] },
  // Six response curves (the demo's channels, issue 27): one chart id, six canvases.
  { path: '/channels', nav: '渠道分析', charts: ['channel-chart', 'trend-chart', ...Array(6).fill('response-chart')] },
  { path: '/funnel', nav: '转化漏斗', charts: ['funnel-chart'] },
];
const resized = { desktop: { width: 900, height: 700 }, phone: { width: 844, height: 390 } };

/**
 * Every chart on the page, read as drawn: its backing size against its box × DPR, and per
 * chart kind the pixels that show it, in CSS pixels² (counts ÷ DPR²) so that one threshold
 * holds on every screen. Colours are the charts' own (src/components/chart).
 */
const readCharts = (page) =>
  page.evaluate(() => {
    const dpr = window.devicePixelRatio;
    const same = (d, i, [r, g, b]) => d[i] === r && d[i + 1] === g && d[i + 2] === b;
    const dark = (d, i) => d[i] < 0xb0 && d[i + 1] < 0xb0 && d[i + 2] < 0xb8;
    // Pixels of `test(d, i)` inside the CSS-pixel rectangle [x0, x1) × [y0, y1).
    const count = (c, d, [x0, y0, x1, y1], test) => {
      let n = 0;
      const [X0, Y0] = [Math.max(0, Math.round(x0 * dpr)), Math.max(0, Math.round(y0 * dpr))];
      const [X1, Y1] = [Math.min(c.width, Math.round(x1 * dpr)), Math.min(c.height, Math.round(y1 * dpr))];
      for (let y = Y0; y < Y1; y++) for (let x = X0; x < X1; x++) if (test(d, (y * c.width + x) * 4)) n++;
      return Math.round(n / (dpr * dpr));
    };
    return [...document.querySelectorAll('canvas[role="img"]')]
      .filter((c) => c.getBoundingClientRect().width > 0)
      .map((c) => {
        const box = c.getBoundingClientRect();
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const [w, h] = [box.width, box.height];
        const chart = { id: c.dataset.testid, width: c.width, height: c.height, wantWidth: Math.round(w * dpr), wantHeight: Math.round(h * dpr) };
        const ink = {};
        if (chart.id === 'task-timeline') {
          // Right of the 150 px column of task names: the phases' bars, the due dates,
          // and the month names in their band under the phase names. On a phone only the
          // part scrolled into view counts: it must show bars, not only names.
          const shown = Math.min(w, c.parentElement.clientWidth);
          ink.bars = count(c, d, [150, 46, shown, h - 16], (d, i) => same(d, i, [0xc9, 0xd6, 0xf2]));
          ink.dueDates = count(c, d, [150, 46, shown, h - 16], (d, i) => same(d, i, [0x3b, 0x6e, 0xd8]) || same(d, i, [0x2e, 0x9d, 0x6b]));
          ink.monthNames = count(c, d, [150, 26, w, 40], dark);
          ink.taskNames = count(c, d, [0, 46, 150, h - 16], dark);
        } else if (chart.id === 'channel-chart') {
          // Spend in blue and revenue in green (red where the channel loses money),
          // right of the value axis; the channel names under the bars.
          ink.spend = count(c, d, [64, 0, w, h - 28], (d, i) => same(d, i, [0x3b, 0x6e, 0xd8]));
          ink.revenue = count(c, d, [64, 0, w, h - 28], (d, i) => same(d, i, [0x2e, 0x9d, 0x6b]) || same(d, i, [0xd9, 0x3b, 0x2f]));
          ink.names = count(c, d, [64, h - 30, w, h], dark);
        } else if (chart.id === 'trend-chart') {
          ink.line = count(c, d, [64, 0, w, h - 28], (d, i) => same(d, i, [0x3b, 0x6e, 0xd8]));
          ink.months = count(c, d, [64, h - 30, w, h], dark);
        } else if (chart.id === 'response-chart') {
          // The curve in blue, the months' dots in green, today's spend in red.
          ink.curve = count(c, d, [64, 0, w, h - 28], (d, i) => same(d, i, [0x3b, 0x6e, 0xd8]));
          ink.months = count(c, d, [64, 0, w, h - 28], (d, i) => same(d, i, [0x2e, 0x9d, 0x6b]));
          ink.today = count(c, d, [64, 0, w, h - 28], (d, i) => same(d, i, [0xd9, 0x3b, 0x2f]));
        } else if (chart.id === 'funnel-chart') {
          ink.reached = count(c, d, [0, 36, w, h], (d, i) => same(d, i, [0xc9, 0xd8, 0xf5]));
          ink.converted = count(c, d, [0, 36, w, h], (d, i) => same(d, i, [0x3b, 0x6e, 0xd8]));
          ink.text = count(c, d, [0, 36, w, h], dark);
        }
        return { ...chart, ink };
      });
  });

/** The least ink (CSS px²) each chart must show. */
const least = {
  'task-timeline': { bars: 300, dueDates: 40, monthNames: 30, taskNames: 100 },
  'channel-chart': { spend: 500, revenue: 500, names: 40 },
  'trend-chart': { line: 30, months: 40 },
  'response-chart': { curve: 100, months: 100, today: 50 },
  'funnel-chart': { reached: 400, converted: 300, text: 100 },
};

/**
 * Waits until every chart of `expected` is shown, drawn at its size, and inked. Each is
 * scrolled into view first, as a person looks at it: a chart off screen draws what
 * changed (here its size) only when it comes into view.
 */
const expectDrawnAtSize = async (page, expected, shot) => {
  await expect(async () => {
    // The response curves' module is fetched when their section comes into view (issue
    // 27): a person scrolls down the page to them.
    if (expected.includes('response-chart')) await page.mouse.wheel(0, 10_000);
    const charts = await readCharts(page);
    expect(charts.map((c) => c.id).sort()).toEqual([...expected].sort());
  }).toPass({ timeout: 15_000 });
  for (const id of new Set(expected)) {
    // Its frame, not the canvas: a wide chart's frame would scroll sideways to it. Each
    // chart of an id (the response curves) is looked at in turn.
    const frames = page.locator('.chart').filter({ has: page.getByTestId(id) });
    for (let i = 0; i < (await frames.count()); i++) await frames.nth(i).scrollIntoViewIfNeeded();
    await expectChartDrawnAtSize(page, id, expected.filter((e) => e === id).length);
  }
  if (!shot) return;
  await page.screenshot({ path: `test-results/evidence/${shot}.png`, fullPage: true });
  // Each chart's frame as it is shown (on a phone, the part of the timeline in view).
  for (const id of new Set(expected)) {
    const frame = page.locator('.chart').filter({ has: page.getByTestId(id) }).first();
    await frame.screenshot({ path: `test-results/evidence/${shot}-${id}.png` });
  }
};

/** Waits until the chart `id` is drawn at its size, and inked. */
const expectChartDrawnAtSize = async (page, id, n = 1) => {
  await expect(async () => {
    const charts = (await readCharts(page)).filter((c) => c.id === id);
    expect(charts).toHaveLength(n);
    for (const c of charts) {
      const what = `${c.id}: backing ${c.width}×${c.height}, shown ${c.wantWidth}×${c.wantHeight} device px`;
      expect(Math.abs(c.width - c.wantWidth), what).toBeLessThanOrEqual(1);
      expect(Math.abs(c.height - c.wantHeight), what).toBeLessThanOrEqual(1);
      for (const [name, min] of Object.entries(least[c.id])) {
        expect(c.ink[name], `${c.id} ${name}: ${JSON.stringify(c.ink)}`).toBeGreaterThanOrEqual(min);
      }
    }
  }).toPass({ timeout: 15_000 });
};

const charted = async (page, path) => {
  // A fixed day inside the demo campaign, so that the timeline's today and states hold.
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  await page.goto(path);
};

/** Resolves after two animation frames: any redraw due to what just happened is done. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Counts, in window.paints, the charts' drawings: each starts by filling the whole canvas. */
const countPaints = (page) =>
  page.addInitScript(() => {
    window.paints = 0;
    const fillRect = CanvasRenderingContext2D.prototype.fillRect;
    CanvasRenderingContext2D.prototype.fillRect = function (x, y, w, h) {
      if (x === 0 && y === 0 && w >= this.canvas.width - 1 && h >= this.canvas.height - 1) window.paints++;
      return fillRect.call(this, x, y, w, h);
    };
  });
const paints = (page) => page.evaluate(() => window.paints);

for (const [device, use] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test.describe(`on a ${device}`, () => {
    test.use(use);

    for (const { path, nav, charts } of pages) {
      const name = path.slice(1);

      test(`${path} opened by its address draws its charts at their shown size`, async ({ page }) => {
        await charted(page, path);
        await expectDrawnAtSize(page, charts, `${device}-${name}`);
      });

      test(`${path} reached from the navigation draws its charts at their shown size`, async ({ page }) => {
        await charted(page, '/');
        const link = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: nav });
        if (device === 'phone') await link.tap();
        else await link.click();
        await expect(page).toHaveURL(path);
        await expectDrawnAtSize(page, charts);
      });

      test(`${path} redraws its charts at the new size when the window changes`, async ({ page }) => {
        await charted(page, path);
        await expect(page.locator('canvas[role="img"]').first()).toBeVisible();
        await page.setViewportSize(resized[device]);
        await expectDrawnAtSize(page, charts, `${device}-${name}-resized`);
      });
    }

    test('charts follow the screen when its pixel ratio changes (moved to another screen, zoom)', async ({ page }) => {
      // The browser tells a page its pixel ratio changed through the media queries on
      // resolution it asked about. The devtools emulation used here changes the ratio
      // without telling them, so the test does: it keeps each such query the page makes,
      // and fires "change" on those that stopped matching, as the browser would.
      await page.addInitScript(() => {
        window.ratioQueries = [];
        const matchMedia = window.matchMedia.bind(window);
        window.matchMedia = (query) => {
          const list = matchMedia(query);
          if (/resolution/.test(query)) window.ratioQueries.push(list);
          return list;
        };
      });
      await charted(page, '/funnel');
      await expectDrawnAtSize(page, ['funnel-chart']);
      // The same window on a screen of another density, then back: the width stays.
      const cdp = await page.context().newCDPSession(page);
      const { width, height } = page.viewportSize();
      for (const ratio of use.deviceScaleFactor === 1 ? [2, 1] : [3, 2]) {
        await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: ratio, mobile: !!use.isMobile });
        await expect.poll(() => page.evaluate(() => window.devicePixelRatio)).toBe(ratio);
        await page.evaluate(() => window.ratioQueries.filter((q) => !q.matches).forEach((q) => q.dispatchEvent(new Event('change'))));
        await expectDrawnAtSize(page, ['funnel-chart']);
      }
    });

    test('charts are not redrawn when their size and data did not change', async ({ page }) => {
      await countPaints(page);
      await charted(page, '/funnel');
      await expectDrawnAtSize(page, ['funnel-chart']);
      await frames(page);
      const before = await paints(page);
      // Scrolling and a window only taller or shorter leave every chart's box as it was.
      await flick(page, 800);
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
      const { width, height } = page.viewportSize();
      await page.setViewportSize({ width, height: height - 120 });
      await frames(page);
      await flick(page, -400);
      await frames(page);
      expect(await paints(page)).toBe(before);
      // A narrower window does redraw it, at its new width (once it is in view).
      await page.setViewportSize({ width: width - 60, height: height - 120 });
      await page.getByTestId('funnel-chart').scrollIntoViewIfNeeded();
      await expect.poll(() => paints(page)).toBeGreaterThan(before);
      await expectDrawnAtSize(page, ['funnel-chart']);
    });
  });
}

test.describe('on a 3× phone', () => {
  test.use({ ...PHONE, deviceScaleFactor: 3 });

  test('a chart too large for the screen density is drawn at a lower one, whole and in proportion', async ({ page }) => {
    // The timeline of 80 tasks (its most) is 720 × 2,462 CSS px: 2,160 × 7,386 device
    // pixels (64 MB) at 3×. Its backing store stays within 4 million pixels.
    await charted(page, '/tasks');
    await page.evaluate(() => {
      const key = `omo-planner.plan.${localStorage.getItem('omo-planner.current')}`;
      const plan = JSON.parse(localStorage.getItem(key));
      const tasks = plan.tasks;
      const originals = tasks.length;
      for (let k = 0; tasks.length < 80; k++) tasks.push({ ...structuredClone(tasks[k % originals]), id: 1_000_000 + k, monthly_task: `任务${k}` });
      localStorage.setItem(key, JSON.stringify(plan));
    });
    await page.reload();
    const chart = page.getByTestId('task-timeline');
    await expect(chart).toHaveAttribute('aria-label', /任务时间轴:80 项任务/);
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(async () => {
      return chart.evaluate((c) => {
        const box = c.getBoundingClientRect();
        const scale = c.width / box.width;
        // The last task's row (30 px above the 16 px bottom margin): its bar, in the
        // bars' blue, right of the names' 150 px column.
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let bar = 0;
        for (let y = Math.round((box.height - 46) * scale); y < Math.round((box.height - 16) * scale); y++)
          for (let x = Math.round(150 * scale); x < c.width; x++) {
            const i = (y * c.width + x) * 4;
            if (d[i] === 0xc9 && d[i + 1] === 0xd6 && d[i + 2] === 0xf2) bar++;
          }
        return {
          within: c.width * c.height <= 4_000_000,
          sharperThanCss: scale > 1.4,
          // Both sides rounded down to whole pixels: within two CSS pixels.
          inProportion: Math.abs(c.height / scale - box.height) <= 2,
          lastBar: bar > 0,
        };
      });
    }).toEqual({ within: true, sharperThanCss: true, inProportion: true, lastBar: true });
  });
});
