// The shell on a phone (issue 29 items 5, 9, 12): 我的计划 in the navigation and its list
// laid out for 375 px, a header that shrinks while the page scrolls, section links that
// land below it, form fields sized for a thumb, the header's way to the print view, a
// print view that reads like a report, and one CSV export on the funnel page.
import { test, expect, untilLive } from './fixtures.js';
import { flick } from './helpers.js';
import { mkdir, writeFile } from 'node:fs/promises';

const DEMO = '线上线下联动拓展示范计划';
const EVIDENCE = new URL('../test-results/evidence/', import.meta.url);
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const small = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

const nav = (page) => page.getByRole('navigation', { name: '主导航' });

/** The part of the sticky header on screen, in CSS px. */
const headerShown = (page) => page.evaluate(() => {
  const r = document.querySelector('header.topbar').getBoundingClientRect();
  return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
});

/** Each action button of the plans list: inside the screen, its text on one line. */
const actionBoxes = (page) => page.evaluate(() => [...document.querySelectorAll('table.plan-list tbody .plan-actions button')].map((b) => {
  const r = b.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(b);
  const lines = new Set([...range.getClientRects()].filter((l) => l.width > 0).map((l) => Math.round(l.top)));
  return { text: b.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom, lines: lines.size, height: r.height,
    lineHeight: parseFloat(getComputedStyle(b).lineHeight), width: innerWidth };
}));

for (const [name, device] of [['390 × 844', phone], ['375 × 812', small]]) {
  test.describe(`我的计划 on a phone (${name})`, () => {
    test.use(device);

    test('is a tab of the navigation and lists each plan as a card whose buttons fit', async ({ page }) => {
      await page.goto('/tasks');
      const tab = nav(page).getByRole('link', { name: '我的计划' });
      await expect(tab).toBeVisible();
      await expect(tab).toHaveText(/计划/); // its words are on screen, not only its icon
      const box = await tab.boundingBox();
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(device.viewport.width);
      await tab.tap();
      await expect(page).toHaveURL('/plans');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的计划');
      await expect(tab).toHaveAttribute('aria-current', 'page');

      // A second plan, so one row has all four buttons (打开 shows on the plans not open).
      await page.getByRole('button', { name: `复制 ${DEMO}`, exact: true }).tap();
      await expect(page.locator('table.plan-list tbody tr')).toHaveCount(2);
      const copy = page.locator('table.plan-list tbody tr').filter({ hasText: `${DEMO} 副本` });
      await expect(copy.getByRole('button')).toHaveText(['打开', '复制', '重命名', '删除']);
      // The card shows the name, the industry and the last change.
      await expect(copy).toContainText('零售');
      await expect(copy.locator('td.num')).toHaveText(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/);

      const boxes = await actionBoxes(page);
      expect(boxes).toHaveLength(7);
      for (const b of boxes) {
        expect(b.left, `${b.text} inside the screen`).toBeGreaterThanOrEqual(0);
        expect(b.right, `${b.text} inside the screen`).toBeLessThanOrEqual(b.width);
        expect(b.lines, `${b.text} on one line`).toBe(1);
        expect(b.height, `${b.text} under two lines high`).toBeLessThan(2 * b.lineHeight + 20);
        expect(b.height).toBeGreaterThanOrEqual(44);
      }
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);

      // The buttons work from the card: rename the copy by typing, then open it.
      await copy.getByRole('button', { name: '重命名' }).tap();
      const field = page.getByRole('textbox', { name: `新名称 ${DEMO} 副本`, exact: true });
      await field.press('Control+A');
      await field.press('Delete');
      await field.pressSequentially('华东门店计划');
      await page.getByRole('button', { name: `保存名称 ${DEMO} 副本`, exact: true }).tap();
      const renamed = page.locator('table.plan-list tbody tr').filter({ hasText: '华东门店计划' });
      await renamed.getByRole('button', { name: '打开' }).tap();
      await expect(page.locator('.plan-name')).toHaveText('华东门店计划');

      if (device === small) {
        await mkdir(EVIDENCE, { recursive: true });
        await page.screenshot({ path: new URL('phone-my-plans.png', EVIDENCE).pathname, fullPage: true });
      }
    });
  });
}

test.describe('the header on a phone (390 × 844)', () => {
  test.use(phone);

  test('shrinks to one row while the page scrolls down and grows back at the top, moving nothing', async ({ page }) => {
    await page.goto('/tasks');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('分阶段执行任务拆解表');
    const full = await headerShown(page);
    expect(full).toBeGreaterThan(60); // title and toolbar at the top
    await expect(page.getByRole('banner').getByText('全渠道拓展规划')).toBeVisible();
    const contentTop = () => page.evaluate(() => document.querySelector('main').getBoundingClientRect().top + scrollY);
    const before = await contentTop();

    // A flick, not a lone wheel event (helpers.js `flick`): a lone one left the page at the
    // top for 10 s in two full runs.
    await page.mouse.move(200, 400);
    await flick(page, 700);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(300);
    await expect.poll(() => headerShown(page)).toBeLessThanOrEqual(60);
    // The save state and undo stay reachable; the page itself did not move under the reader.
    await expect(page.getByTestId('save-state')).toBeInViewport();
    await expect(page.getByRole('banner').getByRole('button', { name: '撤销' })).toBeInViewport();
    expect(await contentTop()).toBe(before);

    await flick(page, -5000);
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
    await expect.poll(() => headerShown(page)).toBe(full);
    await expect(page.getByRole('banner').getByText('全渠道拓展规划')).toBeInViewport();
  });

  for (const [path, link, heading] of [
    ['/scenario', '预算分配', '预算分配'],
    ['/scenario', '目标拆解', 'SMART目标'],
    ['/funnel', '对比', null],
    ['/toolkits', null, null],
  ]) {
    test(`a section link on ${path}${link ? ` (${link})` : ''} puts its heading just below the header`, async ({ page }) => {
      await page.goto(path);
      const toc = page.locator('nav.page-toc');
      const target = link ? toc.getByRole('link', { name: link, exact: true }) : toc.getByRole('link').nth(1);
      const id = (await target.getAttribute('href')).slice(1);
      const title = page.locator(`[id="${id}"]`).getByRole('heading').first();
      if (heading) await expect(title).toHaveText(heading);
      await target.tap();
      await expect(title).toBeInViewport();
      const place = () => title.evaluate((h) => {
        const header = document.querySelector('header.topbar').getBoundingClientRect();
        const end = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight;
        return { top: Math.round(h.getBoundingClientRect().top), headerBottom: Math.round(header.bottom), end };
      });
      // Just below the header; a section near the end of the page stops lower (the page
      // cannot scroll further), but never under the header.
      await expect.poll(async () => {
        const { top, headerBottom, end } = await place();
        return top >= headerBottom && (top < headerBottom + 80 || end);
      }, { message: 'the heading sits just below the header, not under it' }).toBe(true);
    });
  }

  test('计划覆盖月数, 报告月份 and a toolkit field are thumb-sized fields with 16 px text', async ({ page }) => {
    const sized = async (field) => {
      await expect(field).toBeVisible();
      const size = await field.evaluate((e) => {
        const s = getComputedStyle(e);
        return { height: e.getBoundingClientRect().height, font: parseFloat(s.fontSize), border: s.borderTopStyle };
      });
      expect(size.height).toBeGreaterThanOrEqual(40);
      expect(size.font).toBeGreaterThanOrEqual(16);
      expect(size.border).toBe('solid');
    };
    await page.goto('/tasks');
    const months = page.getByLabel('计划覆盖月数');
    await sized(months);
    await months.tap();
    await months.press('Control+A');
    await months.press('Delete');
    await months.pressSequentially('4');
    await expect(page.getByTestId('horizon-hint')).toContainText('4');

    await nav(page).getByRole('link', { name: '渠道分析' }).tap();
    await sized(page.getByLabel('报告月份(留空为最新月份)'));
    await nav(page).getByRole('link', { name: '行业工具' }).tap();
    await sized(page.getByLabel('券核销率(%)'));
  });
});

test.describe('the print view', () => {
  test('is reached from the header as 打印 / 导出 PDF on a phone', async ({ browser }) => {
    const context = await browser.newContext({ ...phone, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/funnel');
    // A context of its own, without the fixture's wait: measure the app's header, not the
    // prerendered one the takeover is about to replace (its link would be gone mid-read).
    await untilLive(page);
    const link = page.getByRole('banner').getByRole('link', { name: '打印 / 导出 PDF' });
    await expect(link).toBeInViewport();
    expect((await link.boundingBox()).height).toBeGreaterThanOrEqual(44);
    await link.tap();
    await expect(page).toHaveURL('/print');
    await expect(page.getByRole('button', { name: '打印 / 存为PDF' })).toBeVisible();
    await context.close();
  });

  test('reads like a report: values as text, only this plan\'s toolkit, nothing cut, on A4', async ({ page }) => {
    await page.goto('/scenario');
    await page.getByRole('banner').getByRole('link', { name: '打印 / 导出 PDF' }).click();
    await expect(page).toHaveURL('/print');
    const titles = () => page.getByRole('heading', { level: 1 }).allTextContents();
    await expect.poll(titles).toEqual(expect.arrayContaining(['线上线下联动场景规划', '行业定制化落地工具包']));
    await expect(page.locator('canvas[role="img"]').first()).toBeVisible();
    // Every section built (they are, one per task, after the first paint).
    await expect(page.locator('.deferred')).toHaveCount(0);
    // A long table prints every row, not the screenful a virtual table keeps in the page:
    // the demo's 24 months of spend for each of 6 channels.
    const history = page.locator('table[data-table="mix-history"] tbody tr:not(.spacer)');
    await expect(history).toHaveCount(144);

    // On paper, at the width of an A4 page less its margins (186 mm ≈ 703 px).
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const paper = await page.evaluate(() => {
      const shown = (e) => e.checkVisibility() && e.getBoundingClientRect().width > 1;
      const controls = [...document.querySelectorAll('input, select, textarea')].filter(shown);
      const cut = [...document.querySelectorAll('th, td')].filter((c) => shown(c) && c.scrollWidth > c.clientWidth + 1);
      return {
        controls: controls.map((c) => c.getAttribute('aria-label') ?? c.id ?? c.type),
        cut: cut.map((c) => c.textContent.trim().slice(0, 40)),
        industries: [...document.querySelectorAll('.industry-group')].filter(shown).map((g) => g.dataset.industry),
        printed: [...document.querySelectorAll('.print-value')].filter(shown).map((v) => v.textContent),
        // Nothing wider than the paper (the browser would shrink every page to fit it).
        wide: [...document.querySelectorAll('table, .chart, .figures')].filter((e) => shown(e) && e.getBoundingClientRect().right > innerWidth + 1)
          .map((e) => e.dataset.table ?? e.className),
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    expect(paper.controls, 'no input box or select arrow on paper').toEqual([]);
    expect(paper.cut, 'no value cut off').toEqual([]);
    expect(paper.wide, 'every table and chart within the page width').toEqual([]);
    expect(paper.pageWidth).toBeLessThanOrEqual(703);
    expect(paper.industries, 'only the plan\'s own industry toolkit').toEqual(['retail']);
    await expect(page.getByRole('heading', { name: '服务业', exact: true })).toHaveCount(0);
    // Typed values and chosen options are printed as text.
    expect(paper.printed).toEqual(expect.arrayContaining([DEMO, '零售', '¥ CNY']));
    expect(paper.printed.filter((t) => t === '启动期').length).toBeGreaterThan(0); // a task's phase, chosen in a select

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await mkdir(EVIDENCE, { recursive: true });
    await writeFile(new URL('print.pdf', EVIDENCE), pdf);
  });
});

test('the funnel page has one CSV export, the complete one', async ({ page }) => {
  await page.goto('/funnel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户行为转化漏斗分析表');
  // With its analysis tables open too: every table of the page is the same stages.
  for (const name of ['逐环节设置目标与假设转化率', '填写对比期人数']) {
    await page.getByRole('button', { name }).click();
    await expect(page.getByRole('button', { name })).toHaveAttribute('aria-expanded', 'true');
  }
  const exports = page.getByRole('button', { name: /导出/ });
  await expect(exports).toHaveCount(1);
  await expect(exports).toHaveText('导出漏斗 CSV');
  const [download] = await Promise.all([page.waitForEvent('download'), exports.click()]);
  const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
  expect(text.slice(1).split('\r\n')[0]).toBe('转化环节,触达人数,转化人数,转化率,流失人数,环节流失原因,优化措施,目标转化率,假设转化率,侧入口,对比期触达人数,对比期转化人数,对比期转化率');
});
