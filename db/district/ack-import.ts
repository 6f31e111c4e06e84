import type { Tx } from '../open';
import { readSettings } from '../reference/settings';
import { businessDate } from '../time';
import { first, qb, run } from '../sql';
import { ACK_FORMAT, ALLOCATION_SCHEMA, type AckFile } from './allocation';
import type { ImportOutcome } from './inbox';
import { openSigned } from './signed';
import { keyMismatch, subUnitByCode } from './units';

/** A 签收 among the files of the 下级报送 import: its format near the start, as this program writes it (keys in order: allocation, format). */
export const isAck = (text: string) => text.slice(0, 400).includes('"format":"supply-ledger/allocation-ack"');

/** A unit's 签收 of one of this office's 调拨出库: checked like a report package, then kept beside the allocation. */
export function importAck(tx: Tx, fileName: string, text: string, userId: number): ImportOutcome {
  const refused = (message: string): ImportOutcome => ({ outcome: 'refused', fileName, message });
  const o = openSigned<AckFile>(text, ACK_FORMAT, ALLOCATION_SCHEMA, '签收单');
  if (!o.ok) return refused(o.reason);
  const ack = o.body;
  if (!ack.from || typeof ack.allocation !== 'string' || !ack.receipt || typeof ack.receipt.number !== 'string' || typeof ack.receipt.time !== 'string' || !Array.isArray(ack.lines)
    || !ack.lines.every((l) => l && l.item && typeof l.item.name === 'string' && typeof l.sent === 'number' && typeof l.received === 'number')) {
    return refused('签收单内容不完整或格式不对:请该单位用本程序重新导出。');
  }
  const unit = subUnitByCode(tx.db, ack.from?.code ?? '');
  if (!unit) return refused(`“${ack.from?.name}”(区划代码 ${ack.from?.code})不是已登记的下级单位,不接收它的签收单。`);
  const wrongKey = keyMismatch(unit, o.fingerprint, '签收单');
  if (wrongKey) return refused(wrongKey);
  const doc = first(tx.db, qb.selectFrom('documents').select(['id', 'state', 'counterparty']).where('number', '=', ack.allocation).where('type', '=', 'transfer_out'));
  if (!doc || doc.counterparty.trim() !== unit.name) return refused(`本单位没有发给“${unit.name}”的调拨单 ${ack.allocation}。`);
  const had = first(tx.db, qb.selectFrom('allocation_acks').select(['id', 'receipt_number']).where('document_id', '=', doc.id));
  if (had?.receipt_number === ack.receipt.number) return { outcome: 'duplicate', fileName, message: `调拨单 ${ack.allocation} 的签收(入库单 ${had.receipt_number})已导入过。` };
  const row = {
    document_id: doc.id, unit_id: unit.id, receipt_number: ack.receipt.number, received_at: ack.receipt.time,
    lines: JSON.stringify(ack.lines), body: text, imported_at: tx.clock.now().toISOString(), imported_by: userId,
  };
  // The unit voided its receipt and took the allocation in again: its new 签收 stands for the allocation.
  const id = had ? (run(tx.db, qb.updateTable('allocation_acks').set(row).where('id', '=', had.id)), had.id) : run(tx.db, qb.insertInto('allocation_acks').values(row)).id;
  const differing = ack.lines.filter((l) => l.received !== l.sent);
  const said = differing.length ? `,差异 ${differing.length} 项:${differing.map((l) => `${l.item.name} 调拨 ${l.sent} 实收 ${l.received}${l.item.unit}(${l.reason})`).join(';')}` : ',数量无差异';
  if (had) return { outcome: 'replaced', fileName, id, unit: { code: unit.code, name: unit.name }, day: businessDate(new Date(ack.receipt.time), readSettings(tx.db).timeZone), kind: 'ack', message: `“${unit.name}”重新签收调拨单 ${ack.allocation}(入库单 ${ack.receipt.number},替换原入库单 ${had.receipt_number})${said}。` };
  return { outcome: 'imported', fileName, id, unit: { code: unit.code, name: unit.name }, day: businessDate(new Date(ack.receipt.time), readSettings(tx.db).timeZone), kind: 'ack', message: `“${unit.name}”已签收调拨单 ${ack.allocation}(入库单 ${ack.receipt.number})${said}。` };
}
