import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { formatQuantity } from '../quantity';
import type { DocType } from '../schema';
import { first, qb } from '../sql';
import { monthDayTime } from '../time';
import type { Breach } from './as-of';
import type { ItemFacts } from './item-facts';

/**
 * The refusals of the as-of checks, in words a clerk can act on: what there was at the document's
 * time, or which later document would be left short and by how much.
 */
type Named = Pick<ItemFacts, 'name' | 'unit' | 'decimals'>;

const amount = (item: Named, n: number) => `${formatQuantity(n, item.decimals)} ${item.unit}`;

const DONE: Partial<Record<DocType, string>> = {
  issue: '已发出', loan: '已借出', loss: '已报损', transfer_out: '已调出', stocktake: '盘点调整',
  receipt: '入库', return: '已退回', loan_return: '已归还', void: '冲销',
};

/** "CK20261130-012 在 11月30日 10:00 已发出 30 只": the later document at a breach. */
export function laterDocument(db: Database, tz: string, item: Named, b: Breach): string {
  const d = first(db, qb.selectFrom('documents').select(['number', 'type']).where('id', '=', b.move!.documentId))!;
  return `${d.number} 在 ${monthDayTime(new Date(b.at!), tz)} ${DONE[d.type] ?? '变动'} ${amount(item, Math.abs(b.move!.delta))}`;
}

/**
 * Not enough stock. In the present: "医用外科口罩 库存不足:现有 120 只,申请 200 只"; for a document
 * dated back, what there was then: "…:11月30日 09:00 时现有 0 只,申请 50 只".
 */
export function insufficient(item: Named, available: number, requested: number, at?: { iso: string; tz: string }): never {
  const when = at ? `${monthDayTime(new Date(at.iso), at.tz)} 时` : '';
  fail('INSUFFICIENT_STOCK', `${item.name} 库存不足:${when}现有 ${amount(item, available)},申请 ${amount(item, requested)}`);
}

/** A later document would be left short: "…:CK… 在 11月30日 10:00 已发出 80 只,补录后该批次结存将为 -20 只". */
export function leavesLaterShort(db: Database, tz: string, item: Named, b: Breach, voiding: boolean): never {
  fail('INSUFFICIENT_STOCK', `${item.name} 库存不足:${laterDocument(db, tz, item, b)},${voiding ? '作废' : '补录'}后该批次结存将为 ${amount(item, b.balance)}`);
}

const HELD = { issue: { code: 'RETURN_EXCEEDS_ISSUED', what: '已领未退' }, loan: { code: 'LOAN_RETURN_EXCEEDS', what: '借用未还' } } as const;

/** A return of more than the checkpoint held then, or one that leaves a later return with nothing to match. */
export function returnExceeds(
  db: Database, tz: string, item: Named, holding: 'issue' | 'loan', checkpoint: string,
  found: { held: number; requested: number; at?: string } | { breach: Breach },
): never {
  const { code, what } = HELD[holding];
  const detail = 'breach' in found
    ? `${laterDocument(db, tz, item, found.breach)},补录后该点位${what}将为 ${amount(item, found.breach.balance)}`
    : `${checkpoint} ${found.at ? `${monthDayTime(new Date(found.at), tz)} 时` : ''}${what} ${amount(item, found.held)},申请退回 ${amount(item, found.requested)}`;
  fail(code, `${item.name} 退回数量超过该点位${what}的数量:${detail}`);
}

/** A change before a later count of the same goods. */
export function countedLater(tz: string, item: Named, count: { number: string; at: string }): never {
  fail('COUNTED_LATER', `${item.name} 已于 ${monthDayTime(new Date(count.at), tz)} 盘点(${count.number}),不能登记或作废盘点之前的数量:请把时间改到盘点之后,或先作废该盘点单。`);
}
