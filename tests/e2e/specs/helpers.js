// Shared helpers for the e2e specs.
import { expect } from '@playwright/test';

/** The input (or select) of a cell, by its accessible name "column row". */
export const cell = (page, column, row) =>
  page.locator(`table.grid [aria-label="${column} ${row}"]`);

/** The read-only figures of a row, by table key and row id. */
export const derived = (page, table, rowId) =>
  page.locator(`table[data-table="${table}"] tr[data-row-id="${rowId}"] td.col-derived`);

/** Waits until autosave has written the last change. */
export const saved = async (page) => expect(page.getByTestId('save-state')).toHaveText('已保存在本机');

/**
 * Every plan document this browser keeps, by plan id: `working` (localStorage: the open
 * plan, and one another tab may have open) and `archived` (IndexedDB `omo-planner`,
 * store `plans`: the others), each `{ id: text }`. Never creates the database.
 */
export const storedPlans = (page) =>
  page.evaluate(async () => {
    const prefix = 'omo-planner.plan.';
    const working = {};
    for (const key of Object.keys(localStorage)) {
      const id = key.slice(prefix.length);
      if (key.startsWith(prefix) && /^[a-z0-9-]+$/.test(id)) working[id] = localStorage.getItem(key);
    }
    const archived = await new Promise((resolve) => {
      if (!self.indexedDB) return resolve({});
      const open = indexedDB.open('omo-planner');
      // Not there yet: leave its creation to the app.
      open.onupgradeneeded = () => open.transaction.abort();
      open.onerror = () => resolve({});
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('plans')) { db.close(); return resolve({}); }
        const store = db.transaction('plans').objectStore('plans');
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () => {
          db.close();
          resolve(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]])));
        };
      };
    });
    return { working, archived };
  });

/** Plan `id`'s document wherever it is kept (a working copy wins), or null. */
export const storedPlan = async (page, id) => {
  const { working, archived } = await storedPlans(page);
  return working[id] ?? archived[id] ?? null;
};

/** The accessible name of the focused element. */
export const focusedName = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

/** Dispatches a paste of `text` on the focused element, as a spreadsheet's copy would. */
export const pasteText = (page, text) =>
  page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

/** Dispatches a copy on the focused element and returns what the table put on the clipboard. */
export const copyText = (page) =>
  page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });

// The wasm split's lazily loaded modules (.ci/wasm-split.mjs): each is a file of its own,
// `split_<name>-<hash>.wasm` with its `chunk_*` files; the modules an address starts with
// also come in one start pack, `pack_[<page>+]<start>-<hash>.bin`, and those a page opened
// in the app asks for in its navigation pack, `nav_<page>-<hash>.bin`.
/** Any lazily loaded module's file, or a pack of them. */
export const splitFile = /\/((split|chunk)_[^/]*\.wasm|(pack|nav)_[^/]*\.bin)$/;
/** A request that brings the module `name`: its own file, or a pack holding it. */
export const moduleRequest = (name) =>
  new RegExp(`/(split_${name}-[0-9a-f]+\\.wasm|nav_${name}-[0-9a-f]+\\.bin|pack_(${name}\\+[a-z_]+|([a-z_]+\\+)?${name})-[0-9a-f]+\\.bin)$`);
/** The modules a request brings: the one of a module's file or navigation pack, both of a
 * start pack. */
export const modulesOf = (url) =>
  url.match(/\/(?:split_([a-z_]+)-[0-9a-f]+\.wasm|nav_([a-z_]+)-[0-9a-f]+\.bin)$/)?.slice(1).filter(Boolean) ??
  url.match(/\/pack_([a-z_+]+)-[0-9a-f]+\.bin$/)?.[1].split('+') ??
  [];

/**
 * Scrolls by `dy` pixels as a hand on a wheel or a trackpad does: a stream of small wheel
 * events, not one. A lone synthetic wheel event now and then waits in Chromium's input
 * pipeline until the next input arrives (on /tasks at CPU 4×: 2 of 16 wheels, even a
 * second after the page went live; the next wheel then scrolled by both), which a real
 * gesture never leaves it waiting for; in a stream, each step lets the one before it go.
 */
export const flick = async (page, dy, steps = 7) => {
  for (let i = 0; i < steps; i++) await page.mouse.wheel(0, dy / steps);
};
