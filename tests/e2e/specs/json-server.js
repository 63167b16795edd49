// A real json-server 0.17 for the backend specs: started on its own port with a db file
// (a fresh empty one by default), stopped, restarted on the same file; and the app's
// backend settings form.
import { expect } from '@playwright/test';
import { untilLive } from './fixtures.js';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const JSON_SERVER = fileURLToPath(new URL('../node_modules/.bin/json-server', import.meta.url));

/** Starts json-server on `port` with `db` (a fresh empty one by default); waits until it answers. */
export const startServer = async (port, db) => {
  if (!db) {
    db = join(await mkdtemp(join(tmpdir(), 'omo-backend-')), 'db.json');
    await writeFile(db, JSON.stringify({ plans: [] }));
  }
  const proc = spawn(JSON_SERVER, ['--port', String(port), '--host', '127.0.0.1', db], { stdio: 'ignore' });
  await expect
    .poll(() => fetch(`http://127.0.0.1:${port}/plans`).then((r) => r.ok, () => false), { timeout: 15_000 })
    .toBe(true);
  return { proc, db, url: `http://127.0.0.1:${port}` };
};

/** Stops it (SIGTERM by default; 'SIGKILL' for a crash) and waits for the exit. */
export const stopServer = async ({ proc }, signal = 'SIGTERM') => {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill(signal);
  await exited;
};

export const serverPlans = async (server) => (await fetch(`${server.url}/plans`)).json();

export const syncState = (page) => page.getByTestId('sync-state');

/** Sets the backend on the settings page and saves. */
export const configure = async (page, url) => {
  await page.goto('/settings');
  // Pages of a context made with `browser.newContext()` do not wait for the app's takeover
  // of the prerendered page by themselves (fixtures.js).
  await untilLive(page);
  await page.getByLabel('后端地址', { exact: true }).fill(url);
  await expect(page.getByLabel('集合路径', { exact: true })).toHaveValue('plans');
  await page.getByRole('button', { name: '保存后端设置', exact: true }).click();
  await expect(page.getByTestId('backend-saved')).toHaveText('后端设置已保存。');
};
