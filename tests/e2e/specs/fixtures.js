// Every spec imports `test` from here: it fails a test whose pages broke the app's
// Content-Security-Policy (Chromium reports each refusal on the console), and any
// uncaught page error, so a policy too strict or a script too loose cannot slip by.
import { test as base, expect } from '@playwright/test';

export const watchPolicy = (context) => {
  const problems = [];
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  return problems;
};

export const test = base.extend({
  context: async ({ context }, use) => {
    const problems = watchPolicy(context);
    await use(context);
    expect(problems, 'no CSP violation and no uncaught error').toEqual([]);
  },
});

export { expect };
