import { z } from 'zod';
import { ensureOfficeKey, officeKey } from '../district/keys';
import { reportPackage, verifyPackage } from '../district/package';
import { id, text } from '../reference/common';
import { command, noInput, query } from './handler';

/** Report packages (数据包): the office's signing key, a submitted report's package, and a package checked as the district would. */
export const districtHandlers = {
  'keys.get': query(noInput, ({ ledger }) => officeKey(ledger.db)),
  'keys.create': command(noInput, (tx) => ensureOfficeKey(tx)),
  'reports.package': query(z.strictObject({ reportId: id }), ({ ledger }, input) => {
    const file = reportPackage(ledger.db, input.reportId);
    return { fileName: file.fileName, data: file.bytes.toString('base64') };
  }),
  'packages.verify': query(z.strictObject({ fileName: text(200), data: z.string().max(24 * 1024 * 1024) }), (_ctx, input) => {
    const v = verifyPackage(Buffer.from(input.data, 'base64'));
    return v.ok ? { ok: true as const, unit: v.package.unit, day: v.package.day, kind: v.package.kind, fingerprint: v.fingerprint, values: v.package.values.length } : v;
  }),
};
