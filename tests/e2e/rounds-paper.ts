import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot, type App } from './harness';

/* What the 居民代购 e2e test puts on paper and into files: PDFs of the print addresses, the grid worker's sheet, the screens at two sizes. */

export const SHOTS = '/tmp/shots-rounds';
const own = { headers: { 'sec-fetch-site': 'same-origin' } };

/** A print address as Chromium prints it to PDF (in /tmp/shots-rounds, with its pages as PNG at 60 dpi); poppler's text, white space dropped. */
export async function printedPdf(app: App, page: Page, path: string, name: string): Promise<{ pages: number; text: string }> {
  mkdirSync(SHOTS, { recursive: true });
  const res = await app.fetchAs(path, own);
  expect(res.status, path).toBe(200);
  await page.setContent(await res.text(), { waitUntil: 'load' });
  const file = join(SHOTS, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, name)]);
  return { pages, text: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '') };
}

/** The grid worker's sheet (网格员住户台账): a title row, then the header and the rows. */
export async function householdSheet(name: string, rows: (string | number)[][]): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户');
  ws.addRow(['东湖社区网格员住户台账']);
  ws.addRow(['小区', '楼栋', '单元', '房号', '户主姓名', '联系电话', '独居老人']);
  for (const r of rows) ws.addRow(r);
  const path = join(SHOTS, name);
  await wb.xlsx.writeFile(path);
  return path;
}

/**
 * The screen at 1366×768 and 1920×1080 (a screenshot of each, also in /tmp/shots-rounds); returns
 * the sideways scroll at 1366, if any. `ready` is called after each resize.
 */
export async function atBothSizes(page: Page, name: string, ready: () => Promise<void>): Promise<string[]> {
  const wide: string[] = [];
  for (const [w, h] of [[1920, 1080], [1366, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await ready();
    await page.waitForTimeout(300);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (w === 1366 && scroll > client) wide.push(`${name}: ${scroll} > ${client}`);
    await screenshot(page, `${name}-${w}`);
    await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`), fullPage: true });
  }
  return wide;
}
