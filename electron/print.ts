import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { Context } from '../db/api/handler';
import { printConfirmed, type DesktopPrint, type PrintPage } from '../db/print/desktop-print';
import { paperMicrons } from '../db/print/papers';
import { readSettings } from '../db/reference/settings';

export type { DesktopPrint };

/**
 * Prints an issue slip from the desktop app: the same HTML as browser mode, in a hidden window,
 * sized in microns, no margins. The print is recorded only when the print call (or the PDF save)
 * says it happened; a cancelled dialog records nothing.
 */
export async function printSlipDesktop(ctx: Context, parent: BrowserWindow | null, req: DesktopPrint): Promise<unknown> {
  try {
    return await printConfirmed(ctx, req, (page) => printPage(ctx, parent, req, page));
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: `打印失败:${err instanceof Error ? err.message : String(err)}` } };
  }
}

async function printPage(ctx: Context, parent: BrowserWindow | null, req: DesktopPrint, page: PrintPage): Promise<{ printed: boolean; saved?: string | null }> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page.html)}`);
    if (req.pdf) {
      const pdf = await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, margins: { marginType: 'none' } });
      const target = await dialog.showSaveDialog(parent ?? win, { defaultPath: `${page.name}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (target.canceled || !target.filePath) return { printed: false, saved: null };
      await writeFile(target.filePath, pdf);
      return { printed: true, saved: target.filePath };
    }
    const settings = readSettings(ctx.ledger.db);
    const deviceName = typeof req.deviceName === 'string' && req.deviceName ? req.deviceName.slice(0, 200) : settings.slipPrinter;
    const silent = (req.silent ?? settings.slipSilent) && !!deviceName;
    const done = await new Promise<{ success: boolean; failureReason: string }>((resolve) =>
      win.webContents.print(
        { silent, ...(deviceName ? { deviceName } : {}), printBackground: true, margins: { marginType: 'none' }, pageSize: paperMicrons(page.paper) },
        (success, failureReason) => resolve({ success, failureReason }),
      ),
    );
    if (!done.success && done.failureReason !== 'cancelled') throw new Error(done.failureReason);
    return { printed: done.success };
  } finally {
    win.destroy();
  }
}
