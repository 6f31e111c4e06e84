import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { DailyReport } from '../../db/reports/types';
import { reportFiles } from '../../excel/daily/workbook';

/** A report with more slip lines than the streaming threshold, made up directly (no ledger needed). */
function bigReport(lines: number): DailyReport {
  return {
    officeName: '青禾街道办事处', timeZone: 'Asia/Shanghai', period: { from: null, to: '2026-11-28T07:00:00.000Z' }, partial: false,
    periodText: '建账起—2026年11月28日15:00', items: [], checkpoints: [], receipts: [], batches: [], loans: [],
    slips: Array.from({ length: lines }, (_, i) => ({
      time: '2026-11-28 09:30', number: `CK20261128-${String(i + 1).padStart(3, '0')}`, kind: 'issue' as const, reverses: null, checkpoint: `点位${i % 60}`, person: `领取人${i % 97}`,
      item: `物资${i % 500}`, spec: '', unit: '只', quantity: (i % 9) + 1, batch: '', issuer: '保管员', voided: false,
    })),
    narrative: { work: '', problems: '', plans: '', filledBy: '王联络', reviewedBy: '李组长', phone: '' },
    submittedAt: '2026-11-28T07:20:00.000Z',
  };
}

test('a 25,000-line detail list (written row by row by the streaming writer) reads back whole', async () => {
  const lines = 25_000;
  const [file] = await reportFiles(bigReport(lines), ['slips'], true, 'big');
  const dir = mkdtempSync(join(tmpdir(), 'big-xlsx-'));
  try {
    const path = join(dir, 'big.xlsx');
    writeFileSync(path, file.bytes);
    const script = [
      'import json,sys', 'from openpyxl import load_workbook',
      'wb = load_workbook(sys.argv[1], read_only=True)', 'ws = wb["物资发放明细表"]',
      'rows = [r for r in ws.iter_rows(values_only=True) if r]',
      'data = [r for r in rows if isinstance(r[0], int)]',
      'total = [r for r in rows if r[1] == "合计"][0]',
      'print(json.dumps({"title": rows[0][0], "first": list(data[0][:3]), "last": data[-1][2], "count": len(data), "total": total[8]}, ensure_ascii=False, default=str))',
    ].join('\n');
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
    expect(out).toEqual({
      title: '青禾街道办事处物资发放明细表',
      first: [1, '2026-11-28 09:30:00', 'CK20261128-001'],
      last: `CK20261128-${lines}`,
      count: lines,
      total: `=SUM(I4:I${lines + 3})`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
