// A real pouchdb-server (the CouchDB HTTP protocol on PouchDB, from npm) for the CouchDB
// backend specs: started on its own port with a fresh temporary data directory (its
// config.json and log.txt land there too), killed, restarted on the same directory; and
// the app's settings form set to CouchDB. pouchdb-server answers CORS for any origin by
// default (its `[cors] origins = *`), so the app on the e2e port may call it.
import { expect } from '@playwright/test';
import { untilLive } from './fixtures.js';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POUCHDB_SERVER = fileURLToPath(new URL('../node_modules/.bin/pouchdb-server', import.meta.url));

/** Starts pouchdb-server on `port` over `dir` (a fresh one by default); waits until it answers. */
export const startCouch = async (port, dir) => {
  if (!dir) dir = await mkdtemp(join(tmpdir(), 'omo-couch-'));
  const proc = spawn(
    POUCHDB_SERVER,
    ['--port', String(port), '--host', '127.0.0.1', '--dir', dir, '--config', join(dir, 'config.json'), '--no-stdout-logs'],
    { cwd: dir, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(() => fetch(`${url}/`).then((r) => r.ok, () => false), { timeout: 30_000 })
    .toBe(true);
  return { proc, dir, url, db: `${url}/plans` };
};

/** Stops it (SIGKILL by default: a crash) and waits for the exit. */
export const stopCouch = async ({ proc }, signal = 'SIGKILL') => {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill(signal);
  await exited;
};

/** Creates the database (for tests that do not go through the settings' button). */
export const createDb = async (server) => {
  const r = await fetch(server.db, { method: 'PUT' });
  expect(r.status).toBe(201);
};

/** The plan documents on the server (`_all_docs?include_docs=true`). */
export const couchDocs = async (server) => {
  const r = await fetch(`${server.db}/_all_docs?include_docs=true`);
  return (await r.json()).rows.map((row) => row.doc);
};

/** One document by id. */
export const couchDoc = async (server, id) => (await fetch(`${server.db}/${encodeURIComponent(id)}`)).json();

/** Chooses CouchDB on the settings page, types the database URL and saves. */
export const configureCouch = async (page, dbUrl) => {
  await page.goto('/settings');
  await untilLive(page);
  await page.getByRole('combobox', { name: '后端类型', exact: true }).selectOption('couch');
  const url = page.getByRole('textbox', { name: /^数据库地址/ });
  await url.click();
  await url.pressSequentially(dbUrl);
  await page.getByRole('button', { name: '保存后端设置', exact: true }).click();
  await expect(page.getByTestId('backend-saved')).toHaveText('后端设置已保存。');
};
