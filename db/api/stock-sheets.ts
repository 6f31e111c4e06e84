import { z } from 'zod';
import { stockCardWorkbook } from '../../excel/card/stock-card-workbook';
import { cardPageHtml } from '../print/card';
import { cardView } from '../print/card-view';
import { countSheetHtml, countSheetInput } from '../print/count-sheet';
import { stockCardInput } from '../queries/card';
import { flag } from '../reference/common';
import { readSettings } from '../reference/settings';
import { first, qb } from '../sql';
import { businessDate, localDateTime } from '../time';
import { fileSafe } from '../file-name';
import { query, type QueryContext } from './handler';

export const userName = (ctx: QueryContext) => first(ctx.ledger.db, qb.selectFrom('users').select('display_name').where('id', '=', ctx.userId))?.display_name ?? '';


/**
 * The stock card exported and printed, and the blank count sheet: read-only, for whoever may read
 * the stock. Printing these records nothing (no slip is handed over), so they are queries.
 */
export const stockSheetHandlers = {
  'stock.cardExport': query(stockCardInput, async (ctx, input) => {
    const view = cardView(ctx.ledger.db, input, ctx.ledger.clock.now());
    const bytes = await stockCardWorkbook(view);
    const day = businessDate(ctx.ledger.clock.now(), readSettings(ctx.ledger.db).timeZone);
    return { fileName: fileSafe(`物资台账-${view.item.name}-${day}.xlsx`), data: bytes.toString('base64') };
  }),
  'print.card': query(z.strictObject({ ...stockCardInput.shape, autoPrint: flag.optional() }), (ctx, input) => {
    const { autoPrint, ...card } = input;
    const now = ctx.ledger.clock.now();
    const view = cardView(ctx.ledger.db, card, now);
    return { html: cardPageHtml(view, { by: userName(ctx), at: localDateTime(now, view.timeZone) }, autoPrint === true) };
  }),
  'print.countSheet': query(countSheetInput, (ctx, input) => ({
    html: countSheetHtml(ctx.ledger.db, input, ctx.ledger.clock.now(), userName(ctx)),
  })),
};
