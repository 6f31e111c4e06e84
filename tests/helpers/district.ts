import type { ApiOutput } from '../../db/api/handlers';
import { tempLedger, type TestLedger } from './ledger';

/** A street office's own ledger, named and coded as its settings say, with its signing key. */
export function officeLedger(name: string, code: string, at = '2026-12-01T10:00:00+08:00'): TestLedger {
  const t = tempLedger(at);
  t.ok('settings.update', { officeName: name, unitCode: code, superiorName: '青山区物资保障组' });
  t.ok('keys.create');
  return t;
}

const narrative = { filledBy: '马文静', reviewedBy: '高振宇', phone: '0571-88880000' };

/** Submits the report owed at `at` (office-local ISO) and answers its package file (as `packages.import` takes it) and the report's id. */
export async function submitAndPackage(t: TestLedger, at: string, extra: { reason?: string; day?: string } = {}): Promise<{ file: { fileName: string; data: string }; reportId: number }> {
  t.clock.set(at);
  const report = await t.okAsync('reports.daily.submit', { narrative, formats: ['balance'], ...extra });
  return { file: t.ok('reports.package', { reportId: report.id }), reportId: report.id };
}

/** The district registers a unit as its administrator would: code, name and the fingerprint read out on the phone. */
export function register(district: TestLedger, unit: TestLedger, contact = { contact: '', phone: '' }): ApiOutput<'subUnits.create'> {
  const s = unit.ok('settings.get');
  return district.ok('subUnits.create', { code: s.unitCode, name: s.officeName, fingerprint: unit.ok('keys.get')!.fingerprint, ...contact });
}
