import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const narrative = { filledBy: '马文静', reviewedBy: '高振宇', phone: '0571-88880000' };

async function submitted() {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('settings.update', { unitCode: '330106001000', superiorName: '西湖区疫情防控指挥部' });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T08:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 120 }] });
  t.clock.set('2026-11-28T16:00:00+08:00');
  const report = await t.okAsync('reports.daily.submit', { narrative });
  return { s, report };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

test('a submitted report’s package: signed by the office key whose fingerprint settings show, the same file each time, its numbers in long form', async () => {
  const { report } = await submitted();
  expect(t.call('reports.package', { reportId: report.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '本单位还没有签名密钥:请管理员在“设置 › 单位信息”中生成,并把指纹告知上级。' } });
  const key = t.ok('keys.create');
  expect(key.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  expect(t.ok('keys.create')).toEqual(key);
  const file = t.ok('reports.package', { reportId: report.id });
  expect(file.fileName).toBe(`${t.ok('settings.get').officeName}-日报-2026-11-28.slpkg`.replace(/\s+/g, '_'));
  expect(t.ok('reports.package', { reportId: report.id })).toEqual(file);
  const pkg = JSON.parse(Buffer.from(file.data, 'base64').toString('utf8'));
  expect([pkg.format, pkg.schema, pkg.unit, pkg.day, pkg.kind, pkg.audit]).toEqual([
    'supply-ledger/daily-report', 1, { code: '330106001000', name: t.ok('settings.get').officeName, superior: '西湖区疫情防控指挥部' }, '2026-11-28', 'daily', t.ok('reports.daily.get', { id: report.id }).report.audit,
  ]);
  const mask = (measure: string) => pkg.values.find((v: { item: { code: string }; measure: string }) => v.item.code === 'KZ01' && v.measure === measure).value;
  // What the day did to the masks, as the postings above say: 500 in from the allocation, 120 out.
  expect(['opening', 'received', 'received.allocation', 'issued', 'closing'].map(mask)).toEqual([0, 500, 500, 120, 380]);
  // Twelve figures per item, and days of cover only where something was issued (the masks: 380 ÷ (120 ÷ 1 day)).
  const items = t.ok('reports.daily.get', { id: report.id }).report.items;
  expect(pkg.values.length).toBe(items.length * 12 + items.filter((i: { coverDays: number | null }) => i.coverDays !== null).length);
  expect(['dailyIssue', 'coverDays'].map(mask)).toEqual([120, 3.2]);
  expect(t.ok('packages.verify', { fileName: file.fileName, data: file.data })).toEqual({
    ok: true, unit: pkg.unit, day: '2026-11-28', kind: 'daily', fingerprint: key.fingerprint, values: pkg.values.length,
  });
});

test('a package changed after signing, or not a package at all, is refused with the reason', async () => {
  const { report } = await submitted();
  t.ok('keys.create');
  const file = t.ok('reports.package', { reportId: report.id });
  const text = Buffer.from(file.data, 'base64').toString('utf8');
  const verify = (body: string) => t.ok('packages.verify', { fileName: 'x.slpkg', data: b64(body) });
  // One byte: the closing 380 masks becomes 980.
  // The file is the canonical text with its signature last; one figure changed in it.
  expect(text).toMatch(/^\{"audit":.*,"signature":"[A-Za-z0-9+/=]+"\}$/);
  const tampered = text.replace('"value":380', '"value":980');
  expect(tampered).not.toBe(text);
  expect(verify(tampered)).toEqual({ ok: false, reason: '签名不符:数据包在签名后被改动过,或不是该单位签发的。' });
  const pkg = JSON.parse(text);
  expect(verify(JSON.stringify({ ...pkg, signature: pkg.signature.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) }))).toEqual({ ok: false, reason: '签名不符:数据包在签名后被改动过,或不是该单位签发的。' });
  expect(verify(JSON.stringify({ ...pkg, schema: 2 }))).toEqual({ ok: false, reason: '数据包版本 2 不受支持(本程序读取版本 1),请升级程序。' });
  expect(verify(JSON.stringify({ ...pkg, signature: undefined }))).toEqual({ ok: false, reason: '数据包没有签名。' });
  expect(verify('PK\u0003\u0004 not json')).toEqual({ ok: false, reason: '不是数据包文件(无法读取)。' });
  expect(verify(JSON.stringify({ hello: 1 }))).toEqual({ ok: false, reason: '不是日报数据包。' });
  // The same content reordered is the same package: the signature is over canonical JSON.
  const reordered = JSON.stringify(Object.fromEntries(Object.entries(pkg).reverse()));
  expect(verify(reordered)).toMatchObject({ ok: true });
  // As the first release wrote it (pretty-printed), and with the signature last but spaced: read by writing it out again.
  expect(verify(JSON.stringify(pkg, null, 1))).toMatchObject({ ok: true });
  expect(verify(text.replace(/,"signature":/, ', "signature": '))).toMatchObject({ ok: true });
  expect(verify(JSON.stringify(pkg, null, 1).replace('"value": 380', '"value": 980'))).toEqual({ ok: false, reason: '签名不符:数据包在签名后被改动过,或不是该单位签发的。' });
});
