import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import { callApi } from '../db/api/call';
import type { Context } from '../db/api/handler';
import { paperMicrons } from '../db/print/papers';
import { readSettings } from '../db/reference/settings';
import type { Paper } from '../db/schema';

export interface DesktopPrint {
  /** One slip, or every slip of an office-local day (optionally one checkpoint's). */
  documentId?: number;
  date?: string;
  checkpointId?: number;
  paper?: Paper;
  copies?: number;
  /** Print to the remembered printer without the dialog. */
  silent?: boolean;
  deviceName?: string;
  /** Save as PDF instead of printing. */
  pdf?: boolean;
}

/**
 * Prints an issue slip from the desktop app: the same HTML as browser mode, in a hidden window,
 * sized in microns, no margins. Records the print through the API like every other path.
 */
export async function printSlipDesktop(ctx: Context, parent: BrowserWindow | null, req: DesktopPrint): Promise<unknown> {
  const common = { ...(req.paper ? { paper: req.paper } : {}), ...(req.copies ? { copies: req.copies } : {}) };
  const r = req.date
    ? callApi(ctx, 'print.slips', { date: req.date, ...(req.checkpointId ? { checkpointId: req.checkpointId } : {}), ...common })
    : callApi(ctx, 'print.slip', { documentId: req.documentId, ...common });
  if (!r.ok) return r;
  const name = 'number' in r.data ? r.data.number : `发放单-${req.date}`;
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(r.data.html)}`);
    if (req.pdf) {
      const pdf = await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, margins: { marginType: 'none' } });
      const target = await dialog.showSaveDialog(parent ?? win, { defaultPath: `${name}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (target.canceled || !target.filePath) return { ok: true, data: { saved: null } };
      await writeFile(target.filePath, pdf);
      return { ok: true, data: { saved: target.filePath } };
    }
    const settings = readSettings(ctx.ledger.db);
    const deviceName = typeof req.deviceName === 'string' && req.deviceName ? req.deviceName.slice(0, 200) : settings.slipPrinter;
    const silent = (req.silent ?? settings.slipSilent) && !!deviceName;
    const done = await new Promise<{ success: boolean; failureReason: string }>((resolve) =>
      win.webContents.print(
        {
          silent,
          ...(deviceName ? { deviceName } : {}),
          printBackground: true,
          margins: { marginType: 'none' },
          pageSize: paperMicrons(r.data.paper),
        },
        (success, failureReason) => resolve({ success, failureReason }),
      ),
    );
    if (!done.success && done.failureReason !== 'cancelled') {
      return { ok: false, error: { code: 'INTERNAL', message: `打印失败:${done.failureReason}` } };
    }
    return { ok: true, data: { printed: done.success } };
  } finally {
    win.destroy();
  }
}
