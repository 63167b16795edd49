// axe-core on every page: no serious or critical violation, desktop and phone.
import { test, expect } from './fixtures.js';
import AxeBuilder from '@axe-core/playwright';

const paths = ['/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/settings', '/plans'];

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 812 }]) {
  for (const path of paths) {
    test(`${path} at ${viewport.width}px has no serious accessibility violation`, async ({ page }) => {
      // axe walks every node: the long pages (several tables, charts) need more than the
      // default 30 s on a busy two-core machine.
      test.setTimeout(90_000);
      await page.setViewportSize(viewport);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target})`);
      expect(serious).toEqual([]);
    });
  }
}
