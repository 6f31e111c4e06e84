import { afterEach, expect, test } from 'vitest';
import { SCHEMA_COLUMNS } from '../../db/schema-columns';
import { tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('the kysely schema interface names every table and column of the migrated database, in order, and nothing else', () => {
  t = tempLedger();
  const tables = t.ledger.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const actual = Object.fromEntries(tables.map((name) => [name, (t.ledger.db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name)]));
  const declared = Object.fromEntries(Object.entries(SCHEMA_COLUMNS).sort(([a], [b]) => a.localeCompare(b)));
  expect(declared).toEqual(actual);
});
