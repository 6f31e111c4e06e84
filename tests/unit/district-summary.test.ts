import { afterEach, expect, test } from 'vitest';
import { officeLedger, register, submitAndPackage } from '../helpers/district';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';
import { random } from '../helpers/random';
import type { DailyReport } from '../../db/reports/types';

const open: TestLedger[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));
const keep = (t: TestLedger) => (open.push(t), t);

/** The summary's figures, and where each unit's own report has it. */
const FIGURES = {
  opening: (i: Item) => i.opening, received: (i: Item) => i.received, receivedAllocation: (i: Item) => i.receipts.allocation, receivedPurchase: (i: Item) => i.receipts.purchase,
  receivedDonation: (i: Item) => i.receipts.donation, receivedOther: (i: Item) => i.receipts.other, issued: (i: Item) => i.issued, adjusted: (i: Item) => i.adjusted,
  lent: (i: Item) => i.lent, transferredOut: (i: Item) => i.transferredOut, closing: (i: Item) => i.closing, dailyIssue: (i: Item) => i.dailyIssue,
};
type Item = DailyReport['items'][number];
type Fig = Record<keyof typeof FIGURES, number>;

/** An office with its own goods and a random day: receipts, issues, a return, a void, a backdated slip, and maybe a loss. */
async function randomOffice(n: number, next: () => number) {
  const o = keep(officeLedger(`第${n}街道办事处`, `3301060${String(n).padStart(2, '0')}000`, '2026-12-01T10:00:00+08:00'));
  // The day's report is the first owed: what came on 11-30 (entered late, backdated) is its opening.
  o.ok('settings.update', { reportStartDay: '2026-12-01' });
  const s = seedBasics(o);
  // One office calls its masks otherwise and counts them in boxes of 50: mapped by hand below.
  const box = n === 2 ? o.ok('items.create', { code: 'FH-009', name: '一次性医用口罩', spec: '50只/盒', categoryId: o.ok('categories.list')[0].id, unit: '盒' }) : null;
  const goods = [s.mask, s.rice, ...(box ? [box] : [])];
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const at = (day: string, h: number, m: number) => `${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
  for (const g of goods) o.ok('docs.post', { type: 'receipt', sourceId: next() < 0.5 ? s.allocation.id : s.donation.id, time: at('2026-11-30', 10, 5), lines: [{ itemId: g.id, quantity: int(200, 900) }] });
  o.clock.set(at('2026-12-01', 14, 55));
  for (let k = int(2, 6); k > 0; k--) {
    const g = goods[int(0, goods.length - 1)];
    const doc = o.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: at(next() < 0.3 ? '2026-11-30' : '2026-12-01', int(11, 13), int(0, 59)), lines: [{ itemId: g.id, quantity: int(1, 60) }] });
    if (doc.ok && next() < 0.3) o.ok('docs.post', { type: 'return', checkpointId: s.site.id, personId: s.alice.id, time: at('2026-12-01', 14, 50), lines: [{ itemId: g.id, quantity: 1 }] });
    else if (doc.ok && next() < 0.3) o.ok('docs.void', { documentId: doc.data.id, reason: '登记错误', time: at('2026-12-01', 14, 52) });
  }
  if (next() < 0.5) o.ok('docs.post', { type: 'loss', time: at('2026-12-01', 14, 53), lines: [{ itemId: s.rice.id, quantity: '1.5', reason: '受潮' }] });
  const { file, reportId } = await submitAndPackage(o, '2026-12-01T15:20:00+08:00');
  return { o, file, items: o.ok('reports.daily.get', { id: reportId }).report.items };
}

test('the 汇总表 is the units’ own reports, row for row, and its totals their sums: seeded random office ledgers', async () => {
  for (let seed = 1; seed <= 6; seed++) {
    const next = random(seed);
    const d = keep(tempLedger('2026-12-01T16:00:00+08:00'));
    d.ok('settings.update', { officeName: '青山区物资保障组', unitCode: '330106000000' });
    const mine = seedBasics(d);
    const offices = [];
    for (let n = 1; n <= 3; n++) offices.push(await randomOffice(n, next));
    for (const { o, file } of offices) {
      register(d, o);
      expect(d.ok('packages.import', file).outcome).toBe('imported');
    }
    const before = d.ok('district.summary', { day: '2026-12-01' });
    expect(before.unmatched.map((u) => [u.name, u.units])).toEqual([['一次性医用口罩', ['第2街道办事处']]]);
    d.ok('mappings.create', { name: '一次性医用口罩', spec: '50只/盒', unit: '盒', itemId: mine.mask.id, factor: 50 });
    const summary = d.ok('district.summary', { day: '2026-12-01' });
    expect(summary.unmatched).toEqual([]);
    expect(summary.missing).toEqual([]);

    // Expected, from the units' reports alone: each district good gathers the unit items of its code, or the mapped one × 50.
    const unitIds = d.ok('subUnits.list').map((u) => u.id);
    expect(summary.rows.map((r) => r.name)).toEqual(['医用外科口罩', '大米']);
    for (const [code, name] of [['KZ01', '医用外科口罩'], ['SH01', '大米']]) {
      const row = summary.rows.find((r) => r.name === name)!;
      const expectedUnits = offices.map(({ items }, k) => {
        const parts = items.filter((i) => i.code === code || (code === 'KZ01' && i.name === '一次性医用口罩')).map((i) => ({ i, f: i.code === code ? 1 : 50 }));
        const fig = Object.fromEntries(Object.entries(FIGURES).map(([m, of]) => [m, Math.round(parts.reduce((a, { i, f }) => a + of(i) * f, 0) * 1000) / 1000])) as Fig;
        // Stock that lasts: the unit's own days × its daily issue, or the whole closing stock of a good nobody drew on.
        const lasting = parts.reduce((a, { i, f }) => a + (i.coverDays !== null ? i.coverDays * i.dailyIssue : Math.max(0, i.closing)) * f, 0);
        return { unitId: unitIds[k], ...fig, coverDays: fig.dailyIssue > 0 ? Math.round((lasting / fig.dailyIssue) * 10) / 10 : null };
      });
      expect(row.units, `seed ${seed} ${name}`).toEqual(expectedUnits);
      const total = Object.fromEntries((Object.keys(FIGURES) as (keyof Fig)[]).map((m) => [m, Math.round(expectedUnits.reduce((a, u) => a + u[m], 0) * 1000) / 1000]));
      expect(row.total, `seed ${seed} ${name}`).toMatchObject(total);
      // A unit whose only good of the code has its own days of cover keeps exactly them.
      offices.forEach(({ items }, k) => {
        const own = items.filter((i) => i.code === code);
        if (own.length === 1 && !(code === 'KZ01' && k === 1)) expect(row.units[k].coverDays).toBe(own[0].coverDays);
      });
    }
    open.splice(0).forEach((t) => t.close());
  }
}, 120_000);

test('物资对应: a good in another unit of measure needs its factor; a hand mapping wins over the code match and is undone by removing it', async () => {
  const d = keep(tempLedger('2026-12-01T16:00:00+08:00'));
  const mine = seedBasics(d);
  const { o, file } = await randomOffice(2, random(7));
  register(d, o);
  d.ok('packages.import', file);
  expect(d.call('mappings.create', { name: '一次性医用口罩', spec: '50只/盒', unit: '盒', itemId: mine.mask.id })).toMatchObject({
    ok: false, error: { code: 'INVALID_INPUT', message: '“一次性医用口罩”的单位是“盒”,“医用外科口罩”的单位是“只”:请填写 1 盒 等于多少 只。' },
  });
  // The office's 大米 (code SH01, as the district's) mapped by hand to the district's masks, say by mistake: the mapping wins.
  const wrong = d.ok('mappings.create', { name: '大米', spec: '东北粳米', unit: '公斤', itemId: mine.mask.id, factor: 1 });
  expect(wrong).toEqual({ id: wrong.id, name: '大米', spec: '东北粳米', unit: '公斤', itemId: mine.mask.id, item: '医用外科口罩', itemSpec: '独立包装', itemUnit: '只', factor: 1 });
  expect(d.ok('district.summary', { day: '2026-12-01' }).rows.map((r) => r.name)).not.toContain('大米');
  d.ok('mappings.delete', { id: wrong.id });
  expect(d.ok('district.summary', { day: '2026-12-01' }).rows.map((r) => r.name)).toContain('大米');
  expect(d.call('mappings.delete', { id: wrong.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
}, 60_000);
