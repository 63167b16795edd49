// No long tasks on opening a page (issue 22, part 4): a page's sections below the fold are
// built in later tasks than the page itself (src/components/deferred.rs), one per turn of
// the event loop, or at once when the page is printed or an anchor names a section. The
// takeover of a prerendered page still shows a complete page. These tests check the
// structure, not the timing (figures come from `make bench-load`): what is in the page at
// the end of the task that builds it, and what is there when it is needed whole.
import { test, expect } from './fixtures.js';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const nav = (page) => page.getByRole('navigation', { name: '主导航' });

// From now on, the page's state at the end of each task that changes the DOM (a
// MutationObserver's callback runs in that task's microtasks): whether `built` (the part
// of the page on screen when it opens) and `later` (a section below the fold) are there,
// and how many sections wait to be built.
const record = (page, built, later) =>
  page.evaluate(([built, later]) => {
    window.__states = [];
    const note = () =>
      window.__states.push({
        built: !!document.querySelector(built),
        later: !!document.querySelector(later),
        waiting: document.querySelectorAll('#main [aria-busy="true"]').length,
      });
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
  }, [built, later]);

test.describe('on a phone', () => {
  test.use(phone);

  test('a page opens with its sections below the fold still to come, and they follow on their own', async ({ page }) => {
    await page.goto('/');
    // The funnel's main table is on screen when the page opens; its chart is far below.
    await record(page, '#main table', '#funnel-chart');
    await nav(page).getByRole('link', { name: '转化漏斗' }).tap();
    await expect(page.locator('#main h1')).toHaveText('客户行为转化漏斗分析表');
    // Without scrolling, every section arrives, and nothing waits any more.
    await expect(page.locator('#funnel-chart h2')).toBeAttached();
    await expect(page.locator('#main [aria-busy="true"]')).toHaveCount(0);
    const states = await page.evaluate(() => window.__states);
    const first = states.find((s) => s.built);
    expect(first, 'the page was built').toBeTruthy();
    // The task that built the page left the chart's section for later.
    expect(first.later).toBe(false);
    expect(first.waiting).toBeGreaterThan(0);
    const last = states[states.length - 1];
    expect(last).toEqual({ built: true, later: true, waiting: 0 });
  });

  test('printing a page builds every section still to come before the print', async ({ page }) => {
    await page.goto('/');
    // As soon as the scenario page is there with sections still to come, it is printed.
    await page.evaluate(() => {
      window.__printed = null;
      const watch = new MutationObserver(() => {
        if (window.__printed || !document.querySelector('#main [aria-busy="true"]')) return;
        watch.disconnect();
        window.dispatchEvent(new Event('beforeprint'));
        // The next task: before any later turn of the page's own building could run.
        setTimeout(() => {
          window.__printed = {
            waiting: document.querySelectorAll('#main [aria-busy="true"]').length,
            sections: ['playbooks', 'scenarios', 'goals', 'budget', 'resources', 'risks'].filter((id) => document.getElementById(id)),
          };
        });
      });
      watch.observe(document.body, { childList: true, subtree: true });
    });
    await nav(page).getByRole('link', { name: '场景规划' }).tap();
    await page.waitForFunction(() => window.__printed, null, { timeout: 15_000 });
    expect(await page.evaluate(() => window.__printed)).toEqual({
      waiting: 0,
      sections: ['playbooks', 'scenarios', 'goals', 'budget', 'resources', 'risks'],
    });
  });

  test('a link to a section lower on the page lands on it', async ({ page }) => {
    await page.goto('/channels');
    const toc = page.getByRole('navigation', { name: '本页目录' });
    await toc.getByRole('link', { name: 'A/B测试与SOP' }).tap();
    await expect(page).toHaveURL(/#ab-tests$/);
    await expect(page.locator('#ab-tests h2')).toBeInViewport();
  });

  test('an address naming a section opens on that section', async ({ page }) => {
    await page.goto('/');
    // Another page, opened from the address bar at its last section.
    await page.goto('/scenario#risks');
    await expect(page.locator('#risks h2')).toBeInViewport();
    await expect(page.locator('#main [aria-busy="true"]')).toHaveCount(0);
  });

  test('the prerendered page is taken over by a complete page', async ({ page }) => {
    // goto waits for the takeover: the app's page replaced the prerendered one.
    await page.goto('/toolkits');
    await expect(page.locator('[data-prerendered]')).toHaveCount(0);
    await expect(page.locator('#main [aria-busy="true"]')).toHaveCount(0);
    for (const id of ['stock', 'tiers', 'appointments', 'feedback', 'combos']) {
      await expect(page.locator(`#${id}`), id).toBeAttached();
    }
  });

  test('the print view holds every section of every page', async ({ page }) => {
    await page.goto('/print');
    await expect(page.locator('#main [aria-busy="true"]')).toHaveCount(0);
    for (const id of ['playbooks', 'goals', 'budget', 'risks', 'funnel-chart', 'funnel-compare', 'trend', 'channel-compare', 'ab-tests']) {
      await expect(page.locator(`#${id}`), id).toBeAttached();
    }
  });
});
