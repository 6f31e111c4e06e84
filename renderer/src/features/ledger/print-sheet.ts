import { call, type ApiInput } from '../../api/client';
import { translate } from '../../i18n/translate';
import { printHtml } from '../../shared/print-frame';

/**
 * A printable sheet of the ledger (no print is recorded for these): the 台账 of an item, the blank
 * 盘点表, or a 居民代购 round's 入户配送单 and bag labels. The kind is the sheet's print address.
 */
export type Sheet =
  | { kind: 'card'; input: ApiInput<'print.card'> }
  | { kind: 'count-sheet'; input: ApiInput<'print.countSheet'> }
  | { kind: 'delivery'; input: ApiInput<'print.deliverySheets'> }
  | { kind: 'labels'; input: ApiInput<'print.deliveryLabels'> };

async function sheetHtml(sheet: Sheet): Promise<string> {
  switch (sheet.kind) {
    case 'card': return (await call('print.card', sheet.input)).html;
    case 'count-sheet': return (await call('print.countSheet', sheet.input)).html;
    case 'delivery': return (await call('print.deliverySheets', sheet.input)).html;
    case 'labels': return (await call('print.deliveryLabels', sheet.input)).html;
  }
}

/** The sheet's page as HTML, for a preview frame. */
export const previewSheet = (sheet: Sheet): Promise<string> => sheetHtml(sheet);

/**
 * Prints a sheet. In browser mode it opens the sheet's stable address (/print/card, /print/count-sheet,
 * /print/delivery, /print/labels), which prints itself; the desktop app has no such server, so the
 * page is printed from a frame of its own window (the shell's print dialog, sized by the page's @page rule).
 */
export async function printSheet(sheet: Sheet): Promise<void> {
  if (!window.ledger) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(sheet.input ?? {})) if (v !== undefined && v !== false) q.set(k, v === true ? '1' : String(v));
    q.set('autoPrint', '1');
    const win = window.open('', '_blank');
    if (!win) throw new Error(translate('shell.popupBlocked'));
    win.opener = null;
    win.location.href = new URL(`./print/${sheet.kind}?${q}`, location.href).href;
    return;
  }
  await printHtml(await sheetHtml(sheet));
}
