import { callApiSync, type ApiResult } from '../api/call';
import type { Context } from '../api/handler';
import type { Paper } from '../schema';

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

/** The page to print, and the device's answer: printed (or saved), or cancelled. */
export interface PrintPage { html: string; paper: Paper; name: string }
export type PrintDevice = (page: PrintPage) => Promise<{ printed: boolean; saved?: string | null }>;

/**
 * A desktop print: the page as the next print will look (补打 once one is recorded), handed to the
 * device (Electron's print dialog or a PDF save), and recorded only when the device says it printed.
 * A cancelled dialog leaves no trace, so the next real print is not a 补打.
 */
export async function printConfirmed(ctx: Context, req: DesktopPrint, device: PrintDevice): Promise<ApiResult<{ printed: boolean; saved?: string | null }>> {
  const common = { ...(req.paper ? { paper: req.paper } : {}), ...(req.copies ? { copies: req.copies } : {}) };
  const day = req.date ? { date: req.date, ...(req.checkpointId ? { checkpointId: req.checkpointId } : {}), ...common } : undefined;
  const page = day
    ? callApiSync(ctx, 'print.slips', { ...day, preview: true, view: 'next' })
    : callApiSync(ctx, 'print.slip', { documentId: req.documentId, ...common, preview: true, view: 'next' });
  if (!page.ok) return page;
  const name = 'number' in page.data ? page.data.number : `发放单-${req.date}`;
  const done = await device({ html: page.data.html, paper: page.data.paper, name });
  if (!done.printed) return { ok: true, data: done };
  const recorded = day ? callApiSync(ctx, 'print.slips', day) : callApiSync(ctx, 'print.slip', { documentId: req.documentId, ...common });
  return recorded.ok ? { ok: true, data: done } : recorded;
}
