import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

/**
 * 首页 发放量: issued per office day by the slips that still stand, for the goods most issued.
 * The expected figures are worked out here from the posted inputs alone: Asia/Shanghai is UTC+8
 * all year, so an office-local "YYYY-MM-DD HH:mm:ss" is its office day directly, plus one when
 * it is after the cutoff (15时后的数据计入第二日).
 */
let t: TestLedger;
afterEach(() => t?.close());

const NOW = '2026-11-28 12:00:00';

interface Slip {
  at: string;
  lines: [code: string, quantity: string][];
  /** Voided afterwards, at this office-local time. */
  voidAt?: string;
}

// Posted in this order; the last one is backdated behind slips already posted.
const SLIPS: Slip[] = [
  { at: '2026-10-29 10:00:00', lines: [['KZ01', '1000']] }, // office day 10-29: before the 30 days
  { at: '2026-10-29 15:30:00', lines: [['KZ01', '7']] }, // after the cutoff: 10-30, the month's first day
  { at: '2026-11-05 09:00:00', lines: [['FH02', '900'], ['ST01', '15']] }, // only in the month: its top five differ
  { at: '2026-11-10 09:00:00', lines: [['KZ01', '40'], ['SH01', '12.5']] },
  { at: '2026-11-21 23:30:00', lines: [['KZ01', '30'], ['ST01', '6']] }, // 15:30 UTC on the 21st; office day 11-22
  { at: '2026-11-22 07:30:00', lines: [['ST01', '25']] }, // 23:30 UTC on the 21st; office day 11-22
  { at: '2026-11-25 15:00:00', lines: [['KZ01', '11']] }, // on the cutoff: still the 25th
  { at: '2026-11-25 15:00:01', lines: [['KZ01', '13'], ['XD01', '4']] }, // a second after: the 26th
  { at: '2026-11-26 10:00:00', lines: [['KZ01', '500'], ['SJ01', '9']], voidAt: '2026-11-28 11:30:00' }, // voided two days later
  { at: '2026-11-27 09:00:00', lines: [['ST01', '60']], voidAt: '2026-11-27 09:30:00' }, // voided the same morning
  { at: '2026-11-27 14:00:00', lines: [['SJ01', '3'], ['XD01', '2']] },
  { at: '2026-11-28 11:00:00', lines: [['KZ01', '20'], ['SH01', '3.25']] },
  { at: '2026-11-24 10:00:00', lines: [['XD01', '8'], ['SJ01', '2']] }, // backdated: posted last
];

// Office-local wall time in Asia/Shanghai as an instant.
const iso = (local: string) => `${local.replace(' ', 'T')}+08:00`;

function plusDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The independent reckoning: date, plus one after the cutoff; per item and day, the slips not voided; top five by total. */
function expected(cutoff: string, names: Map<string, { id: number; name: string; unit: string; decimals: number }>, windowDays: number) {
  const today = officeDay(NOW, cutoff);
  const days = Array.from({ length: windowDays }, (_, i) => plusDays(today, i - windowDays + 1));
  const totals = new Map<string, number[]>();
  for (const slip of SLIPS) {
    if (slip.voidAt) continue;
    const column = days.indexOf(officeDay(slip.at, cutoff));
    if (column < 0) continue;
    for (const [code, q] of slip.lines) {
      const scale = 10 ** names.get(code)!.decimals;
      const row = totals.get(code) ?? days.map(() => 0);
      row[column] += Math.round(Number(q) * scale);
      totals.set(code, row);
    }
  }
  const series = [...totals].map(([code, row]) => {
    const item = names.get(code)!;
    const scale = 10 ** item.decimals;
    return { itemId: item.id, name: item.name, unit: item.unit, issued: row.map((v) => v / scale), total: row.reduce((a, b) => a + b, 0) / scale };
  });
  series.sort((a, b) => b.total - a.total);
  return { days, series: series.slice(0, 5) };
}

function officeDay(local: string, cutoff: string): string {
  const [date, time] = local.split(' ');
  return time > `${cutoff}:00` ? plusDays(date, 1) : date;
}

function postAll(cutoff: string) {
  t = tempLedger(iso(NOW));
  if (cutoff !== '15:00') t.ok('settings.update', { cutoffTime: cutoff });
  const s = seedBasics(t);
  const cat = t.ok('categories.list').find((c) => c.name === '防护用品')!.id;
  const gloves = t.ok('items.create', { code: 'ST01', name: '医用手套', categoryId: cat, unit: '副' });
  const suit = t.ok('items.create', { code: 'FH02', name: '医用防护服', categoryId: cat, unit: '套' });
  const bleach = t.ok('items.create', { code: 'XD01', name: '84消毒液', categoryId: cat, unit: '瓶' });
  const items = [s.mask, s.reagent, s.rice, gloves, suit, bleach];
  const byCode = new Map(items.map((i) => [i.code, { id: i.id, name: i.name, unit: i.unit, decimals: i.decimals }]));
  t.ok('docs.post', {
    type: 'receipt', sourceId: s.allocation.id, time: iso('2026-10-20 09:00:00'),
    lines: items.map((i) => ({ itemId: i.id, quantity: '5000', ...(i.tracksBatches ? { batchNo: 'SJ2610', expiryDate: '2027-10-01' } : {}) })),
  });
  for (const slip of SLIPS) {
    const lines = slip.lines.map(([code, quantity]) => ({ itemId: byCode.get(code)!.id, quantity }));
    const doc = t.ok('docs.post', { type: 'issue', time: iso(slip.at), checkpointId: s.site.id, personId: s.alice.id, lines });
    if (slip.voidAt) t.ok('docs.void', { documentId: doc.id, time: iso(slip.voidAt), reason: '领取人写错' });
  }
  // A return is its own document: it is not taken off the day's issue.
  t.ok('docs.post', { type: 'return', time: iso('2026-11-27 16:00:00'), checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: '5' }] });
  return { byCode, s };
}

test('consumption: per office day (15:00 cutoff), slips that stand, voided and returned left out, top five goods per window', () => {
  const { byCode, s } = postAll('15:00');
  const c = t.ok('dashboard.get').consumption;
  expect(c.week).toEqual(expected('15:00', byCode, 7));
  expect(c.month).toEqual(expected('15:00', byCode, 30));
  // Spelled out for the week, so the reckoning above is checked too.
  expect(c.week.days).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
  expect(c.week.series.map((r) => r.name)).toEqual(['医用外科口罩', '医用手套', '84消毒液', '核酸检测试剂', '大米']);
  expect(c.week.series[0]).toEqual({ itemId: s.mask.id, name: '医用外科口罩', unit: '只', issued: [30, 0, 0, 11, 13, 0, 20], total: 74 });
  expect(c.week.series[1].issued).toEqual([31, 0, 0, 0, 0, 0, 0]);
  expect(c.week.series[4]).toEqual({ itemId: s.rice.id, name: '大米', unit: '公斤', issued: [0, 0, 0, 0, 0, 0, 3.25], total: 3.25 });
  // The month starts at 10-29 15:00: the 10:00 slip of the 29th is outside, the 15:30 one is its first day.
  expect(c.month.days[0]).toBe('2026-10-30');
  expect(c.month.series.map((r) => [r.name, r.total])).toEqual([['医用防护服', 900], ['医用外科口罩', 121], ['医用手套', 46], ['大米', 15.75], ['84消毒液', 14]]);
  expect(c.month.series[1].issued[0]).toBe(7);
});

test('consumption: with a 23:59 cutoff a 23:30 slip is its own office day, and an early-morning slip is not the previous UTC day', () => {
  const { byCode } = postAll('23:59');
  const c = t.ok('dashboard.get').consumption;
  expect(c.week).toEqual(expected('23:59', byCode, 7));
  expect(c.month).toEqual(expected('23:59', byCode, 30));
  expect(c.week.days[0]).toBe('2026-11-22');
  // 11-21 23:30 is the 21st (outside the week); 11-22 07:30 (23:30 UTC the day before) is the 22nd.
  const gloves = c.week.series.find((r) => r.name === '医用手套')!;
  expect(gloves.issued).toEqual([25, 0, 0, 0, 0, 0, 0]);
  const mask = c.week.series.find((r) => r.name === '医用外科口罩')!;
  expect(mask.issued).toEqual([0, 0, 0, 24, 0, 0, 20]);
});
