// The overview (概览, issue 22): `/` opens on the open plan's headline figures and what
// needs attention now, phone first; each item is a link to the page (and section) that
// shows it, and its figures follow edits made there. The demo plan's figures are worked
// out in the comments from the spec (/work/shared/spec/domain.md) and src/domain/plan/demo.rs.
import { test, expect } from './fixtures.js';
import AxeBuilder from '@axe-core/playwright';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

// Wednesday 24 February 2027, campaign month 6 of the demo (it starts 1 September 2026):
// the growth phase (months 3-5) ended with its two tasks still in progress, so both are
// overdue since their last dates in January; the steady phase's 全域ROI优化 is due at the
// end of the month, Sunday 28 February, the last day of this week.
const LATE = new Date('2027-02-24T10:00:00');
// Wednesday 7 October 2026, month 2: the launch tasks are done, the growth phase's first
// dates are in November.
const EARLY = new Date('2026-10-07T10:00:00');

const nav = (page) => page.getByRole('navigation', { name: '主导航' });
const shows = (page, id) => page.getByTestId(`overview-${id}`);
const saved = (page) => expect(page.getByTestId('save-state')).toHaveText('已保存在本机');

test.describe('on a phone (390 × 844)', () => {
  test.use(PHONE);

  test('/ opens the overview with the demo plan\'s headline figures', async ({ page }) => {
    await page.clock.setFixedTime(LATE);
    await page.goto('/');
    await expect(page.locator('#main h1')).toHaveText('计划概览');
    // 概览 is the first tab, and the current one.
    await expect(nav(page).getByRole('link').first()).toHaveAccessibleName('概览');
    await expect(nav(page).getByRole('link', { name: '概览' })).toHaveAttribute('aria-current', 'page');
    await expect(nav(page).getByRole('link', { name: '场景规划' })).not.toHaveAttribute('aria-current', 'page');

    // Spec §3: 324 / 10,000, as the funnel page shows it.
    await expect(shows(page, 'rate')).toHaveText('3.24%');
    // Spec §1.4: ¥10,000,000 × 4% = ¥400,000 split 40/30/20/10; the cost lines commit
    // ¥160,000 + ¥30,000 + ¥130,000 = ¥320,000; 线上广告 has ¥130,000 on its ¥120,000.
    await expect(shows(page, 'allocated')).toHaveText('¥400,000.00');
    await expect(shows(page, 'committed')).toHaveText('¥320,000.00');
    await expect(shows(page, 'left')).toHaveText('¥80,000.00');
    await expect(shows(page, 'budget-note')).toHaveText('超支:线上广告');
    // Spec §2 on 24 February 2027.
    await expect(shows(page, 'due')).toHaveText('1');
    await expect(shows(page, 'overdue')).toHaveText('2');
    await expect(shows(page, 'due-note')).toHaveText('本周到期:全域ROI优化 (2027年2月28日)');
    await expect(shows(page, 'overdue-note')).toHaveText(
      /^已逾期:线上活动策划 \(2027年1月\d+日\)、数据标签体系完善 \(2027年1月\d+日\)$/,
    );
    await expect(shows(page, 'tasks')).toContainText('今天 2027年2月24日,本周到 2027年2月28日');
    // The channel page's alert: the order value (¥150) under its ¥160 threshold.
    await expect(shows(page, 'alerts-crossed')).toHaveText('1');
    await expect(shows(page, 'alerts-note')).toHaveText('客单价');
    // 私域用户数: 扫码关注 3,000 of 10,000 and 活跃率 40% of 45% short; 季度复购率: 核销率
    // 30% of 35% and OMO 12% of 15% short; 新区域月销售额 has no indicator yet.
    await expect(shows(page, 'goals-off')).toHaveText('2 / 3');
    await expect(shows(page, 'goals-note')).toHaveText('私域用户数:2 项指标未达标、季度复购率:2 项指标未达标');

    // Laid out for the phone: nothing sideways, every item a thumb-sized link on screen.
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    for (const link of await page.locator('.overview-item').all()) {
      const box = await link.boundingBox();
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
  });

  test('items with nothing to attend to say so plainly', async ({ page }) => {
    await page.clock.setFixedTime(EARLY);
    await page.goto('/');
    await expect(shows(page, 'due')).toHaveText('0');
    await expect(shows(page, 'overdue')).toHaveText('0');
    await expect(shows(page, 'due-note')).toHaveText('本周没有到期任务');
    await expect(shows(page, 'overdue-note')).toHaveText('无逾期任务');
    await expect(shows(page, 'tasks')).toContainText('今天 2026年10月7日,本周到 2026年10月11日');
  });

  for (const [id, url, heading, section] of [
    ['conversion', /\/funnel$/, '客户行为转化漏斗分析表', null],
    ['budget', /\/scenario#budget$/, '线上线下联动场景规划', '#budget'],
    ['tasks', /\/tasks$/, '分阶段执行任务拆解表', null],
    ['alerts', /\/channels#alerts$/, '渠道与KPI分析', '#alerts'],
    ['goals', /\/scenario#goals$/, '线上线下联动场景规划', '#goals'],
  ]) {
    test(`tapping the ${id} item opens the page that shows it`, async ({ page }) => {
      await page.clock.setFixedTime(LATE);
      await page.goto('/');
      await shows(page, id).tap();
      await expect(page).toHaveURL(url);
      await expect(page.locator('#main h1')).toHaveText(heading);
      if (section) await expect(page.locator(section).locator('h2')).toBeInViewport();
    });
  }

  test('an edit on the funnel page changes the overview\'s figure when you come back', async ({ page }) => {
    await page.goto('/');
    await expect(shows(page, 'rate')).toHaveText('3.24%');
    await nav(page).getByRole('link', { name: '转化漏斗' }).tap();
    const converted = page.getByRole('textbox', { name: '转化人数 到店消费', exact: true });
    await converted.tap();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await expect(converted).toHaveValue('');
    await converted.pressSequentially('270');
    await expect(page.getByTestId('overall-conversion')).toHaveText('2.7%');
    await nav(page).getByRole('link', { name: '概览' }).tap();
    await expect(page).toHaveURL(/\/$/);
    await expect(shows(page, 'rate')).toHaveText('2.7%');
    await saved(page);
    await page.reload();
    await expect(shows(page, 'rate')).toHaveText('2.7%');

    // The first stage's reached count emptied: no denominator, no rate ("—").
    await nav(page).getByRole('link', { name: '转化漏斗' }).tap();
    const reached = page.getByRole('textbox', { name: '触达人数 门店扫码关注', exact: true });
    await reached.tap();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await expect(reached).toHaveValue('');
    await nav(page).getByRole('link', { name: '概览' }).tap();
    await expect(shows(page, 'rate')).toHaveText('—');
  });

  test('has no serious accessibility violation', async ({ page }) => {
    await page.goto('/');
    await expect(shows(page, 'rate')).toHaveText('3.24%');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target})`);
    expect(serious).toEqual([]);
  });
});

test('on a desktop, the overview is the first entry of the side navigation and every old address still opens its page', async ({ page }) => {
  await page.goto('/scenario');
  await expect(page.locator('#main h1')).toHaveText('线上线下联动场景规划');
  await expect(nav(page).getByRole('link', { name: '概览' })).not.toHaveAttribute('aria-current', 'page');
  await nav(page).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('#main h1')).toHaveText('计划概览');
  await expect(shows(page, 'rate')).toHaveText('3.24%');
  for (const [path, heading] of [
    ['/tasks', '分阶段执行任务拆解表'],
    ['/funnel', '客户行为转化漏斗分析表'],
    ['/channels', '渠道与KPI分析'],
    ['/toolkits', '行业定制化落地工具包'],
    ['/customers', '客户分层与归因分析'],
    ['/plans', '我的计划'],
    ['/settings', '设置'],
  ]) {
    await page.goto(path);
    await expect(page.locator('#main h1').first()).toHaveText(heading);
  }
});

test('the print report opens with the overview\'s figures', async ({ page }) => {
  await page.goto('/print');
  await expect(page.getByRole('heading', { level: 1, name: '计划概览' })).toBeVisible();
  await expect(shows(page, 'rate')).toHaveText('3.24%');
  await expect(shows(page, 'committed')).toHaveText('¥320,000.00');
});
