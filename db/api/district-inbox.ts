import { z } from 'zod';
import { consolidate } from '../district/consolidate';
import { importPackage, packageHistory, packageImportInput } from '../district/inbox';
import { createMapping, deleteMapping, listMappings, mappingCreateInput } from '../district/mapping';
import { dayMatrix } from '../district/matrix';
import { createSubUnit, listSubUnits, subUnitCreateInput, subUnitUpdateInput, updateSubUnit } from '../district/units';
import { consolidationPackage, sentConsolidations, submitConsolidation } from '../district/upward';
import { fileSafe } from '../file-name';
import { id, isoDate } from '../reference/common';
import { readSettings } from '../reference/settings';
import { localDateTime } from '../time';
import { summaryWorkbook } from '../../excel/district/summary-workbook';
import { command, noInput, query } from './handler';
import { userName } from './stock-sheets';

const dayInput = z.strictObject({ day: isoDate });

/** 下级报送 (a consolidating unit): its units and their keys, packages imported, who reported, the 汇总表 and what it sends upward. */
export const districtInboxHandlers = {
  'subUnits.list': query(noInput, ({ ledger }) => listSubUnits(ledger.db)),
  'subUnits.create': command(subUnitCreateInput, createSubUnit),
  'subUnits.update': command(subUnitUpdateInput, updateSubUnit),

  'packages.import': command(packageImportInput, (tx, input, ctx) => importPackage(tx, input, ctx.userId)),
  'packages.history': query(z.strictObject({ from: isoDate, to: isoDate }), ({ ledger }, input) => packageHistory(ledger.db, input.from, input.to)),
  'district.matrix': query(z.strictObject({ days: z.number().int().min(1).max(31).default(7) }), ({ ledger }, input) => dayMatrix(ledger.db, ledger.clock.now(), input.days)),
  'district.summary': query(dayInput, ({ ledger }, input) => consolidate(ledger.db, input.day)),
  'district.summaryExport': query(dayInput, async (ctx, input) => {
    const db = ctx.ledger.db;
    const settings = readSettings(db);
    const summary = consolidate(db, input.day);
    const bytes = await summaryWorkbook(summary, {
      officeName: settings.officeName,
      printedAt: localDateTime(ctx.ledger.clock.now(), settings.timeZone), by: userName(ctx),
      zoneTime: (iso) => localDateTime(new Date(iso), settings.timeZone),
    });
    return { fileName: fileSafe(`${settings.officeName}-汇总表-${input.day}.xlsx`), data: bytes.toString('base64') };
  }),

  'mappings.list': query(noInput, ({ ledger }) => listMappings(ledger.db)),
  'mappings.create': command(mappingCreateInput, (tx, input, ctx) => createMapping(tx, input, ctx.userId)),
  'mappings.delete': command(z.strictObject({ id }), (tx, input) => deleteMapping(tx, input.id)),

  'consolidations.submit': command(dayInput, (tx, input, ctx) => submitConsolidation(tx, input.day, ctx.userId)),
  'consolidations.list': query(dayInput, ({ ledger }, input) => sentConsolidations(ledger.db, input.day)),
  'consolidations.package': query(z.strictObject({ id }), ({ ledger }, input) => {
    const file = consolidationPackage(ledger.db, input.id);
    return { fileName: file.fileName, data: file.bytes.toString('base64') };
  }),
};
