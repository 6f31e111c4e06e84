import { z } from 'zod';
import { archiveWorkbook } from '../../excel/archive';
import { createBackup, listBackups } from '../backup/backup';
import { fail } from '../errors';
import { readSettings } from '../reference/settings';
import { businessDate } from '../time';
import { noInput, query, task } from './handler';
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
  'backups.create': task(noInput, async ({ ledger }) => createBackup(ledger, 'manual')),
  'backups.restore': task(z.strictObject({ name: z.string().max(200) }), async ({ host }, input) => {
    if (!host) fail('INVALID_INPUT', '只有运行中的程序可以恢复备份。');
    return host.restore(input.name);
  }),
  'archive.export': task(noInput, async ({ ledger }) => {
    const settings = readSettings(ledger.db);
    const day = businessDate(ledger.clock.now(), settings.timeZone);
    const bytes = await archiveWorkbook(ledger.db, settings.officeName || '物资保障台账');
    return { fileName: `${settings.officeName || '物资保障台账'}-全部数据-${day}.xlsx`, data: bytes.toString('base64') };
  }),
};
