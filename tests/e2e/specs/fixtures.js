// Every spec imports `test` from here: it fails a test whose pages broke the app's
// Content-Security-Policy (Chromium reports each refusal on the console), read a text
// before its page module brought it, or threw an uncaught error, so a policy too strict,
// a script too loose or a text left out cannot slip by.
import { test as base, expect } from '@playwright/test';

export const watchPolicy = (context) => {
  const problems = [];
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    // A page's texts read before its module installed them (src/i18n/messages.rs).
    if (/missing UI texts/.test(m.text())) problems.push(m.text());
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  return problems;
};

// The page the server sends is prerendered HTML (.ci/prerender.mjs) until the app takes it
// over (`<html data-app="live">`, src/app.rs `mount`). A test that opens an address acts on
// the app, so `goto` and `reload` wait for the takeover too (first-paint.spec.js tests what
// comes before it), and for the sections the takeover held off screen to be let go (their
// content is hidden for a few frames, `data-held`). Pages without prerendered HTML have
// nothing to wait for.
export const untilLive = (page) =>
  page.waitForFunction(
    () => (document.documentElement.dataset.app === 'live' && !document.querySelector('[data-held]'))
      || !document.querySelector('[data-prerendered]'),
    null,
    { timeout: 30_000 },
  );

// `{ live: false }` among the options of `goto` / `reload`: return as soon as it loaded.
const waitForTakeover = (page) => {
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const last = args.length ? args[args.length - 1] : undefined;
      const wait = !(last && typeof last === 'object' && last.live === false);
      if (!wait) args[args.length - 1] = Object.fromEntries(Object.entries(last).filter(([k]) => k !== 'live'));
      const response = await original(...args);
      if (wait && response?.headers()['content-type']?.startsWith('text/html')) await untilLive(page);
      return response;
    };
  }
};

export const test = base.extend({
  // The app's service worker (sw.js, issue 28) is registered once a page is live and then
  // answers the page's requests: `page.route` no longer sees them (Playwright's routes do
  // not apply to requests a service worker answers), and each test would save the whole
  // app (about 3.7 MB) in its fresh context. offline.spec.js tests the worker and allows it.
  serviceWorkers: 'block',
  context: async ({ context, javaScriptEnabled }, use) => {
    const problems = watchPolicy(context);
    // Every page of the context, the test's own and any it opens (a second tab).
    if (javaScriptEnabled !== false) {
      context.pages().forEach(waitForTakeover);
      context.on('page', waitForTakeover);
    }
    await use(context);
    expect(problems, 'no CSP violation and no uncaught error').toEqual([]);
  },
});

export { expect };
