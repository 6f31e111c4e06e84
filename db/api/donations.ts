import { disclosureWorkbook } from '../../excel/donations/disclosure-workbook';
import { disclosure, disclosureInput } from '../donations/disclosure';
import { donationRegister, registerInput } from '../donations/register';
import { fileSafe } from '../file-name';
import { disclosureHtml } from '../print/donations';
import { localDateTime } from '../time';
import { query } from './handler';
import { userName } from './stock-sheets';

/** 捐赠公示: the office's register of donations, and the public table of how they were used, read back, exported and printed. */
export const donationHandlers = {
  'donations.list': query(registerInput, ({ ledger }, input) => donationRegister(ledger.db, input)),
  'donations.disclosure': query(disclosureInput, ({ ledger }, input) => disclosure(ledger.db, input, ledger.clock.now())),
  'donations.export': query(disclosureInput, async (ctx, input) => {
    const d = disclosure(ctx.ledger.db, input, ctx.ledger.clock.now());
    const bytes = await disclosureWorkbook(d, userName(ctx));
    return { fileName: fileSafe(`捐赠物资接收及使用情况公示表-${d.asOf.slice(0, 10)}.xlsx`), data: bytes.toString('base64') };
  }),
  'print.donations': query(disclosureInput, (ctx, input) => {
    const now = ctx.ledger.clock.now();
    const d = disclosure(ctx.ledger.db, input, now);
    return { html: disclosureHtml(d, `打印:${userName(ctx)} ${localDateTime(now, d.timeZone)}`) };
  }),
};
