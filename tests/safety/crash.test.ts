import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { killTrial, prepareTemplate } from '../crash/trial';

let template: string;
beforeAll(() => void (template = prepareTemplate()));
afterAll(() => rmSync(template, { recursive: true, force: true }));

// 30 kill -9 trials at spread-out moments (npm run stress does 500) of a server posting every type of
// document through HTTP while backups run: every reopen must find an intact file, stock equal to the
// movements, an unbroken audit chain, every document the child reported, and only good backups.
test('kill -9 while posting every type over HTTP, with backups running, never loses a committed document nor leaves a partial one', { timeout: 240_000 }, async () => {
  let committed = 0;
  let backups = 0;
  const types = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const r = await killTrial(template, 17 + i, 150 + ((i * 37) % 400));
    expect({ trial: i, integrity: r.integrity, stock: r.stockMatches, audit: r.auditOk, missing: r.missing, badBackups: r.badBackups }).toEqual({ trial: i, integrity: 'ok', stock: true, audit: true, missing: [], badBackups: [] });
    committed += r.committed;
    backups += r.backups;
    r.types.forEach((x) => types.add(x));
  }
  console.info(`[kill -9] 30 trials: ${committed} documents committed and found, ${backups} backups finished and checked, types ${[...types].sort().join(' ')}`);
  // The trials did real work: hundreds of documents of every type, and backups finished between the kills.
  expect(committed).toBeGreaterThan(300);
  expect(backups).toBeGreaterThan(10);
  expect([...types].sort()).toEqual(['issue', 'loan', 'loan_return', 'loss', 'receipt', 'return', 'stocktake', 'transfer_out', 'void']);
});
