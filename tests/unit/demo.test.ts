import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { buildDemo } from '../../scripts/demo-data';
import { tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('the demo office is a living, consistent ledger of fictional names', () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  const { documents } = buildDemo(t.ledger, { now: t.clock.now() });
  expect(documents).toBeGreaterThan(60);
  expect(t.ok('ledger.verify').ok).toBe(true);
  expect(t.ok('settings.get').officeName).toBe('青禾街道办事处');
  expect(t.ok('checkpoints.list').length).toBeGreaterThanOrEqual(10);
  const types = new Set(t.ok('docs.list', { limit: 5000 }).rows.map((d) => d.type));
  expect([...types].sort()).toEqual(['issue', 'loan', 'loan_return', 'loss', 'receipt', 'return']);
  const names = t.ok('items.list').map((i) => i.name);
  for (const goods of ['医用外科口罩', '医用防护服', '84消毒液', '抗原检测试剂', '额温枪', '手持扩音器', '大米', '食用油']) expect(names).toContain(goods);
  expect(t.ok('stock.list', { onlyLow: true }).length).toBeGreaterThan(0);
  expect(t.ok('loans.outstanding').length).toBeGreaterThan(0);
  // 居民代购: today's round open, the morning's phone orders in, taken by the demo's community worker.
  const [round] = t.ok('rounds.list');
  expect([t.ok('rounds.list').length, round.state, round.day, round.orders, round.supplierName]).toEqual([1, 'open', '2026-11-28', 12, '惠民超市青禾店']);
  const grid = t.ok('users.list').find((u) => u.role === 'community')!;
  expect(t.ledger.db.prepare('SELECT DISTINCT created_by FROM orders').pluck().all()).toEqual([grid.id]);
  expect(t.ok('households.list').length).toBe(20);
});

test('npm run demo refuses a ledger that already has documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
  const cli = () =>
    spawnSync(process.execPath, [join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/demo.ts', '--data', dir], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  try {
    const first = cli();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('演示台账已生成');
    const second = cli();
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/已有 \d+ 张单据,演示数据不会覆盖它/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
