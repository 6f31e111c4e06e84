import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { all, first, qb, run } from '../sql';
import { bool, change, flag, flagOf, id, isoDate, name, text } from '../reference/common';
import type { CertificateKind, SupplierKind } from '../schema-rounds';

/* 保供超市 / 药店 and the certificates a community checks before it orders. */

export const CERTIFICATE_NAMES: Record<CertificateKind, string> = { license: '营业执照', supply: '保供企业证明', pass: '通行证' };
export const SUPPLIER_KIND_NAMES: Record<SupplierKind, string> = { supermarket: '保供超市', pharmacy: '药店' };

const certificate = z.strictObject({ kind: z.enum(['license', 'supply', 'pass']), number: text(40).optional(), validUntil: isoDate });
const certificates = z.array(certificate).max(3).refine((list) => new Set(list.map((c) => c.kind)).size === list.length, '同一种证照只能填写一次');

export const supplierCreateInput = z.strictObject({
  name: name(60),
  kind: z.enum(['supermarket', 'pharmacy']),
  contact: text(20).optional(),
  phone: text(20).optional(),
  certificates: certificates.optional(),
});
export const supplierUpdateInput = change(z.strictObject({
  id,
  name: name(60).optional(),
  kind: z.enum(['supermarket', 'pharmacy']).optional(),
  contact: text(20).optional(),
  phone: text(20).optional(),
  /** The whole list: a certificate left out is removed. */
  certificates: certificates.optional(),
  active: flag.optional(),
}));

export interface CertificateView {
  kind: CertificateKind;
  name: string;
  number: string;
  validUntil: string;
}

export interface SupplierView {
  id: number;
  name: string;
  kind: SupplierKind;
  contact: string;
  phone: string;
  active: boolean;
  certificates: CertificateView[];
}

export function listSuppliers(db: Database, input: { includeInactive?: boolean } = {}): SupplierView[] {
  let q = qb.selectFrom('suppliers').selectAll().orderBy('id');
  if (!input.includeInactive) q = q.where('active', '=', 1);
  const certs = all(db, qb.selectFrom('supplier_certificates').selectAll().orderBy('supplier_id').orderBy('kind'));
  return all(db, q).map((s) => ({
    id: s.id, name: s.name, kind: s.kind, contact: s.contact, phone: s.phone, active: bool(s.active),
    certificates: certs.filter((c) => c.supplier_id === s.id).map((c) => ({ kind: c.kind, name: CERTIFICATE_NAMES[c.kind], number: c.number, validUntil: c.valid_until })),
  }));
}

export function getSupplier(db: Database, supplierId: number): SupplierView {
  const found = listSuppliers(db, { includeInactive: true }).find((s) => s.id === supplierId);
  if (!found) fail('NOT_FOUND', `供货单位(编号 ${supplierId})不存在。`);
  return found;
}

export function createSupplier(tx: Tx, input: z.infer<typeof supplierCreateInput>): SupplierView {
  uniqueName(tx.db, input.name);
  const { id: newId } = run(tx.db, qb.insertInto('suppliers').values({ name: input.name, kind: input.kind, contact: input.contact ?? '', phone: input.phone ?? '' }));
  saveCertificates(tx.db, newId, input.certificates ?? []);
  return getSupplier(tx.db, newId);
}

export function updateSupplier(tx: Tx, input: z.infer<typeof supplierUpdateInput>): SupplierView {
  const before = getSupplier(tx.db, input.id);
  if (input.name) uniqueName(tx.db, input.name, input.id);
  const set = {
    ...(input.name ? { name: input.name } : {}), ...(input.kind ? { kind: input.kind } : {}),
    ...(input.contact !== undefined ? { contact: input.contact } : {}), ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.active !== undefined ? { active: flagOf(input.active) } : {}),
  };
  if (Object.keys(set).length) run(tx.db, qb.updateTable('suppliers').set(set).where('id', '=', before.id));
  if (input.certificates) saveCertificates(tx.db, before.id, input.certificates);
  return getSupplier(tx.db, before.id);
}

function saveCertificates(db: Database, supplierId: number, list: z.infer<typeof certificates>) {
  run(db, qb.deleteFrom('supplier_certificates').where('supplier_id', '=', supplierId));
  for (const c of list) run(db, qb.insertInto('supplier_certificates').values({ supplier_id: supplierId, kind: c.kind, number: c.number ?? '', valid_until: c.validUntil }));
}

function uniqueName(db: Database, value: string, exceptId?: number) {
  const row = first(db, qb.selectFrom('suppliers').select('id').where('name', '=', value));
  if (row && row.id !== exceptId) fail('DUPLICATE', `供货单位“${value}”已存在。`);
}

/**
 * What stands against ordering from a supplier on a day: each certificate expired by then, and each
 * one missing ("营业执照已于 2026-11-30 过期"). Empty when all three are valid that day.
 */
export function certificateProblems(supplier: SupplierView, day: string): string[] {
  const kinds: CertificateKind[] = ['license', 'supply', 'pass'];
  return kinds.flatMap((kind) => {
    const c = supplier.certificates.find((x) => x.kind === kind);
    if (!c) return [`未登记${CERTIFICATE_NAMES[kind]}`];
    return c.validUntil < day ? [`${CERTIFICATE_NAMES[kind]}已于 ${c.validUntil} 过期`] : [];
  });
}
