import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import { handlers, type Method } from '../../db/api/handlers';
import { verifyAudit } from '../../db/audit';
import { verifyLedger } from '../../db/queries/verify';
import { seedBasics, snapshot, tempLedger } from '../helpers/ledger';

/** Deterministic, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Every method that writes (commands and jobs), called as the administrator with inputs made from a
 * valid one by dropping, replacing, nesting and adding fields, so that write handlers see bad input
 * that passes the schema as well as input that does not. Each refused call must leave the file
 * exactly as it was (nothing committed: another connection's data_version is unchanged, and a full
 * snapshot of every table is compared for a sample); no answer may be INTERNAL; the ledger and the
 * audit chain stay consistent throughout.
 */
test('fuzz of every write method as the administrator: no INTERNAL answer, a refused call writes nothing', { timeout: 240_000 }, async () => {
  const t = tempLedger('2026-11-28T16:00:00+08:00');
  try {
    const s = seedBasics(t);
    const admin = t.ok('users.create', { username: 'boss', displayName: '负责人', role: 'admin', password: 'boss-pass-1' });
    const time = '2026-11-28T09:00:00+08:00';
    const receipt = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time, lines: [{ itemId: s.mask.id, quantity: 500 }, { itemId: s.reagent.id, quantity: 50, batchNo: 'P1', expiryDate: '2027-06-30' }, { itemId: s.speaker.id, quantity: 5 }] });
    const issue = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T10:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 20 }] });
    const line = { itemId: s.mask.id, quantity: 3 };
    // 居民代购: a household, a supplier and an open round with an order.
    const home = t.ok('households.create', { compound: '东湖小区', building: '3', unit: '2', room: '602', contact: '王建华', phone: '13800000012' });
    const shop = t.ok('suppliers.create', { name: '惠民超市', kind: 'supermarket', certificates: [{ kind: 'license', validUntil: '2030-12-31' }, { kind: 'supply', validUntil: '2030-12-31' }, { kind: 'pass', validUntil: '2030-12-31' }] });
    const round = t.ok('rounds.create', { supplierId: shop.id, day: '2026-11-29', cutoff: '2026-11-29T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', spec: '5kg', unit: '袋', price: 4500, perHousehold: 5 }, { name: '蔬菜包', unit: '份', price: 3000 }] });
    const order = t.ok('orders.record', { roundId: round.id, householdId: home.id, lines: [{ goodsId: round.goods[0].id, quantity: 1 }] });
    const examples: Partial<Record<Method, unknown[]>> = {
      'items.create': [{ code: 'KZ02', name: 'N95 口罩', categoryId: 1, unit: '只', packUnit: '盒', packFactor: 20 }],
      'items.update': [{ id: s.mask.id, name: '外科口罩', minStock: 50 }, { id: s.rice.id, decimals: 1 }],
      'categories.create': [{ name: '新类别' }],
      'categories.update': [{ id: 1, sort: 3 }, { id: 2, active: false }],
      'sources.create': [{ name: '某商超', type: 'purchase' }],
      'sources.update': [{ id: s.donation.id, name: '某企业' }],
      'stores.create': [{ name: '北区库房' }],
      'stores.update': [{ id: 1, name: '一号库房' }, { id: 1, active: false }, { id: 1, isDefault: true }],
      'checkpoints.create': [{ name: '南门卡口', type: '卡口' }],
      'checkpoints.update': [{ id: s.gate.id, parentId: s.site.id }],
      'people.create': [{ name: '王芳', phone: '13800000009', checkpointId: s.gate.id }],
      'people.update': [{ id: s.bob.id, checkpointId: null }],
      'docs.post': [
        { type: 'receipt', sourceId: s.allocation.id, time, lines: [line] },
        { type: 'receipt', sourceId: s.donation.id, time, donation: { donor: '青禾爱心企业', contact: '13900000001', receiptNo: 'JZ-001' }, lines: [line] },
        { type: 'receipt', sourceId: s.donation.id, time, donation: { anonymous: true }, lines: [{ itemId: s.reagent.id, quantity: 5, batchNo: 'JZ1', expiryDate: '2027-06-30' }] },
        { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [line] },
        { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 2 }] },
        { type: 'loan', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 1 }] },
        { type: 'loan_return', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 1 }] },
        { type: 'stocktake', lines: [{ itemId: s.mask.id, counted: 470, reason: '盘点' }] },
        { type: 'loss', lines: [{ itemId: s.mask.id, quantity: 1, reason: '破损' }] },
        { type: 'transfer_out', counterparty: '某社区', lines: [line] },
      ],
      'docs.void': [{ documentId: issue.id, reason: '录错' }, { documentId: receipt.id, reason: '录错', time: '2026-11-28T11:00:00+08:00' }],
      'print.slip': [{ documentId: issue.id, paper: 'a5' }],
      'print.slips': [{ date: '2026-11-28', paper: 'a4' }],
      'reports.daily.submit': [{ narrative: { work: '今日工作' }, formats: ['balance'] }],
      'reports.daily.withdraw': [{ id: 1, reason: '数据有误' }],
      'reports.export': [{ reportId: 1 }, { from: '2026-11-28T00:00:00+08:00', to: '2026-11-28T12:00:00+08:00', formats: ['balance'] }],
      'templates.create': [{ fileName: 'x.xlsx', data: 'UEsDBA==', name: '模板' }],
      'templates.update': [{ id: 1, name: '模板二' }],
      'templates.setDefaults': [{ formats: ['balance'], templateIds: [] }],
      'templates.delete': [{ id: 1 }],
      'settings.update': [{ officeName: '云杉街道', nearExpiryDays: 30 }, { cutoffTime: '16:00' }],
      'users.create': [{ username: 'clerk2', displayName: '保管员', role: 'clerk', password: 'clerk-pass-2' }],
      'users.update': [{ id: admin.id, phone: '13900000000' }],
      'users.resetPassword': [{ id: admin.id, newPassword: 'boss-pass-2' }],
      'auth.changePassword': [{ oldPassword: 'boss-pass-1', newPassword: 'boss-pass-3' }],
      'auth.setup': [{ officeName: '某街道', admin: { username: 'x', displayName: 'x', password: 'a-long-pass-1' } }],
      'catalog.importCommit': [{ fileName: 'a.csv', data: Buffer.from('物资名称,数量\n口罩,5\n').toString('base64') }],
      'households.create': [{ compound: '东湖小区', building: '4', unit: '1', room: '101', contact: '李秀英', elderlyAlone: true }],
      'households.update': [{ id: home.id, phone: '13900000001' }, { id: home.id, active: false }],
      'households.importCommit': [{ fileName: 'h.csv', data: Buffer.from('小区,地址,联系人\n东湖小区,5栋1单元302,陈静\n').toString('base64') }],
      'suppliers.create': [{ name: '康宁药店', kind: 'pharmacy', certificates: [{ kind: 'license', validUntil: '2027-01-01' }] }],
      'suppliers.update': [{ id: shop.id, phone: '13900000002' }, { id: shop.id, certificates: [] }],
      'rounds.create': [{ supplierId: shop.id, day: '2026-11-30', cutoff: '2026-11-30T14:30:00+08:00', compounds: ['东湖小区'], householdLimit: 20000, goods: [{ name: '鸡蛋', unit: '盒', price: 2800 }], certificatesChecked: true }],
      'rounds.close': [{ id: round.id }],
      'rounds.update': [{ id: round.id, cutoff: '2026-11-29T15:00:00+08:00' }, { id: round.id, goods: [{ id: round.goods[0].id, name: '大米', spec: '5kg', unit: '袋', price: 4300 }, { name: '牛奶', unit: '箱', price: 4800 }] }],
      'orders.record': [{ roundId: round.id, householdId: home.id, lines: [{ goodsId: round.goods[1].id, quantity: 2 }], note: '电话' }],
      'orders.change': [{ orderId: order.id, lines: [{ goodsId: round.goods[0].id, quantity: 0 }] }],
      'rounds.handover': [{ roundId: round.id, delivered: [{ goodsId: round.goods[0].id, quantity: 0 }], rule: 'prorata', substitutes: [{ replacesGoodsId: round.goods[0].id, name: '小米', unit: '袋', price: 3000, quantity: 1 }] }],
      'rounds.reconcile': [{ roundId: round.id, supplierBill: 4500 }],
      'orders.allot': [{ orderId: order.id, lines: [{ goodsId: round.goods[0].id, quantity: 1 }] }],
      'orders.pay': [{ orderId: order.id, amount: 4500, method: 'wechat' }, { orderId: order.id, amount: 4500, method: 'proxy', payer: '楼长' }],
      'orders.unpay': [{ orderId: order.id }],
      'orders.deliver': [{ orderId: order.id, delivered: true, note: '放门口' }],
      'rounds.anonymise': [{ keepDays: 30 }, { keepDays: 0 }],
      'rounds.createFree': [{ name: '爱心菜包', day: '2026-11-28', compounds: ['东湖小区'], checkpointId: s.site.id, personId: s.alice.id, goods: [{ itemId: s.mask.id, perHousehold: 2 }] }],
      'rounds.distribute': [{ roundId: round.id }, { roundId: round.id + 1 }],
      'rounds.freeExclude': [{ orderId: order.id, out: true }, { orderId: order.id + 1, out: false }],
      'keys.create': [undefined],
      'subUnits.create': [{ code: '330106001000', name: '东湖街道', fingerprint: '3F2A 91C0 0000 1111 2222 3333 4444 5555', contact: '马文静', phone: '13900000011' }],
      'subUnits.update': [{ id: 1, phone: '13900000012' }, { id: 1, active: false }],
      'packages.import': [{ fileName: 'a.slpkg', data: Buffer.from('{"format":"supply-ledger/daily-report","schema":1}').toString('base64') }],
      'mappings.create': [{ name: '一次性医用口罩', spec: '50只/盒', unit: '盒', itemId: s.mask.id, factor: 50 }],
      'mappings.delete': [{ id: 1 }],
      'consolidations.submit': [{ day: '2026-11-28' }],
      'allocations.receive': [{ fileName: 'a.slpkg', data: Buffer.from('{"format":"supply-ledger/allocation","schema":1}').toString('base64'), lines: [{ line: 1, itemId: s.mask.id, quantity: 1, reason: '破损' }] }],
      'backups.create': [undefined],
      'backups.restore': [{ name: 'nope.sqlite' }],
    };
    const writes = (Object.keys(handlers) as Method[]).filter((m) => handlers[m].kind !== 'query' && m !== 'auth.login');
    // Every write method is fuzzed: a new one without an example fails here.
    expect(writes.filter((m) => !examples[m])).toEqual([]);

    const random = rng(20261202);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const odd = (): unknown => pick([null, -1, 0, 2 ** 31, 1.5, '', '口罩\ud800', 'x'.repeat(3000), '2026-02-30', '2026-11-28T25:00:00Z', true, [], {}, { id: 1 }, '1e999', -0, 'NaN']);
    const mutate = (v: unknown, depth = 0): unknown => {
      if (Array.isArray(v)) return random() < 0.3 ? [] : v.map((x) => (random() < 0.5 ? mutate(x, depth + 1) : x));
      if (!v || typeof v !== 'object') return random() < 0.5 ? odd() : v;
      const o = { ...(v as Record<string, unknown>) };
      const keys = Object.keys(o);
      const r = random();
      if (r < 0.2 && keys.length) delete o[pick(keys)];
      else if (r < 0.6 && keys.length) {
        const k = pick(keys);
        o[k] = depth < 3 && random() < 0.5 ? mutate(o[k], depth + 1) : odd();
      } else if (r < 0.7) o[pick(['extra', '__proto__', 'constructor', 'id'])] = odd();
      return o;
    };

    const watcher = new Database(t.ledger.file, { readonly: true });
    const dataVersion = () => watcher.pragma('data_version', { simple: true }) as number;
    const reached = new Map<Method, number>();
    let refused = 0;
    try {
      for (let i = 0; i < 3000; i++) {
        const method = pick(writes);
        const base = pick(examples[method]!);
        const input = random() < 0.15 ? base : mutate(base);
        const sample = i % 40 === 0;
        const before = sample ? snapshot(t.ledger) : null;
        const version = dataVersion();
        const answer = await callApi({ ledger: t.ledger, userId: admin.id, method }, method, input);
        if (!answer.ok) {
          expect([method, input, answer.error.code]).not.toEqual([method, input, 'INTERNAL']);
          expect([method, input, dataVersion()]).toEqual([method, input, version]);
          if (before) expect(snapshot(t.ledger)).toEqual(before);
          refused++;
        }
        // Past the schema: answered, or refused by the handler itself (schema refusals begin 输入有误).
        if (answer.ok || !answer.error.message.startsWith('输入有误')) reached.set(method, (reached.get(method) ?? 0) + 1);
        // The administrator's own password and session stay usable for the rest of the run.
        if (method === 'auth.changePassword' && answer.ok) t.ok('users.resetPassword', { id: admin.id, newPassword: 'boss-pass-1' });
      }
    } finally {
      watcher.close();
    }
    expect(refused).toBeGreaterThan(1000);
    // The fuzz got past the schema into the write handlers of nearly every method.
    expect(writes.filter((m) => !reached.has(m))).toEqual([]);
    expect(verifyLedger(t.ledger.db)).toMatchObject({ ok: true });
    expect(verifyAudit(t.ledger.db)).toMatchObject({ ok: true });
  } finally {
    t.close();
  }
});
