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
