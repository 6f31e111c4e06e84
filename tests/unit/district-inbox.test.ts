import { afterEach, expect, test } from 'vitest';
import { signedFile } from '../../db/district/signed';
import { officeLedger, register, submitAndPackage } from '../helpers/district';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

const open: TestLedger[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));
const keep = (t: TestLedger) => (open.push(t), t);

function district(at = '2026-12-01T16:10:00+08:00') {
  const d = keep(tempLedger(at));
  d.ok('settings.update', { officeName: '青山区物资保障组', unitCode: '330106000000', consolidates: true });
  return d;
}

async function officeWithDay(name: string, code: string, issued: number) {
  const o = keep(officeLedger(name, code));
  const s = seedBasics(o);
  o.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-12-01T08:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }] });
  o.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-12-01T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: issued }] });
  return { o, s, file: (await submitAndPackage(o, '2026-12-01T14:40:00+08:00')).file };
}

test('a package from a registered unit is imported once; a second copy is a duplicate, and the history says who imported what', async () => {
  const d = district();
  const { o, file } = await officeWithDay('东湖街道办事处', '330106001000', 120);
  const unit = register(d, o, { contact: '马文静', phone: '13900000011' });
  expect(unit).toEqual({ id: unit.id, code: '330106001000', name: '东湖街道办事处', fingerprint: o.ok('keys.get')!.fingerprint, contact: '马文静', phone: '13900000011', active: true });
  const first = d.ok('packages.import', { fileName: file.fileName, data: file.data });
  expect(first).toEqual({ outcome: 'imported', fileName: file.fileName, id: first.outcome === 'imported' ? first.id : 0, unit: { code: '330106001000', name: '东湖街道办事处' }, day: '2026-12-01', kind: 'daily', message: expect.stringMatching(/^已导入“东湖街道办事处”2026-12-01 的日报\(\d+ 个数值\)。$/) });
  expect(d.ok('packages.import', { fileName: 'copy.slpkg', data: file.data })).toEqual({ outcome: 'duplicate', fileName: 'copy.slpkg', message: `已于 12月1日 16:10 导入过(文件“${file.fileName}”内容相同),未重复导入。` });
  expect(d.ok('packages.history', { from: '2026-12-01', to: '2026-12-01' })).toEqual([
    { id: first.outcome === 'imported' ? first.id : 0, day: '2026-12-01', kind: 'daily', submittedAt: '2026-12-01T06:40:00.000Z', importedAt: '2026-12-01T08:10:00.000Z', fileName: file.fileName, replacedBy: null, code: '330106001000', name: '东湖街道办事处', importedBy: d.ok('auth.me')!.displayName },
  ]);
});

test('refused with the reason: an unknown unit, a key that is not the registered one, a package changed after signing, a day still to come', async () => {
  const d = district();
  const { o, file } = await officeWithDay('东湖街道办事处', '330106001000', 120);
  const refused = (data: string) => d.ok('packages.import', { fileName: 'a.slpkg', data });
  const fingerprint = o.ok('keys.get')!.fingerprint;
  expect(refused(file.data)).toEqual({ outcome: 'refused', fileName: 'a.slpkg', message: `“东湖街道办事处”(区划代码 330106001000)不是已登记的下级单位:请先在“下级单位”中登记它,密钥指纹须由该单位管理员电话读出后填写(数据包自带的指纹 ${fingerprint} 只供核对,不能照抄)。` });

  // Registered with a fingerprint misheard on the phone: the last group wrong.
  const wrong = `${fingerprint.slice(0, -4)}${fingerprint.slice(-4) === '0000' ? '1111' : '0000'}`;
  const unit = d.ok('subUnits.create', { code: '330106001000', name: '东湖街道', fingerprint: wrong.toLowerCase().replace(/ /g, '') });
  expect(unit.fingerprint).toBe(wrong);
  expect(refused(file.data)).toEqual({ outcome: 'refused', fileName: 'a.slpkg', message: `签名密钥不符:数据包的密钥指纹是 ${fingerprint},“东湖街道”登记的是 ${wrong}。请与该单位电话核对指纹。` });
  d.ok('subUnits.update', { id: unit.id, fingerprint });

  const text = Buffer.from(file.data, 'base64').toString('utf8');
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  expect(refused(b64(text.replace('"value":880', '"value":980')))).toMatchObject({ outcome: 'refused', message: '签名不符:数据包在签名后被改动过,或不是该单位签发的。' });
  expect(refused(b64('not a package'))).toMatchObject({ outcome: 'refused', message: '不是数据包文件(无法读取)。' });
  // Signed by the unit's own key, but not what this program writes: refused whole, nothing kept.
  const { signature: _s, publicKey: _k, ...odd } = JSON.parse(text) as Record<string, unknown>;
  for (const change of [{ kind: 'toString' }, { values: [{ item: null, measure: 'closing', value: 1 }] }, { values: [{ item: { code: 'A', name: 'B', spec: '', unit: '只', category: 'c' }, measure: 'closing', value: 'x' }] }]) {
    expect(refused(b64(signedFile(o.ledger.db, { ...odd, ...change })))).toMatchObject({ outcome: 'refused', message: '数据包内容不完整或格式不对(日期、报送时间、类别或数据):请该单位用本程序重新导出。' });
  }

  // The district's computer a day behind the unit's: the package's day is still to come here (before 15:00 on 11-30).
  d.clock.set('2026-11-30T11:00:00+08:00');
  expect(refused(file.data)).toMatchObject({ outcome: 'refused', message: '日报日期 2026-12-01 晚于当前可报送的日报日(2026-11-30):请该单位核对电脑的日期。' });
  // After 15:00 the day's reports are the next day's: a unit sending tomorrow's early is not refused for its date.
  d.clock.set('2026-11-30T15:30:00+08:00');
  d.ok('subUnits.update', { id: unit.id, active: false });
  expect(refused(file.data)).toMatchObject({ outcome: 'refused', message: '下级单位“东湖街道”已停用,不接收它的报送。' });
  d.ok('subUnits.update', { id: unit.id, active: true });
  expect(refused(file.data)).toMatchObject({ outcome: 'imported' });
  expect(d.call('subUnits.create', { code: '330106001000', name: '重复', fingerprint })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '区划代码 330106001000 已登记为“东湖街道”。' } });
  expect(d.call('subUnits.create', { code: '330106002000', name: '西湖', fingerprint: '12 34' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('a resubmission (更正) replaces the unit’s package of the day and says so; the earlier one, arriving after it, is refused', async () => {
  const d = district('2026-12-01T18:00:00+08:00');
  const { o, s, file } = await officeWithDay('东湖街道办事处', '330106001000', 120);
  register(d, o);
  // Sent early at 14:40; the gate takes 30 more before the 15:00 cutoff, and the office sends a 补报 of the day.
  o.clock.set('2026-12-01T14:50:00+08:00');
  o.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, time: '2026-12-01T14:50:00+08:00', lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const { file: correction } = await submitAndPackage(o, '2026-12-01T17:30:00+08:00', { day: '2026-12-01', reason: '北门卡口截止前又领用' });
  expect(JSON.parse(Buffer.from(correction.data, 'base64').toString('utf8')).kind).toBe('supplement');

  // In the order they were sent: the 补报 replaces the early report, and says which.
  const inOrder = [d.ok('packages.import', file), d.ok('packages.import', correction)];
  expect(inOrder.map((a) => [a.outcome, a.message])).toEqual([
    ['imported', expect.stringMatching(/^已导入“东湖街道办事处”2026-12-01 的日报/)],
    ['replaced', expect.stringMatching(/^已导入“东湖街道办事处”2026-12-01 的补报\(\d+ 个数值\),替换了 12月1日 14:40 报送的版本。$/)],
  ]);
  expect(d.ok('packages.history', { from: '2026-12-01', to: '2026-12-01' }).map((h) => [h.kind, h.replacedBy])).toEqual([['supplement', null], ['daily', inOrder[1].outcome === 'replaced' ? inOrder[1].id : -1]]);
  // Out of order at another district: the early one, arriving after the 补报, is refused.
  const other = district('2026-12-01T18:00:00+08:00');
  register(other, o);
  const late = [other.ok('packages.import', correction), other.ok('packages.import', file)];
  expect(late.map((a) => [a.outcome, a.message])).toEqual([
    ['imported', expect.stringMatching(/^已导入“东湖街道办事处”2026-12-01 的补报/)],
    ['refused', expect.stringMatching(/^“东湖街道办事处”2026-12-01 已有 12月1日 17:30 报送的补报;这个数据包\(12月1日 14:40 报送\)比它早,未导入。$/)],
  ]);
  const summaryOf = () => d.ok('district.summary', { day: '2026-12-01' }).rows.find((r) => r.name === '医用外科口罩')!.total;
  expect(summaryOf()).toMatchObject({ issued: 150, closing: 850 });
});
