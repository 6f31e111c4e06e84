import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { callApi } from '../../db/api/call';
import { migrations } from '../../db/migrations';
import { LEDGER_FILE, openLedger } from '../../db/open';
import { seedBasics, tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';

/**
 * A daily report belongs to an office day: (the previous day's cutoff, this day's cutoff], cut at
 * 15:00 Beijing time = 07:00 UTC. The expected periods below are written out by hand from that rule.
 */
let t: TestLedger;
afterEach(() => t?.close());

const narrative = { work: '', problems: '', plans: '', filledBy: '王联络', reviewedBy: '李组长', phone: '0571-88880000' };
const formats: ['balance'] = ['balance'];

function ledger() {
  t = tempLedger('2026-11-27T09:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-27T08:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }] });
  const issue = (time: string, quantity: number) =>
    t.ok('docs.post', { type: 'issue', time, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity }] });
  return { s, issue };
}

test('the days owed run from the first movement\'s day; after 15:00 the office day is tomorrow', () => {
  ledger();
  t.clock.set('2026-11-30T16:00:00+08:00');
  expect(t.ok('reports.daily.status')).toMatchObject({
    today: '2026-12-01', dueAt: '2026-12-01T07:00:00.000Z', startDay: '2026-11-27', startDayIsDefault: true,
    owed: ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'], owedCount: 4, next: '2026-11-27', latestDay: null, standing: null,
    defaults: { reviewedBy: '', phone: '' },
  });
  // The ledger's first day: 建账起, up to that day's cutoff.
  expect(t.ok('reports.daily.preview')).toMatchObject({
    day: '2026-11-27', kind: 'daily', partial: false, period: { from: null, to: '2026-11-27T07:00:00.000Z' }, periodText: '建账起—2026年11月27日15:00',
  });
});

test('a liaison\'s week: 日报起始日, missed days in order, 提前报送, 补报 with a reason, 更正 after a withdrawal', async () => {
  const { issue } = ledger();
  t.clock.set('2026-11-30T16:00:00+08:00');
  issue('2026-11-28T10:00:00+08:00', 100);
  issue('2026-11-29T10:00:00+08:00', 20);
  issue('2026-11-30T10:00:00+08:00', 30);
  // The office starts reporting on the 29th: the 27th and 28th are not owed.
  expect(t.call('settings.update', { reportStartDay: '2026-12-02' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '日报起始日 2026-12-02 不能晚于今天的日报日期 2026-12-01。' } });
  t.ok('settings.update', { reportStartDay: '2026-11-29' });
  expect(t.ok('reports.daily.status')).toMatchObject({ startDay: '2026-11-29', startDayIsDefault: false, owed: ['2026-11-29', '2026-11-30'], next: '2026-11-29' });
  const monday = t.ok('reports.daily.preview');
  expect(monday).toMatchObject({ day: '2026-11-29', period: { from: '2026-11-28T07:00:00.000Z', to: '2026-11-29T07:00:00.000Z' }, periodText: '2026年11月28日15:00—2026年11月29日15:00' });
  expect(monday.items[0]).toMatchObject({ opening: 900, issued: 20, closing: 880 });

  // Out of order, before the start, or a day not yet begun: refused with the day to send.
  expect(await t.call('reports.daily.submit', { day: '2026-11-30', narrative, formats })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请先报送 11月29日 的日报:日报须按日期顺序报送。' } });
  expect(await t.call('reports.daily.submit', { day: '2026-11-28', narrative, formats })).toMatchObject({ ok: false, error: { message: '11月28日 早于日报起始日 11月29日,不需要报送。' } });
  expect(await t.call('reports.daily.submit', { day: '2026-12-02', narrative, formats })).toMatchObject({ ok: false, error: { code: 'FUTURE_TIME', message: '12月2日 的日报还不能报送:今天报送的是 12月1日 的日报(15:00 后的数据计入第二日)。' } });
  expect(t.ok('reports.daily.list')).toEqual([]);

  expect(await t.okAsync('reports.daily.submit', { day: '2026-11-29', narrative, formats })).toEqual({
    id: 1, day: '2026-11-29', kind: 'daily', partial: false, period: { from: '2026-11-28T07:00:00.000Z', to: '2026-11-29T07:00:00.000Z' },
    periodText: '2026年11月28日15:00—2026年11月29日15:00', files: ['物资日报-2026年11月29日.xlsx'],
  });
  expect(await t.okAsync('reports.daily.submit', { day: '2026-11-30', narrative, formats })).toMatchObject({ id: 2, period: { from: '2026-11-29T07:00:00.000Z', to: '2026-11-30T07:00:00.000Z' } });
  expect(t.ok('reports.daily.status')).toMatchObject({ owed: [], owedCount: 0, next: '2026-12-01', latestDay: '2026-11-30', defaults: { reviewedBy: '李组长', phone: '0571-88880000' } });

  // 提前报送 at 11:20: 截至 11:20; the 11:30 slip goes to the next day.
  t.clock.set('2026-12-01T11:20:00+08:00');
  issue('2026-11-30T16:30:00+08:00', 5);
  expect(await t.okAsync('reports.daily.submit', { day: '2026-12-01', narrative, formats })).toMatchObject({
    id: 3, day: '2026-12-01', kind: 'daily', partial: true, period: { from: '2026-11-30T07:00:00.000Z', to: '2026-12-01T03:20:00.000Z' },
  });
  issue('2026-12-01T11:30:00+08:00', 7);
  expect(t.ok('reports.daily.status')).toMatchObject({
    today: '2026-12-01', next: null, latestDay: '2026-12-01',
    standing: { id: 3, day: '2026-12-01', partial: true, kind: 'daily', kindText: '日报', submitter: '本机操作员', files: ['物资日报-2026年12月1日.xlsx'] },
  });

  // The same day again: a reason is needed; then the whole day up to 15:00, shown as 补报.
  t.clock.set('2026-12-01T15:05:00+08:00');
  expect(await t.call('reports.daily.submit', { day: '2026-12-01', narrative, formats })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '12月1日 已报送过日报,再次报送(补报)须填写原因。' } });
  const again = await t.okAsync('reports.daily.submit', { day: '2026-12-01', reason: '补充11:20后的发放', narrative, formats });
  expect(again).toMatchObject({ id: 4, kind: 'supplement', partial: false, period: { from: '2026-11-30T07:00:00.000Z', to: '2026-12-01T07:00:00.000Z' }, files: ['物资日报-2026年12月1日-补报.xlsx'] });
  expect(t.ok('reports.daily.get', { id: 4 }).report.items[0]).toMatchObject({ opening: 850, issued: 12, closing: 838 });
  expect(t.ok('settings.get').lockedUntil).toBe('2026-12-01T07:00:00.000Z');
  expect(t.ok('reports.daily.list').map((r) => [r.id, r.day, r.kindText, r.reason, r.partial, r.state])).toEqual([
    [4, '2026-12-01', '补报', '补充11:20后的发放', false, 'submitted'],
    [3, '2026-12-01', '日报', null, true, 'submitted'],
    [2, '2026-11-30', '日报', null, false, 'submitted'],
    [1, '2026-11-29', '日报', null, false, 'submitted'],
  ]);

  // Withdrawn, both: the day is owed again, and sending it is a 更正 that needs a reason.
  t.ok('reports.daily.withdraw', { id: 4, reason: '数字有误' });
  expect(t.ok('settings.get').lockedUntil).toBe('2026-12-01T03:20:00.000Z');
  t.ok('reports.daily.withdraw', { id: 3, reason: '数字有误' });
  expect(t.ok('reports.daily.status')).toMatchObject({ today: '2026-12-02', owed: ['2026-12-01'], next: '2026-12-01', latestDay: '2026-11-30' });
  expect(t.ok('reports.daily.preview')).toMatchObject({ day: '2026-12-01', kind: 'correction', period: { from: '2026-11-30T07:00:00.000Z', to: '2026-12-01T07:00:00.000Z' } });
  expect(await t.call('reports.daily.submit', { narrative, formats })).toMatchObject({ ok: false, error: { message: '12月1日 已报送过日报,再次报送(更正)须填写原因。' } });
  expect(await t.okAsync('reports.daily.submit', { reason: '更正发放数', narrative, formats })).toMatchObject({ id: 5, day: '2026-12-01', kind: 'correction', files: ['物资日报-2026年12月1日-更正.xlsx'] });
});

test('an early report\'s remainder goes to the next day; the preview export says 预览', async () => {
  const { issue } = ledger();
  t.ok('settings.update', { reportStartDay: '2026-11-27' });
  t.clock.set('2026-11-27T11:00:00+08:00');
  await t.okAsync('reports.daily.submit', { narrative, formats });
  t.clock.set('2026-11-28T09:00:00+08:00');
  issue('2026-11-27T12:00:00+08:00', 40);
  const next = t.ok('reports.daily.preview');
  expect(next).toMatchObject({ day: '2026-11-28', partial: true, period: { from: '2026-11-27T03:00:00.000Z', to: '2026-11-28T01:00:00.000Z' } });
  expect(next.items[0]).toMatchObject({ opening: 1000, issued: 40, closing: 960 });
  const title = async (data: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
    return wb.getWorksheet('收发存日报表')!.getCell('A1').value;
  };
  const files = await t.okAsync('reports.export', { day: '2026-11-28', formats });
  expect(files.files.map((f) => f.fileName)).toEqual(['物资日报-2026年11月28日-预览.xlsx']);
  expect(await title(files.files[0].data)).toBe('应急物资收发存日报表(预览 · 未报送)');
  const sent = await t.okAsync('reports.export', { reportId: 1 });
  expect(await title(sent.files[0].data)).toBe('应急物资收发存日报表');
});

test('reports.daily.status is open to every role; a read-only user cannot submit', async () => {
  ledger();
  const viewer = t.ok('users.create', { username: 'viewer', displayName: '只读', role: 'readonly', password: 'viewer-pass-1' });
  expect(callApi({ ledger: t.ledger, userId: viewer.id }, 'reports.daily.status', undefined)).toMatchObject({ ok: true, data: { next: '2026-11-27' } });
  expect(await callApi({ ledger: t.ledger, userId: viewer.id }, 'reports.daily.submit', { narrative })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('migration 0014 gives the reports of an existing ledger their office day and whether they were sent early', () => {
  const fresh = tempLedger('2026-11-29T12:00:00+08:00');
  const { dir, clock } = fresh;
  fresh.ledger.close();
  rmSync(join(dir, LEDGER_FILE));
  // The ledger as the previous release left it: version 13, reports cut at any instant.
  const old = openLedger(dir, { clock, migrations: migrations.slice(0, 13) });
  const insert = old.db.prepare(`INSERT INTO daily_reports (period_from, period_to, state, submitted_at, submitted_by, narrative, snapshot, previous_lock)
    VALUES (?, ?, 'submitted', ?, (SELECT MIN(id) FROM users), '{}', ?, '')`);
  insert.run(null, '2026-11-28T07:00:00.000Z', '2026-11-28T07:05:00.000Z', JSON.stringify({ partial: false }));
  insert.run('2026-11-28T07:00:00.000Z', '2026-11-29T03:20:00.000Z', '2026-11-29T03:20:00.000Z', JSON.stringify({ partial: true }));
  old.close();
  t = testLedgerOn(openLedger(dir, { clock }), clock);
  expect(t.ledger.db.prepare('SELECT id, report_date, kind, reason, partial FROM daily_reports ORDER BY id').all()).toEqual([
    { id: 1, report_date: '2026-11-28', kind: 'daily', reason: null, partial: 0 },
    { id: 2, report_date: '2026-11-29', kind: 'daily', reason: null, partial: 1 },
  ]);
  expect(t.ok('reports.daily.status')).toMatchObject({ today: '2026-11-29', next: null, latestDay: '2026-11-29', standing: { id: 2, partial: true } });
});
