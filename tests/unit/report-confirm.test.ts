import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

/**
 * What the liaison confirms is what is sent: a submission that carries what its preview showed is
 * refused with REPORT_CHANGED when the ledger moved, the cutoff passed or the day was sent meanwhile.
 * Also what the sent files and the defaults say.
 */
let t: TestLedger;
afterEach(() => t?.close());

const formats: ['balance'] = ['balance'];
const narrative = { filledBy: '王联络', reviewedBy: '李组长', phone: '0571-88880000' };

function ledger() {
  t = tempLedger('2026-11-30T09:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-30T08:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }] });
  const issue = (quantity: number, time?: string) =>
    t.ok('docs.post', { type: 'issue', ...(time ? { time } : {}), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity }] });
  return { s, issue };
}
const seenOf = (p: { fingerprint: string; partial: boolean; kind?: 'daily' | 'supplement' | 'correction' }) => ({ fingerprint: p.fingerprint, partial: p.partial, kind: p.kind ?? 'daily' });

test('a slip posted after the preview, the cutoff passing, or someone else sending it: refused, and nothing is stored', async () => {
  const { issue } = ledger();
  t.clock.set('2026-11-30T14:50:00+08:00');
  const seen = seenOf(t.ok('reports.daily.preview'));
  issue(30);
  expect(await t.call('reports.daily.submit', { narrative, formats, seen })).toEqual({
    ok: false, error: { code: 'REPORT_CHANGED', message: '您核对之后台账有变动,11月30日日报的数字已经不同。本次未报送,请核对更新后的数字再报送。' },
  });
  // Read again at 14:55 and confirmed; sent at 15:01, after the cutoff: no longer an early report.
  t.clock.set('2026-11-30T14:55:00+08:00');
  const early = seenOf(t.ok('reports.daily.preview'));
  t.clock.set('2026-11-30T15:01:00+08:00');
  expect(await t.call('reports.daily.submit', { narrative, formats, seen: early })).toEqual({
    ok: false, error: { code: 'REPORT_CHANGED', message: '已过截止时间:本次将是 11月30日的正式日报(截至截止时间),不再是提前报送。本次未报送,请核对更新后的数字再报送。' },
  });
  expect(t.ok('reports.daily.list')).toEqual([]);
  expect(t.ok('settings.get').lockedUntil).toBe('');
  // Two screens read the same preview; the first sends, the second is told who did.
  const both = seenOf(t.ok('reports.daily.preview'));
  expect(await t.okAsync('reports.daily.submit', { narrative, formats, seen: both })).toMatchObject({ id: 1, partial: false, period: { to: '2026-11-30T07:00:00.000Z' } });
  t.clock.set('2026-11-30T15:03:00+08:00');
  expect(await t.call('reports.daily.submit', { day: '2026-11-30', narrative, formats, seen: both })).toEqual({
    ok: false, error: { code: 'REPORT_CHANGED', message: '11月30日日报已由 本机操作员 于 15:01 报送(在您打开此页之后)。本次未报送;如需再次报送,请点“补报/更正”并填写原因。' },
  });
  expect(t.ok('reports.daily.list').map((r) => r.id)).toEqual([1]);
});

test('a 补报 says so in every sheet, with its day, its reason and whether it was early; 填报人 defaults to the sender', async () => {
  const { issue } = ledger();
  t.clock.set('2026-11-30T11:00:00+08:00');
  await t.okAsync('reports.daily.submit', { narrative: { reviewedBy: '李组长' }, formats });
  t.clock.set('2026-11-30T15:30:00+08:00');
  issue(5, '2026-11-30T14:00:00+08:00');
  // Two reports on, 审核人 and 联系电话 are the last ones given, each on its own.
  await t.okAsync('reports.daily.submit', { day: '2026-11-30', reason: '补充截止前的发放', narrative: { phone: '0571-88880000' }, formats });
  expect(t.ok('reports.daily.status').defaults).toEqual({ reviewedBy: '李组长', phone: '0571-88880000' });
  const sheet = async (reportId: number) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.ok('reports.daily.get', { id: reportId }).files.length ? (await t.okAsync('reports.export', { reportId })).files[0].data : '', 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('收发存日报表')!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
    return texts;
  };
  const first = await sheet(1);
  expect(first[0]).toBe('应急物资收发存日报表');
  expect(first).toContain('填报单位:      日报日期:2026年11月30日');
  expect(first).toContain('统计时段:建账起—2026年11月30日11:00(提前报送)');
  expect(first.find((x) => x.startsWith('填报人'))).toMatch(/^填报人:本机操作员 {6}审核人:李组长 {6}联系电话: {6}报送时间:2026-11-30 11:00 {6}审计链/);
  const again = await sheet(2);
  expect(again[0]).toBe('应急物资收发存日报表(补报)');
  expect(again).toContain('统计时段:建账起—2026年11月30日15:00');
  expect(again.find((x) => x.startsWith('填报人'))).toMatch(/报送时间:2026-11-30 15:30 {6}补报原因:补充截止前的发放 {6}审计链/);
  expect(t.ok('reports.daily.list').map((r) => [r.id, r.previousLock])).toEqual([[2, '2026-11-30T03:00:00.000Z'], [1, '']]);
});

test('the preview export carries what the form says; a later cutoff after a day was sent does not reopen it', async () => {
  ledger();
  t.clock.set('2026-11-30T15:20:00+08:00');
  const out = await t.okAsync('reports.export', { day: '2026-11-30', narrative: { work: '发放口罩', filledBy: '王联络' }, formats });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.files[0].data, 'base64') as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.getWorksheet('收发存日报表')!.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
  expect(texts).toContain('发放口罩');
  expect(texts.find((x) => x.startsWith('填报人'))).toMatch(/^填报人:王联络 /);
  await t.okAsync('reports.daily.submit', { narrative, formats });
  expect(await t.okAsync('reports.daily.submit', { narrative, formats })).toMatchObject({ day: '2026-12-01', partial: true });
  // 15:20 with the cutoff moved to 16:00: by the clock it is the 30th's office day again, but the 1st was sent.
  t.ok('settings.update', { cutoffTime: '16:00' });
  expect(t.ok('reports.daily.status')).toMatchObject({ today: '2026-12-01', next: null, latestDay: '2026-12-01', owed: [] });
  // A start day set before is not checked again when another setting is saved.
  t.ok('settings.update', { cutoffTime: '15:00', reportStartDay: '2026-12-01' });
  expect(t.call('settings.update', { cutoffTime: '16:00', reportStartDay: '2026-12-02' })).toMatchObject({ ok: false, error: { message: '日报起始日 2026-12-02 不能晚于今天的日报日期 2026-11-30。' } });
  t.ok('settings.update', { cutoffTime: '16:00' });
  expect(t.ok('settings.update', { officeName: '云杉街道' })).toMatchObject({ officeName: '云杉街道', reportStartDay: '2026-12-01' });
});
