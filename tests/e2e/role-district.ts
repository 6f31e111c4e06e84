import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, callApiSync } from '../../db/api/call';
import type { ApiInput, Method } from '../../db/api/handlers';
import { FixedClock } from '../../db/clock';
import { openLedger } from '../../db/open';
import { localOperatorId } from '../../db/reference/catalog';
import type { App } from './harness';
import { at, type Where } from './role-screens';

/** Where the 下级报送 and 调拨单 methods' buttons are (a part of the roles test's BUTTONS). */
export const DISTRICT_BUTTONS: Record<string, Where> = {
  // 下级报送: the import and who reported; the 汇总表, its export and what went upward; goods matching; the units and their keys.
  'packages.import': at('district', 'packages-drop', 'packages-folder'),
  'packages.history': at('district', 'packages-history'),
  'district.matrix': at('district', 'district-matrix'),
  'district.summary': at('districtSummary', 'summary-table'),
  'district.summaryExport': at('districtSummary', 'summary-export'),
  'consolidations.submit': at('districtSummary', 'summary-submit'),
  'consolidations.list': at('districtSummary', 'summary-sent'),
  'consolidations.package': at('districtSummary', 'summary-package'),
  'mappings.list': at('districtMapping', 'mapping-list'),
  // The picker of the office's item beside each unmatched good (对应 is enabled once one is picked).
  'mappings.create': at('districtMapping', 'mapping-item'),
  'mappings.delete': at('districtMapping', 'mapping-delete'),
  'subUnits.list': at('districtUnits', 'units-table'),
  'subUnits.create': at('districtUnits', 'unit-new'),
  'subUnits.update': at('districtUnits', 'unit-edit', 'unit-toggle'),
  // 调拨单: the district's 调拨出库 as a file; taken in on 入库, its 签收 sent again from the list below; the 签收 seen on 调拨签收.
  'allocations.package': at('transfer', 'doc-allocation'),
  'allocations.list': at('districtAllocations', 'allocations-table'),
  'allocations.preview': at('receipt', 'alloc-open'),
  'allocations.receive': at('receipt', 'alloc-open'),
  'allocations.received': at('receipt', 'alloc-history'),
  'allocations.ack': at('receipt', 'alloc-ack'),
};

/**
 * What the roles test's office needs for its 下级报送 screens: it consolidates; one unit is registered
 * whose package of the day (sent from a ledger of its own, opened here without a server) brings a good
 * no rule matches and one mapped by hand; a 汇总 has been sent upward; a 调拨出库 went to the unit (its id is
 * answered); and the office took in an allocation of its own superior (played by the same other ledger).
 */
export async function seedDistrict(app: App, day: string, time: string, ownItemId: number): Promise<number> {
  app.api('settings.update', { consolidates: true, unitCode: '330106000000' });
  const dir = mkdtempSync(join(tmpdir(), 'ledger-unit-'));
  const clock = new FixedClock(new Date(time));
  const unit = openLedger(dir, { clock });
  const userId = localOperatorId(unit.db);
  const ok = <M extends Method>(m: M, input?: ApiInput<M>) => {
    const r = callApiSync({ ledger: unit, userId }, m, input);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.data;
  };
  try {
    ok('settings.update', { officeName: '东湖街道办事处', unitCode: '330106001000' });
    const key = ok('keys.create');
    const cat = ok('categories.list')[0].id;
    const source = ok('sources.create', { name: '区物资保障组', type: 'allocation' });
    // The office's own 医用外科口罩 (只) is among them: it matches, and is what the superior below sends.
    const goods = [ok('items.create', { name: '一次性医用口罩', categoryId: cat, unit: '盒' }), ok('items.create', { name: '防护服', categoryId: cat, unit: '套' }), ok('items.create', { name: '医用外科口罩', categoryId: cat, unit: '只' })];
    ok('docs.post', { type: 'receipt', sourceId: source.id, time: `${day}T08:00:00+08:00`, lines: goods.map((g) => ({ itemId: g.id, quantity: 10 })) });
    const sent = await callApi({ ledger: unit, userId }, 'reports.daily.submit', { narrative: { filledBy: '马文静' }, formats: ['balance'] });
    if (!sent.ok) throw new Error(sent.error.message);
    app.api('subUnits.create', { code: '330106001000', name: '东湖街道办事处', fingerprint: key.fingerprint, contact: '马文静', phone: '13900000011' });
    app.api('packages.import', ok('reports.package', { reportId: sent.data.id }));
    app.api('mappings.create', { name: '防护服', spec: '', unit: '套', itemId: ownItemId, factor: 1 });
    app.api('consolidations.submit', { day });
    app.api('docs.post', { type: 'receipt', sourceId: app.api('sources.list').find((x) => x.type === 'allocation')!.id, lines: [{ itemId: ownItemId, quantity: 50 }] });
    const transfer = app.api('docs.post', { type: 'transfer_out', counterparty: '东湖街道办事处', lines: [{ itemId: ownItemId, quantity: 5 }] }).id;
    // The other ledger as this office's superior (its day's report sent, so a minute later): it knows the office as its unit and sends it masks.
    clock.advance(60_000);
    const me = app.api('settings.get');
    ok('subUnits.create', { code: me.unitCode, name: me.officeName, fingerprint: app.api('keys.get')!.fingerprint });
    const out = ok('docs.post', { type: 'transfer_out', counterparty: me.officeName, lines: [{ itemId: goods[2].id, quantity: 4 }] });
    const file = ok('allocations.package', { documentId: out.id });
    const preview = app.api('allocations.preview', file);
    app.api('allocations.receive', { ...file, lines: preview.lines.map((l) => ({ line: l.line, itemId: l.itemId ?? ownItemId, quantity: l.quantity })) });
    return transfer;
  } finally {
    unit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
