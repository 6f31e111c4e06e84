import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FORMAT_IDS } from '../../excel/daily/workbook';
import { balanceForm } from '../helpers/forms';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

/** Every XML part of each workbook through a strict parser (expat), and the item names openpyxl reads. */
const STRICT = `
import sys, zipfile, json, xml.etree.ElementTree as ET
import openpyxl
out = {}
for path in sys.argv[1:]:
    z = zipfile.ZipFile(path)
    bad = []
    for n in z.namelist():
        if n.endswith('.xml') or n.endswith('.rels'):
            try:
                ET.fromstring(z.read(n))
            except ET.ParseError as e:
                bad.append(n + ': ' + str(e))
    names = set()
    if not bad:
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows(values_only=True):
                names.update(v for v in row if isinstance(v, str) and '口罩' in v)
    out[path.split('/')[-1]] = {'bad': bad, 'names': sorted(names)}
print(json.dumps(out, ensure_ascii=False))
`;

test('an item name holding control characters (an old ledger, a pasted cell) leaves every export well-formed XML', async () => {
  t = tempLedger('2026-11-28T16:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, time: '2026-11-28T10:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 120 }] });
  // The API refuses these characters; a ledger can still hold them from before, or from an import.
  t.ledger.db.prepare('UPDATE items SET name = ?, spec = ? WHERE id = ?').run('医用\u0001外科\u000b口罩\u007f', '独立\ufffe包装', s.mask.id);
  t.ledger.db.prepare('UPDATE checkpoints SET name = ? WHERE id = ?').run('北门\u001f卡口', s.gate.id);
  await t.okAsync('templates.create', { name: '区指挥部日报', fileName: '区指挥部日报.xlsx', data: (await balanceForm()).toString('base64') });

  const report = await t.okAsync('reports.export', { from: '2026-11-28T00:00:00+08:00', to: '2026-11-28T15:00:00+08:00', formats: FORMAT_IDS, templates: [1], oneFile: false });
  const files: { fileName: string; data: string }[] = [...report.files, await t.okAsync('catalog.export', {}), await t.okAsync('archive.export')];
  expect(files.length).toBe(FORMAT_IDS.length + 3);
  const dir = mkdtempSync(join(tmpdir(), 'xml-safe-'));
  try {
    const paths = files.map((f, k) => {
      const p = join(dir, `${k}-${f.fileName}`);
      writeFileSync(p, Buffer.from(f.data, 'base64'));
      return p;
    });
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', STRICT, ...paths], { encoding: 'utf8' })) as Record<string, { bad: string[]; names: string[] }>;
    expect(Object.values(read).flatMap((r) => r.bad)).toEqual([]);
    // The name arrives without its control characters wherever it is written.
    for (const [file, r] of Object.entries(read)) {
      for (const name of r.names) expect(name, file).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe]/);
    }
    expect(Object.values(read).filter((r) => r.names.some((n) => n.includes('医用外科口罩'))).length).toBeGreaterThanOrEqual(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('control characters in an imported catalogue are refused, as items.create refuses them, and never stored', async () => {
  t = tempLedger();
  // A CSV keeps them as typed (an .xlsx written by exceljs would already have lost them).
  const csv = '物资名称,规格型号,计量单位,类别\n一次性\u0002口罩,\u0007平面,只,防护用品\n';
  const refused = await t.call('catalog.importCommit', { fileName: '目录.csv', data: Buffer.from(csv).toString('base64') });
  expect(refused).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '第 2 行:物资名称不能包含控制字符;规格型号不能包含控制字符(共 1 行有错误),未导入任何数据。' } });
  expect(t.ledger.db.prepare("SELECT name, spec FROM items WHERE name LIKE '一次性%'").all()).toEqual([]);
});
