import { generateKeyPairSync, sign } from 'node:crypto';
import { fingerprintOf } from '../db/district/keys';
import { MEASURES, PACKAGE_FORMAT, PACKAGE_SCHEMA, type ReportPackage } from '../db/district/package';
import { canonical, withSignature } from '../db/district/signed';
import { freshLedger } from './fresh-ledger';
import { median } from './measure';

/**
 * consolidate_30_ms: a district takes a folder of 30 units' packages of 500 goods each (every unit
 * signing with its own Ed25519 key, the goods' names as the units' catalogues give them), imports and
 * verifies each through the API as the 下级报送 screen does, and builds the day's 汇总表. A fresh
 * district ledger per run, so no run meets the last one's duplicates; the median of three.
 */
export function consolidate30Ms(units = 30, goods = 500): { ms: number; values: number } {
  const files = Array.from({ length: units }, (_, u) => unitPackage(u, goods));
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const { ok, close } = freshLedger('district', '2026-12-01T16:05:00+08:00');
    try {
      for (const f of files) ok('subUnits.create', { code: f.code, name: f.name, fingerprint: f.fingerprint });
      const t0 = performance.now();
      for (const f of files) {
        const answer = ok('packages.import', { fileName: f.fileName, data: f.data });
        if (answer.outcome !== 'imported') throw new Error(answer.message);
      }
      const summary = ok('district.summary', { day: '2026-12-01' });
      times.push(performance.now() - t0);
      if (summary.rows.length !== goods || summary.reported.length !== units) throw new Error(`汇总 ${summary.rows.length} 种 / ${summary.reported.length} 个单位`);
    } finally {
      close();
    }
  }
  return { ms: Math.round(median(times)), values: units * goods * MEASURES.length };
}

function unitPackage(u: number, goods: number) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const code = `3301060${String(u + 1).padStart(2, '0')}000`;
  const name = `第${u + 1}街道办事处`;
  const unsigned: Omit<ReportPackage, 'signature'> = {
    format: PACKAGE_FORMAT, schema: PACKAGE_SCHEMA, unit: { code, name, superior: '青山区物资保障组' },
    day: '2026-12-01', period: { from: '2026-11-30T07:00:00.000Z', to: '2026-12-01T07:00:00.000Z', text: '11月30日15:00—12月1日15:00' },
    kind: 'daily', reason: null, submittedAt: '2026-12-01T06:30:00.000Z', audit: { count: 100, hash: 'ab'.repeat(32) }, publicKey: pub,
    values: Array.from({ length: goods }, (_, g) => ({ code: `WZ${String(g).padStart(4, '0')}`, name: `物资${g}`, spec: `规格${g % 7}`, unit: '件', category: `类别${g % 9}` }))
      .flatMap((item, g) => MEASURES.map(([measure], m) => ({ item, measure, value: (u * 31 + g * 7 + m) % 1000 }))),
  };
  const text = canonical(unsigned);
  const bytes = Buffer.from(withSignature(text, sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64')), 'utf8');
  return { code, name, fingerprint: fingerprintOf(pub), fileName: `${name}-日报-2026-12-01.slpkg`, data: bytes.toString('base64') };
}
