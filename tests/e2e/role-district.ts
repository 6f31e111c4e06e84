import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, callApiSync } from '../../db/api/call';
import type { ApiInput, Method } from '../../db/api/handlers';
import { FixedClock } from '../../db/clock';
import { openLedger } from '../../db/open';
import { localOperatorId } from '../../db/reference/catalog';
import type { App } from './harness';

/**
 * What the roles test's office needs for its 下级报送 screens: it consolidates; one unit is registered
 * whose package of the day (sent from a ledger of its own, opened here without a server) brings a good
 * no rule matches and one mapped by hand; and a 汇总 has been sent upward.
 */
export async function seedDistrict(app: App, day: string, at: string, ownItemId: number): Promise<void> {
  app.api('settings.update', { consolidates: true, unitCode: '330106000000' });
  const dir = mkdtempSync(join(tmpdir(), 'ledger-unit-'));
  const unit = openLedger(dir, { clock: new FixedClock(new Date(at)) });
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
    const goods = [ok('items.create', { name: '一次性医用口罩', categoryId: cat, unit: '盒' }), ok('items.create', { name: '防护服', categoryId: cat, unit: '套' })];
    ok('docs.post', { type: 'receipt', sourceId: source.id, time: `${day}T08:00:00+08:00`, lines: goods.map((g) => ({ itemId: g.id, quantity: 10 })) });
    const sent = await callApi({ ledger: unit, userId }, 'reports.daily.submit', { narrative: { filledBy: '马文静' }, formats: ['balance'] });
    if (!sent.ok) throw new Error(sent.error.message);
    app.api('subUnits.create', { code: '330106001000', name: '东湖街道办事处', fingerprint: key.fingerprint, contact: '马文静', phone: '13900000011' });
    app.api('packages.import', ok('reports.package', { reportId: sent.data.id }));
    app.api('mappings.create', { name: '防护服', spec: '', unit: '套', itemId: ownItemId, factor: 1 });
    app.api('consolidations.submit', { day });
  } finally {
    unit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
