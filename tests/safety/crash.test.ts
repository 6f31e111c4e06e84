import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { killTrial, prepareTemplate } from '../crash/trial';

let template: string;
beforeAll(() => void (template = prepareTemplate()));
afterAll(() => rmSync(template, { recursive: true, force: true }));

// 30 kill -9 trials at spread-out moments (npm run stress does 500): every reopen must find an intact
// file, stock equal to the movements, an unbroken audit chain and every document the child reported.
test('kill -9 while posting never loses a committed document nor leaves a partial one', { timeout: 240_000 }, async () => {
  let committed = 0;
  for (let i = 0; i < 30; i++) {
    const r = await killTrial(template, 17 + i, 20 + ((i * 37) % 300));
    expect({ trial: i, integrity: r.integrity, stock: r.stockMatches, audit: r.auditOk, missing: r.missing }).toEqual({ trial: i, integrity: 'ok', stock: true, audit: true, missing: [] });
    committed += r.committed;
  }
  // The trials did real work: hundreds of documents were committed and then killed mid-stream.
  expect(committed).toBeGreaterThan(300);
});
