import { z } from 'zod';
import { archiveWorkbook } from '../../excel/archive';
import { createBackup, listBackups } from '../backup/backup';
import { fail } from '../errors';
import { userById } from '../auth/accounts';
import { readSettings } from '../reference/settings';
import { businessDate } from '../time';
import { job, noInput, query } from './handler';
import { existsSync } from 'node:fs';

/** 备份与恢复: the list, "back up now", restore, and the whole ledger as one workbook. */
export const backupHandlers = {
  'backups.list': query(noInput, ({ ledger }) => {
    const second = readSettings(ledger.db).backupSecondDir;
    return {
      backups: listBackups(ledger.dir),
      folder: `${ledger.dir}/backups`,
      secondDir: second,
      secondDirAvailable: second ? existsSync(second) : null,
    };
  }),
  // Writes a file beside the ledger, not the ledger: a job, held back like any write.
  'backups.create': job(noInput, async ({ ledger, host }) => (host ? host.backup('manual') : createBackup(ledger, 'manual'))),
  'backups.restore': job(z.strictObject({ name: z.string().max(200) }), async ({ host, ledger, userId }, input) => {
    if (!host) fail('INVALID_INPUT', '只有运行中的程序可以恢复备份。');
    return host.restore(input.name, userById(ledger.db, userId));
  }),
  'archive.export': query(noInput, async ({ ledger }) => {
    const settings = readSettings(ledger.db);
    const day = businessDate(ledger.clock.now(), settings.timeZone);
    const bytes = await archiveWorkbook(ledger.db, settings.officeName || '物资保障台账');
    return { fileName: `${settings.officeName || '物资保障台账'}-全部数据-${day}.xlsx`, data: bytes.toString('base64') };
  }),
};
