// The app opens offline (issue 28): after a first visit its service worker (sw.js, written
// by .ci/service-worker.mjs) has saved the whole app; with the network off the app opens,
// at an address visited before and at ones never visited, and says it is offline. A new
// release served on the same origin is picked up on the next visit, with none of the old
// build's files, and the old build's saved copy is deleted.
//
// Each test serves its own copy of the bundle on a port of its own (one origin per test: a
// service worker and its caches belong to an origin), so that it can put a new build in
// the old one's place. The other specs run with service workers blocked (fixtures.js).
import { test, expect } from './fixtures.js';
import { serve } from '../serve.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 180_000 });

const e2e = fileURLToPath(new URL('..', import.meta.url));
const DIST = resolve(e2e, process.env.E2E_DIST ?? '../../dist');
const STEP = resolve(e2e, '../../.ci/service-worker.mjs');
const OFFLINE = '离线 · 使用本机保存的版本';

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const filesOf = (dir) => new Set(walk(dir).filter((f) => !/\.(br|gz)$/.test(f)).map((f) => '/' + relative(dir, f).split(sep).join('/')));
const buildOf = (dir) => readFileSync(join(dir, 'index.html'), 'utf8').match(/<meta name="omo-build" content="([0-9a-f]+)">/)?.[1];

let work;
let server;
test.beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'omo-offline-'));
});
test.afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done()));
  server = undefined;
  rmSync(work, { recursive: true, force: true });
});

/** Serves a copy of the bundle under test; returns its origin and folder. */
async function serveCopy() {
  const site = join(work, 'site');
  cpSync(DIST, site, { recursive: true });
  server = await serve(site, 0, { quiet: true });
  return { origin: `http://127.0.0.1:${server.address().port}`, site };
}

/** The first visit's end: the service worker installed (the app saved) and in charge. */
async function savedForOffline(page) {
  await page.waitForFunction(() => 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null, null, {
    timeout: 90_000,
  });
  await page.evaluate(() => navigator.serviceWorker.ready);
}

test('after one visit the app opens with the network off, on pages visited and not, and says it is offline', async ({ page, context }) => {
  const { origin } = await serveCopy();
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await expect(page.getByTestId('offline-state')).toHaveCount(0);
  await savedForOffline(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await expect(page.getByTestId('offline-state')).toHaveText(OFFLINE);

  // Never visited: the tasks page's modules (a navigation pack) come from the saved copy.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '任务拆解' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分阶段执行任务拆解表');
  await expect(page.getByRole('cell').first()).toBeVisible();

  // Never visited, by its address: the page's HTML and its start pack from the saved copy.
  await page.goto(`${origin}/channels`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('渠道与KPI分析');
  await expect(page.getByTestId('offline-state')).toHaveText(OFFLINE);
  // An address with no page of its own gets the shell, its style sheet from the saved copy.
  await page.goto(`${origin}/no-such-page`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面。');
  await expect(page.getByTestId('offline-state')).toHaveText(OFFLINE);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.topbar')).position)).toBe('sticky');

  // The network back: the badge goes.
  await context.setOffline(false);
  await expect(page.getByTestId('offline-state')).toHaveCount(0);
});

test('a new release is picked up on the next visit, with only its own files, and the old saved copy goes', async ({ page, context }) => {
  const { origin, site } = await serveCopy();
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await savedForOffline(page);
  const oldBuild = buildOf(site);
  const oldFiles = filesOf(site);
  expect(await page.evaluate(() => caches.keys())).toEqual([`omo-planner-${oldBuild}`]);

  // The new release: the bundle with another style sheet (a new hashed file; the old one
  // gone) and another page title, then the service-worker step, as `make build` ends.
  const next = join(work, 'next');
  cpSync(DIST, next, { recursive: true });
  const [css] = readdirSync(next).filter((f) => /^main-[0-9a-f]+\.css$/.test(f));
  const oldCss = readFileSync(join(next, css), 'utf8');
  const newCss = `${oldCss}\n.topbar { outline: 0 solid transparent; }\n`;
  const newName = `main-${createHash('sha256').update(newCss).digest('hex').slice(0, 16)}.css`;
  for (const f of [css, `${css}.br`, `${css}.gz`]) if (existsSync(join(next, f))) unlinkSync(join(next, f));
  writeFileSync(join(next, newName), newCss);
  const sri = `sha384-${createHash('sha384').update(newCss).digest('base64')}`;
  for (const f of walk(next).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(f, 'utf8')
      .replace(/<title>([^<]*)<\/title>/, '<title>$1 · 新版本</title>')
      .replace(new RegExp(`href="/${css}" integrity="[^"]*"`), `href="/${newName}" integrity="${sri}"`)
      .replace(oldCss, newCss);
    writeFileSync(f, html);
  }
  execFileSync(process.execPath, [STEP, next]);
  const newBuild = buildOf(next);
  const newFiles = filesOf(next);
  expect(newBuild).not.toBe(oldBuild);
  expect(newFiles.has(`/${css}`)).toBe(false);
  rmSync(site, { recursive: true, force: true });
  cpSync(next, site, { recursive: true });

  // The next visit, online: the new release's page, asking only for the new build's files.
  const asked = [];
  page.on('request', (r) => r.url().startsWith(origin) && asked.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/`);
  await expect(page).toHaveTitle(/新版本$/);
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await page.goto(`${origin}/no-such-page`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面。');
  await expect(page).toHaveTitle(/新版本$/);
  const files = asked.filter((p) => p !== '/' && p !== '/no-such-page');
  expect(files).toContain(`/${newName}`);
  expect(files.filter((p) => !newFiles.has(p)), 'requests for files the new build does not have').toEqual([]);
  expect(files.filter((p) => oldFiles.has(p) && !newFiles.has(p))).toEqual([]);

  // The new worker takes over and the old build's saved copy is deleted (no page runs it).
  await expect
    .poll(() => page.evaluate(() => caches.keys()), { timeout: 120_000 })
    .toEqual([`omo-planner-${newBuild}`]);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // Offline now: the new build, whole, from its own saved copy.
  await context.setOffline(true);
  await page.goto(`${origin}/`);
  await expect(page).toHaveTitle(/新版本$/);
  await expect(page.getByTestId('overview-rate')).toHaveText('3.24%');
  await expect(page.getByTestId('offline-state')).toHaveText(OFFLINE);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '渠道分析' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('渠道与KPI分析');
  expect(await page.evaluate(() => document.querySelector('meta[name="omo-build"]')?.content)).toBe(newBuild);
});
