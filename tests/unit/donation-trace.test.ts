import { afterEach, expect, test } from 'vitest';
import type { Disclosure, DisclosureDonation, DisclosureGoods, DisclosureUse } from '../../db/donations/disclosure';
import type { ApiInput } from '../../db/api/handlers';
import { tempLedger, type TestLedger } from '../helpers/ledger';

/**
 * 捐赠公示 traced through the batches: on a real ledger, random (seeded) receipts of donated and other
 * goods, issues, returns, loans, losses, counts, moves, transfers and voids (some after returns), some
 * dated back; the 公示表 must equal what a walk of the movements written here gives.
 */
let t: TestLedger;
afterEach(() => t?.close());

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const TZ = 'Asia/Shanghai';
const local = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

function setUp() {
  t = tempLedger('2026-11-01T08:00:00+08:00');
  const cat = t.ok('categories.list')[0].id;
  const items = [
    t.ok('items.create', { code: 'SJ', name: '核酸检测试剂', categoryId: cat, unit: '盒', tracksBatches: true }),
    t.ok('items.create', { code: 'KZ', name: '医用外科口罩', spec: '独立包装', categoryId: cat, unit: '只' }),
    t.ok('items.create', { code: 'DM', name: '大米', categoryId: cat, unit: '公斤', decimals: 3 }),
    t.ok('items.create', { code: 'KY', name: '手持扩音器', categoryId: cat, unit: '台', durable: true }),
  ];
  const donors = [t.ok('sources.create', { name: '青禾爱心企业', type: 'donation' }), t.ok('sources.create', { name: '爱心人士', type: 'donation' })];
  const other = t.ok('sources.create', { name: '区物资保障组', type: 'allocation' });
  const places = ['东湖小区采样点', '北门卡口', '隔离点一', '阳光养老院'].map((name) => {
    const c = t.ok('checkpoints.create', { name, type: '其他' });
    return { id: c.id, person: t.ok('people.create', { name: `${name}领取人`, checkpointId: c.id }).id };
  });
  const store2 = t.ok('stores.create', { name: '二号库房' });
  return { items, donors, other, places, store2 };
}

/** Random documents, each at a later minute, a fifth of them dated back up to a day; refused ones are skipped. */
function randomLedger(seed: number, count: number) {
  const s = setUp();
  const r = rng(seed);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)];
  const posted: { id: number; type: string }[] = [];
  const done: Record<string, number> = {};
  let now = Date.parse('2026-11-01T08:00:00+08:00');
  for (let k = 0; k < count; k++) {
    now += (5 + Math.floor(r() * 55)) * 60_000;
    t.clock.set(new Date(now));
    const time = r() < 0.2 ? new Date(now - Math.floor(r() * 24 * 60) * 60_000).toISOString() : undefined;
    const item = pick(s.items);
    const place = pick(s.places);
    const qty = 1 + Math.floor(r() * 30);
    const batches = t.ok('stock.list', {}).find((x) => x.itemId === item.id)?.batches ?? [];
    const batchId = batches.length && r() < 0.5 ? pick(batches).batchId : undefined;
    const roll = r();
    let input: ApiInput<'docs.post'>;
    let type: string;
    if (roll < 0.22) {
      const donated = r() < 0.6;
      type = donated ? 'donation' : 'receipt';
      const lines = [item, ...(r() < 0.5 ? [pick(s.items)] : [])].map((i, n) => ({ itemId: i.id, quantity: 20 + Math.floor(r() * 100), ...(i.tracksBatches ? { batchNo: `${donated ? 'D' : 'A'}${k}-${n}`, expiryDate: '2027-12-31' } : {}) }));
      const donation = donated && r() < 0.8 ? (r() < 0.3 ? { anonymous: true, donor: '王某' } : { donor: `捐赠人${k}`, contact: '13900000000', receiptNo: `JZ${k}` }) : undefined;
      input = { type: 'receipt', sourceId: donated ? pick(s.donors).id : s.other.id, lines, ...(donation ? { donation } : {}), time };
    } else if (roll < 0.5) {
      type = item.durable ? 'loan' : 'issue';
      input = { type: type as never, checkpointId: place.id, personId: place.person, lines: [{ itemId: item.id, quantity: qty, ...(batchId ? { batchId } : {}) }], time };
    } else if (roll < 0.62) {
      type = item.durable ? 'loan_return' : 'return';
      input = { type: type as never, checkpointId: place.id, lines: [{ itemId: item.id, quantity: 1 + Math.floor(qty / 3) }], time };
    } else if (roll < 0.68) {
      type = 'loss';
      input = { type: type as never, lines: [{ itemId: item.id, quantity: 1 + Math.floor(qty / 5), reason: '破损', ...(batchId ? { batchId } : {}) }], time };
    } else if (roll < 0.72 && batchId) {
      type = 'stocktake';
      const book = batches.find((b) => b.batchId === batchId)!.quantity;
      input = { type: type as never, lines: [{ itemId: item.id, batchId, counted: String(Math.max(0, book + Math.floor(r() * 7) - 4) / 10 ** item.decimals), reason: '盘点差异' }], time };
    } else if (roll < 0.75) {
      type = 'transfer_out';
      input = { type: type as never, counterparty: '邻街道', lines: [{ itemId: item.id, quantity: 1 + Math.floor(qty / 4) }], time };
    } else if (roll < 0.78) {
      type = 'move';
      input = { type: type as never, toStoreId: s.store2.id, lines: [{ itemId: item.id, quantity: 1 + Math.floor(qty / 4) }], time };
    } else if (roll < 0.92 || !posted.length) {
      continue;
    } else {
      // Voids: returns often, so that a return's void and voids after returns both come up.
      const target = r() < 0.4 ? posted.filter((p) => p.type === 'return').at(-1) ?? pick(posted) : pick(posted);
      const v = t.call('docs.void', { documentId: target.id, reason: '录入错误' });
      if (v.ok) done[`void:${target.type}`] = (done[`void:${target.type}`] ?? 0) + 1;
      continue;
    }
    if (!time) delete (input as { time?: string }).time;
    const res = t.call('docs.post', input);
    if (res.ok) {
      posted.push({ id: res.data.id, type });
      done[type] = (done[type] ?? 0) + 1;
    }
  }
  return done;
}

/** The 公示表 from the movements alone: a void is folded into the document it reverses, so both cancel. */
function walk(): DisclosureDonation[] {
  const db = t.ledger.db;
  const docs = new Map((db.prepare('SELECT * FROM documents').all() as { id: number; number: string; type: string; state: string; reverses_id: number | null; occurred_at: string; business_date: string; source_id: number | null; counterparty: string }[]).map((d) => [d.id, d]));
  const sources = new Map((db.prepare('SELECT id, name, type FROM sources').all() as { id: number; name: string; type: string }[]).map((x) => [x.id, x]));
  const places = new Map((db.prepare('SELECT id, name FROM checkpoints').all() as { id: number; name: string }[]).map((c) => [c.id, c.name]));
  const lines = db.prepare('SELECT l.*, i.code, i.name, i.spec, i.unit, i.decimals, i.tracks_batches, b.batch_no, b.expiry_date FROM document_lines l JOIN items i ON i.id = l.item_id JOIN batches b ON b.id = l.batch_id ORDER BY l.id').all() as Record<string, never>[];
  const reasons = new Map(lines.map((l) => [l['id'] as number, l['reason'] as string]));
  const moves = db.prepare('SELECT * FROM movements ORDER BY id').all() as { document_id: number; line_id: number; kind: string; batch_id: number; checkpoint_id: number | null; delta: number }[];
  const given = new Map((db.prepare('SELECT * FROM donations').all() as { document_id: number; donor: string; anonymous: number; receipt_no: string }[]).map((g) => [g.document_id, g]));
  const donations = [...docs.values()].filter((d) => d.type === 'receipt' && d.state === 'posted' && sources.get(d.source_id!)?.type === 'donation')
    .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at) || a.id - b.id);
  return donations.map((d) => {
    const g = given.get(d.id);
    const own = lines.filter((l) => l['document_id'] === d.id);
    const goods: DisclosureGoods[] = [...new Set(own.map((l) => l['batch_id'] as number))].map((batchId) => {
      const l = own.find((x) => x['batch_id'] === batchId)!;
      const net = new Map<number, { delta: number; reason: Set<string> }>();
      let inStock = 0;
      for (const m of moves.filter((x) => x.batch_id === batchId)) {
        inStock += m.delta;
        const key = docs.get(m.document_id)!.reverses_id ?? m.document_id;
        const e = net.get(key) ?? { delta: 0, reason: new Set<string>() };
        e.delta += m.delta;
        if (docs.get(m.document_id)!.type !== 'void' && reasons.get(m.line_id)) e.reason.add(reasons.get(m.line_id)!);
        net.set(key, e);
      }
      const uses: DisclosureUse[] = [...net].filter(([key, e]) => key !== d.id && e.delta !== 0).map(([key, e]) => {
        const o = docs.get(key)!;
        const kind = moves.find((m) => m.document_id === key)!.kind as DisclosureUse['kind'];
        const cp = moves.find((m) => m.document_id === key)!.checkpoint_id;
        return { documentId: key, number: o.number, time: local(o.occurred_at), kind, place: kind === 'transfer_out' ? o.counterparty : cp ? places.get(cp)! : '', delta: e.delta, reason: [...e.reason].join(',') };
      }).sort((a, b) => docs.get(a.documentId)!.occurred_at.localeCompare(docs.get(b.documentId)!.occurred_at) || a.documentId - b.documentId);
      const sum = (kinds: string[]) => uses.filter((u) => kinds.includes(u.kind)).reduce((s, u) => s + u.delta, 0);
      return {
        itemId: l['item_id'], batchId, code: l['code'], name: l['name'], spec: l['spec'], unit: l['unit'], decimals: l['decimals'],
        batchNo: l['batch_no'] === '' && l['tracks_batches'] ? '未分批' : l['batch_no'], expiryDate: l['expiry_date'],
        received: own.filter((x) => x['batch_id'] === batchId).reduce((s, x) => s + (x['quantity'] as number), 0),
        issued: 0 - sum(['issue', 'loan', 'transfer_out']), returned: sum(['return', 'loan_return']), lost: 0 - sum(['loss']), adjusted: sum(['stocktake']),
        inStock, shared: sum(['receipt']) !== 0, uses,
      };
    });
    return {
      documentId: d.id, number: d.number, time: local(d.occurred_at), day: d.business_date,
      donor: g?.anonymous ? '匿名' : g?.donor ?? sources.get(d.source_id!)!.name, anonymous: g?.anonymous === 1, receiptNo: g?.receipt_no ?? '',
      sourceName: sources.get(d.source_id!)!.name, goods,
    };
  });
}

test.each([1, 2, 3])('the 公示表 equals the walk of the movements (seed %i)', (seed) => {
  const done = randomLedger(seed, 260);
  // The run is not vacuous: every kind of document came up, voids of issues and of returns too.
  for (const kind of ['donation', 'receipt', 'issue', 'return', 'loan', 'loss', 'transfer_out', 'move', 'void:return']) expect(done[kind] ?? 0, kind).toBeGreaterThan(0);
  const d = t.ok('donations.disclosure', {}) as Disclosure;
  const expected = walk();
  expect(d.donations).toEqual(expected);
  const uses = expected.flatMap((x) => x.goods.flatMap((g) => g.uses));
  expect(uses.some((u) => u.kind === 'return')).toBe(true);
  expect(uses.some((u) => u.kind === 'issue')).toBe(true);
  // Donated goods keep their own batches: nothing but the donation ever came into them.
  expect(expected.flatMap((x) => x.goods).filter((g) => g.shared)).toEqual([]);
  for (const g of expected.flatMap((x) => x.goods)) expect(g.inStock).toBe(g.received - g.issued + g.returned - g.lost + g.adjusted);
  // A period picks donations by their office day; one donation alone is the same row.
  const first = expected[0];
  expect(t.ok('donations.disclosure', { from: first.day, to: first.day }).donations).toEqual(expected.filter((x) => x.day === first.day));
  expect(t.ok('donations.disclosure', { documentId: first.documentId }).donations).toEqual([first]);
});

test('a donation keeps its own batches; a void after a return cancels both; anonymous donors and contacts stay out of public', () => {
  const s = setUp();
  const [reagent, mask] = s.items;
  const [site, gate] = s.places;
  t.ok('docs.post', { type: 'receipt', sourceId: s.other.id, lines: [{ itemId: reagent.id, quantity: 10, batchNo: 'A1' }] });
  // Donated goods never share a batch with other goods, either way round; a refusal names the batch and the document.
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.donors[0].id, donation: { donor: '青禾' }, lines: [{ itemId: reagent.id, quantity: 5, batchNo: 'A1' }] }))
    .toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '核酸检测试剂 批号 A1 已有单据 RK20261101-001 的出入库记录;捐赠物资须单独立批,请填写新的批号。' } });
  const gift = t.ok('docs.post', {
    type: 'receipt', sourceId: s.donors[1].id, donation: { donor: '张先生', anonymous: true, contact: '13911112222', receiptNo: 'JZ-0007' },
    lines: [{ itemId: reagent.id, quantity: 40, batchNo: 'G1', expiryDate: '2027-06-30' }, { itemId: mask.id, quantity: 500 }],
  });
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.other.id, lines: [{ itemId: reagent.id, quantity: 5, batchNo: 'G1' }] }))
    .toMatchObject({ ok: false, error: { message: '核酸检测试剂 批号 G1 是捐赠 RK20261101-002 的批次,其他来源的物资不能入同一批次,请填写另一个批号。' } });
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.other.id, donation: { donor: '某' }, lines: [{ itemId: mask.id, quantity: 5 }] }))
    .toMatchObject({ ok: false, error: { message: '来源“区物资保障组”是上级调拨,不是社会捐赠,不能登记捐赠方。' } });
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.donors[0].id, donation: { donor: '' }, lines: [{ itemId: mask.id, quantity: 5 }] }))
    .toMatchObject({ ok: false, error: { message: '请填写捐赠方,或选择匿名捐赠。' } });
  // Goods without batch numbers: a batch named after the receipt; the mask the office had already stays apart.
  t.ok('docs.post', { type: 'receipt', sourceId: s.other.id, lines: [{ itemId: mask.id, quantity: 100 }] });
  const g1 = t.ok('stock.list', {}).find((x) => x.itemId === reagent.id)!.batches.find((b) => b.batchNo === 'G1')!.batchId;
  t.clock.set(new Date('2026-11-01T09:00:00+08:00'));
  const issue = t.ok('docs.post', { type: 'issue', checkpointId: site.id, personId: site.person, lines: [{ itemId: reagent.id, quantity: 12, batchId: g1 }] });
  const back = t.ok('docs.post', { type: 'return', checkpointId: site.id, lines: [{ itemId: reagent.id, quantity: 2, batchId: g1 }] });
  const kept = t.ok('docs.post', { type: 'issue', checkpointId: gate.id, personId: gate.person, lines: [{ itemId: reagent.id, quantity: 3, batchId: g1 }] });
  t.clock.set(new Date('2026-11-01T10:00:00+08:00'));
  // An issue with a return standing cannot be voided; once the return is voided, it can: both cancel.
  expect(t.call('docs.void', { documentId: issue.id, reason: '错' }).ok).toBe(false);
  t.ok('docs.void', { documentId: back.id, reason: '错' });
  t.ok('docs.void', { documentId: issue.id, reason: '错' });
  const d = t.ok('donations.disclosure', { documentId: gift.id });
  expect(d.donations).toEqual([{
    documentId: gift.id, number: 'RK20261101-002', time: '2026-11-01 08:00', day: '2026-11-01', donor: '匿名', anonymous: true, receiptNo: 'JZ-0007', sourceName: '爱心人士',
    goods: [
      { itemId: reagent.id, batchId: g1, code: 'SJ', name: '核酸检测试剂', spec: '', unit: '盒', decimals: 0, batchNo: 'G1', expiryDate: '2027-06-30', received: 40, issued: 3, returned: 0, lost: 0, adjusted: 0, inStock: 37, shared: false,
        uses: [{ documentId: kept.id, number: kept.number, time: '2026-11-01 09:00', kind: 'issue', place: '北门卡口', delta: -3, reason: '' }] },
      { itemId: mask.id, batchId: expect.any(Number), code: 'KZ', name: '医用外科口罩', spec: '独立包装', unit: '只', decimals: 0, batchNo: 'RK20261101-002', expiryDate: null, received: 500, issued: 0, returned: 0, lost: 0, adjusted: 0, inStock: 500, shared: false, uses: [] },
    ],
  }]);
  const published = JSON.stringify([d, t.ok('print.donations', {})]);
  expect(published).not.toContain('13911112222');
  expect(published).not.toContain('张先生');
  // The office's own register keeps who gave and how to reach them.
  expect(t.ok('donations.list', {})[0]).toMatchObject({ documentId: gift.id, donor: '张先生', anonymous: true, contact: '13911112222', receiptNo: 'JZ-0007', voided: false });
  // A voided donation leaves the table; the corrected receipt may take its batch number again.
  t.ok('docs.void', { documentId: kept.id, reason: '错' });
  t.ok('docs.void', { documentId: gift.id, reason: '数量录错' });
  expect(t.ok('donations.disclosure', {}).donations).toEqual([]);
  const again = t.ok('docs.post', { type: 'receipt', sourceId: s.donors[1].id, lines: [{ itemId: reagent.id, quantity: 45, batchNo: 'G1' }] });
  expect(t.ok('donations.disclosure', {}).donations.map((x) => [x.number, x.donor, x.goods[0].batchId, x.goods[0].inStock])).toEqual([[again.number, '爱心人士', g1, 45]]);
});

test('the trace reads the donated items through the per-item time index, never a scan of the movements', () => {
  setUp();
  const plan = (t.ledger.db.prepare(`EXPLAIN QUERY PLAN SELECT m.batch_id FROM movements m JOIN documents d ON d.id = m.document_id
    WHERE m.item_id IN (1, 2) AND m.batch_id IN (3, 4) AND d.state = 'posted' AND d.type <> 'void'`).all() as { detail: string }[]).map((r) => r.detail);
  expect(plan.some((p) => /SEARCH m USING INDEX movements_item_time \(item_id=\?\)/.test(p))).toBe(true);
  expect(plan.some((p) => /SCAN m\b/.test(p))).toBe(false);
});
