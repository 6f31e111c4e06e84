import { z } from 'zod';
import { readSettings, writeSettings } from '../reference/settings';
import { text } from '../reference/common';
import { fail } from '../errors';
import { officeDayOf } from '../reports/days';
import { addDays, isValidTimeZone } from '../time';
import { command, noInput, query } from './handler';

const settingsInput = z.strictObject({
  officeName: text(60).optional(),
  officeAddress: text(100).optional(),
  officePhone: text(30).optional(),
  backupSecondDir: text(400).optional(),
  timeZone: text(60).refine(isValidTimeZone, '未知的时区').optional(),
  cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '截止时间格式应为 HH:mm').optional(),
  nearExpiryDays: z.number().int().min(1).max(365).optional(),
  slipPaper: z.enum(['a4', 'a5', '241x93', '241x140']).optional(),
  slipCopies: z.number().int().min(1).max(3).optional(),
  slipShowPrices: z.boolean().optional(),
  slipTitle: text(30).refine((s) => s.length > 0, '标题不能为空').optional(),
  slipPrinter: text(200).optional(),
  slipSilent: z.boolean().optional(),
  unitCode: z.string().regex(/^(\d{12}|[0-9A-HJ-NPQRTUWXY]{18})?$/, '区划代码应为 12 位数字(或 18 位统一社会信用代码)').optional(),
  superiorName: text(60).optional(),
  consolidates: z.boolean().optional(),
  unitDeadline: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '下级报送截止时间格式应为 HH:mm').optional(),
  /** Empty: reports are owed from the office day of the first movement. */
  reportStartDay: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, '日报起始日格式应为 YYYY-MM-DD').refine((d) => !d || addDays(d, 0) === d, '日报起始日不是有效日期').optional(),
});

/** Office settings. The lock is not set here: only submitting a daily report moves it. */
export const settingsHandlers = {
  'settings.get': query(noInput, ({ ledger }) => ({ ...readSettings(ledger.db), now: ledger.clock.now().toISOString() })),
  'settings.update': command(settingsInput, (tx, input) => {
    // Checked when it changes, with the cutoff and zone being saved with it: a later cutoff can make
    // today's office day earlier than a start day set before, and other settings must still save.
    const before = readSettings(tx.db);
    const today = officeDayOf(tx.clock.now(), { ...before, ...input });
    if (input.reportStartDay && input.reportStartDay !== before.reportStartDay && input.reportStartDay > today) {
      fail('INVALID_INPUT', `日报起始日 ${input.reportStartDay} 不能晚于今天的日报日期 ${today}。`);
    }
    writeSettings(tx, input);
    return readSettings(tx.db);
  }),
};
