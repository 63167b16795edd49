// The first paint comes from HTML prerendered at build time (.ci/prerender.mjs), and the
// app takes the page over without a visible change (src/app.rs `mount`); a returning
// merchant whose plan is not the demo never sees the demo's figures (index.html's inline
// script).
import { test, expect, untilLive } from './fixtures.js';

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

// The headline figures of `/` with the demo plan: what a visitor sees before any wasm.
const HEADLINE = [
  { testId: 'overview-rate', text: '3.24%' },
  { testId: 'overview-allocated', text: '¥400,000.00' },
];
// One of them, which the merchant's own plan below changes.
const DEMO_FIGURE = '¥400,000.00';

const MAIN_PAGES = ['/scenario', '/tasks', '/funnel', '/channels', '/toolkits', '/customers'];

// Holds back the app's main wasm module until `release()`: the page stays prerendered.
async function holdApp(page) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

// Opens `path` with the app held back (`holdApp`), adding up from the start every layout
// shift not caused by input in `window.__shift`; returns the release.
async function openHeld(page, path) {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const release = await holdApp(page);
  await page.goto(path, { live: false });
  return release;
}

const isLive = (page) => page.evaluate(() => document.documentElement.dataset.app === 'live');

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, ...phone });

  test('/ shows the demo plan’s headline figures from the HTML alone', async ({ page }) => {
    await page.goto('/');
    for (const { testId, text } of HEADLINE) await expect(page.getByTestId(testId)).toHaveText(text);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  });

  test('every main page is in its own HTML', async ({ page }) => {
    for (const path of MAIN_PAGES) {
      await page.goto(path);
      // The navigation marks the page the address names, and the page has its heading.
      const link = page.getByRole('navigation', { name: '主导航' }).locator(`a[href="${path}"]`);
      await expect(link, path).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('#main h1').first(), path).toBeVisible();
    }
  });
});

test.describe('on a phone', () => {
  test.use(phone);

  test('a merchant’s own plan: the demo’s figures are never visible, from the first paint on', async ({ page }) => {
    // Samples the page before every frame and on every change of the DOM, from the start
    // of the document: any visible text holding the demo's figure is recorded.
    await page.addInitScript((figure) => {
      const seen = { visible: [], prerendered: 0 };
      window.__firstPaint = seen;
      const check = (when) => {
        if (document.querySelector('[data-prerendered]')) seen.prerendered += 1;
        const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
        for (let node; (node = walker.nextNode()); ) {
          const el = node.parentElement;
          if (node.data.includes(figure) && el?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
            seen.visible.push(`${when}: <${el.tagName.toLowerCase()}> ${node.data.trim()}`);
            break;
          }
        }
      };
      new MutationObserver(() => check('change')).observe(document, {
        childList: true, subtree: true, characterData: true, attributes: true,
      });
      const frame = () => {
        check('frame');
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }, DEMO_FIGURE);

    // A first visit: the demo plan, and the sampler does see its figure.
    await page.goto('/scenario');
    await expect(page.getByTestId('budget-total')).toHaveText(DEMO_FIGURE);
    expect((await page.evaluate(() => window.__firstPaint)).visible.length).toBeGreaterThan(0);

    // The merchant makes the plan their own: a revenue of ¥20,000,000 (budget ¥800,000).
    const revenue = page.locator('#budget-revenue');
    await revenue.tap();
    await revenue.press('ControlOrMeta+a');
    await revenue.pressSequentially('20000000');
    await page.getByTestId('budget-total').tap();
    await expect(page.getByTestId('budget-total')).toHaveText('¥800,000.00');
    await expect(page.getByTestId('save-state')).toHaveText('已保存在本机');

    // The overview shows the budget as allocated, the scenario page as its total.
    for (const [path, figure] of [['/', 'overview-allocated'], ['/scenario', 'budget-total']]) {
      await page.goto(path);
      await expect(page.getByTestId(figure)).toHaveText('¥800,000.00');
      const seen = await page.evaluate(() => window.__firstPaint);
      expect(seen.prerendered, `${path}: the prerendered page was there`).toBeGreaterThan(0);
      expect(seen.visible, `${path}: no demo figure visible`).toEqual([]);
    }
  });

  test('a merchant who chose English never sees the Chinese page first', async ({ page }) => {
    // Records every sample in which text of the prerendered (Chinese) page is visible.
    await page.addInitScript(() => {
      const seen = { visible: 0, prerendered: 0 };
      window.__firstPaint = seen;
      const check = () => {
        const old = document.querySelector('[data-prerendered]');
        if (!old) return;
        seen.prerendered += 1;
        const walker = document.createTreeWalker(old, NodeFilter.SHOW_TEXT);
        for (let node; (node = walker.nextNode()); ) {
          if (node.data.trim() && node.parentElement.checkVisibility({ visibilityProperty: true })) {
            seen.visible += 1;
            break;
          }
        }
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
      const frame = () => {
        check();
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.goto('/tasks');
    expect((await page.evaluate(() => window.__firstPaint)).visible).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'English' }).tap();
    await expect(page.locator('#main h1')).toHaveText('Phased task breakdown');

    await page.goto('/tasks');
    await expect(page.locator('#main h1')).toHaveText('Phased task breakdown');
    const seen = await page.evaluate(() => window.__firstPaint);
    expect(seen.prerendered, 'the prerendered page was there').toBeGreaterThan(0);
    expect(seen.visible, 'none of it visible').toBe(0);
  });

  test('the takeover keeps the focused field, what was typed in it, and the scroll position', async ({ page }) => {
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const release = await holdApp(page);
    await page.goto('/scenario', { live: false });

    // The prerendered page: its field can be typed into before the app is there.
    const revenue = page.locator('#budget-revenue');
    await expect(revenue).toHaveValue('¥10,000,000.00');
    await revenue.tap();
    await revenue.press('ControlOrMeta+a');
    await revenue.pressSequentially('2000000');
    await expect(revenue).toHaveValue('2000000');
    expect(await isLive(page)).toBe(false);
    const scrollY = await page.evaluate(() => window.scrollY);
    expect(scrollY).toBeGreaterThan(0);

    release();
    await untilLive(page);
    await expect(revenue).toBeFocused();
    await expect(revenue).toHaveValue('2000000');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    // The caret is still at the end: the next key goes on, and the app takes it all in.
    await page.keyboard.type('0');
    await expect(revenue).toHaveValue('20000000');
    await expect(page.getByTestId('budget-total')).toHaveText('¥800,000.00');
    // Sections far off screen skip rendering while the field has focus, once the live
    // page has been laid out: the page stays where it was.
    await expect(page.locator('html')).toHaveAttribute('data-skip-offscreen', '');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    expect(errors).toEqual([]);
  });

  // No download of the app's is under way before the first paint: the main wasm and the
  // page's start pack are asked for once the first contentful paint is on screen
  // (index.html `__omoAfterPaint`), not merely after a frame was begun (a timer after it
  // could run before the frame was shown).
  test('the app’s downloads start only once the first contentful paint is on screen', async ({ page }) => {
    for (const path of ['/', ...MAIN_PAGES]) {
      await page.goto(path);
      const { fcp, starts } = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        starts: performance
          .getEntriesByType('resource')
          .filter((e) => /\.(wasm|bin)$/.test(new URL(e.name).pathname))
          .map((e) => [new URL(e.name).pathname, e.startTime]),
      }));
      expect(fcp, `${path}: a first contentful paint`).toBeGreaterThan(0);
      expect(starts.map(([file]) => file).join(' '), path).toMatch(/_bg\.wasm/);
      for (const [file, start] of starts) expect(start, `${path}: ${file} asked for after the first paint`).toBeGreaterThanOrEqual(fcp);
    }
  });

  // Writing <html lang>, even its own value, makes the browser restyle the whole page
  // (the prerendered /channels at 4× CPU: 110–120 ms): the start writes it only to change it.
  test('the start leaves <html lang> alone when it already names the language', async ({ page }) => {
    await page.addInitScript(() => {
      window.__langWrites = 0;
      new MutationObserver((list) => { window.__langWrites += list.length; })
        .observe(document, { attributes: true, attributeFilter: ['lang'], subtree: true });
    });
    await page.goto('/channels');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(await page.evaluate(() => window.__langWrites)).toBe(0);
    // A change of language is still written.
    await page.getByRole('button', { name: 'English' }).tap();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  // The swap's frame lays out what is on screen only: the live page's sections off screen
  // keep their prerendered size with their content neither styled nor laid out, and are
  // let go in the frames after it (src/app.rs `hold_offscreen_sections`), so a long page is
  // not one long task, and the browser's autofill, which measures every field right after
  // the swap, finds no held field to lay out.
  test('/channels: the sections far below are laid out after the takeover, where the prerendered ones were', async ({ page }) => {
    const release = await openHeld(page, '/channels');
    await expect(page.locator('#main h1').first()).toBeVisible();
    const boxes = () =>
      page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        sections: [...document.querySelectorAll('.page .section')].map((s) => {
          const r = s.getBoundingClientRect();
          return { id: s.id, top: Math.round(r.top + scrollY), height: Math.round(r.height) };
        }),
      }));
    const prerendered = await boxes();
    expect(prerendered.sections.length).toBeGreaterThan(3);
    // What the live sections are told at the swap, read in the swap's own task: whether
    // held, at what height, and whether a field inside has a box.
    await page.evaluate(() => {
      window.__held = null;
      const watch = new MutationObserver(() => {
        if (document.querySelector('[data-prerendered]')) return;
        watch.disconnect();
        window.__held = [...document.querySelectorAll('.page .section')].map((s) => ({
          id: s.id,
          held: s.hasAttribute('data-held'),
          height: s.style.height,
          fieldBoxes: [...s.querySelectorAll('input, select')].filter((f) => f.getClientRects().length > 0).length,
        }));
      });
      watch.observe(document.body, { childList: true, subtree: true });
    });
    release();
    await untilLive(page);
    const held = await page.evaluate(() => window.__held);
    const screen = page.viewportSize().height;
    expect(held.map((s) => s.id)).toEqual(prerendered.sections.map((s) => s.id));
    for (const [i, s] of held.entries()) {
      const twin = prerendered.sections[i];
      const onScreen = twin.top < screen && twin.top + twin.height > 0;
      expect(s.held, `${s.id} held at the swap (on screen: ${onScreen})`).toBe(!onScreen);
      if (!s.held) continue;
      // Its size while held: the prerendered section's; no field of it laid out.
      expect(Math.abs(parseFloat(s.height) - twin.height), `${s.id}: ${s.height}`).toBeLessThanOrEqual(1);
      expect(s.fieldBoxes, `${s.id}: fields with a box while held`).toBe(0);
    }
    expect(held.filter((s) => s.held).length).toBeGreaterThan(2);
    // Released one per frame.
    await expect(page.locator('html')).toHaveAttribute('data-skip-offscreen', '');
    expect(await page.locator('.page .section[data-held], .page .section[style*="height"]').count()).toBe(0);
    // Laid out whole, every section is where the prerendered one was.
    expect(await boxes()).toEqual(prerendered);
    expect(await page.evaluate(() => window.__shift)).toBeLessThanOrEqual(0.02);
  });

  for (const path of ['/', '/tasks', '/funnel']) {
    test(`${path}: the takeover changes nothing on screen and shifts no layout`, async ({ page }) => {
      const release = await openHeld(page, path);
      await expect(page.locator('#main h1').first()).toBeVisible();
      // Canvases are drawn by the app after the takeover, and what depends on the visitor's
      // day (data-live-only, hidden until then) is filled in by it: their boxes are masked.
      const shot = () =>
        page.screenshot({ mask: [page.locator('canvas, [data-live-only]')], animations: 'disabled', caret: 'hide' });
      const before = await shot();
      expect(await isLive(page)).toBe(false);
      release();
      await untilLive(page);
      const after = await shot();
      if (!after.equals(before)) {
        await test.info().attach('before', { body: before, contentType: 'image/png' });
        await test.info().attach('after', { body: after, contentType: 'image/png' });
      }
      expect(after.equals(before), 'the same pixels before and after the takeover').toBe(true);
      // Two frames later, every shift the takeover caused has been reported.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await page.evaluate(() => window.__shift)).toBeLessThanOrEqual(0.02);
    });
  }
});
