import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, callApiSync, type Answer } from '../../db/api/call';
import type { ApiInput, ApiOutput, Method } from '../../db/api/handlers';
import { FixedClock } from '../../db/clock';
import { openLedger, type Ledger } from '../../db/open';
import { localOperatorId } from '../../db/reference/catalog';

export interface TestLedger {
  ledger: Ledger;
  clock: FixedClock;
  dir: string;
  userId: number;
  /** Calls a method and returns its answer as the transports would. */
  call<M extends Method>(method: M, input?: ApiInput<M>): Answer<M>;
  /** Calls a synchronous method that must succeed and returns its data. */
  ok<M extends Method>(method: M, input?: ApiInput<M>): ApiOutput<M>;
  /** Posts a document that must succeed and reads it back (docs.post answers only its id and number). */
  posted(input: ApiInput<'docs.post'>): ApiOutput<'docs.get'>;
  /** Calls any method that must succeed and resolves to its data. */
  okAsync<M extends Method>(method: M, input?: ApiInput<M>): Promise<ApiOutput<M>>;
  close(): void;
}

/** A fresh ledger file in a temp folder, all migrations applied, standing at `at` (default 2026-11-28 10:00 +08:00). */
export function tempLedger(at = '2026-11-28T10:00:00+08:00'): TestLedger {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const clock = new FixedClock(new Date(at));
  return testLedgerOn(openLedger(dir, { clock }), clock);
}

/** The same helpers over an already open ledger (one opened with fewer migrations, say). */
export function testLedgerOn(ledger: Ledger, clock: FixedClock): TestLedger {
  const dir = ledger.dir;
  const userId = localOperatorId(ledger.db);
  const t: TestLedger = {
    ledger,
    clock,
    dir,
    userId,
    call: (method, input) => callApi({ ledger, userId }, method, input),
    ok: (method, input) => {
      const r = callApiSync({ ledger, userId }, method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.data;
    },
    posted: (input) => t.ok('docs.get', { id: t.ok('docs.post', input).id }),
    okAsync: async (method, input) => {
      const r = await callApi({ ledger, userId }, method as string, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.data as ApiOutput<typeof method>;
    },
    close: () => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A small fictional warehouse: items, a source of each type, checkpoints and people. */
export function seedBasics(t: TestLedger) {
  const cats = t.ok('categories.list');
  const cat = (name: string) => cats.find((c) => c.name === name)!.id;
  const mask = t.ok('items.create', { code: 'KZ01', name: '医用外科口罩', spec: '独立包装', categoryId: cat('防护用品'), unit: '只', packUnit: '盒', packFactor: 50, minStock: 100, unitPrice: 50 });
  const reagent = t.ok('items.create', { code: 'SJ01', name: '核酸检测试剂', spec: '20人份', categoryId: cat('检测试剂'), unit: '盒', tracksBatches: true });
  const rice = t.ok('items.create', { code: 'SH01', name: '大米', spec: '东北粳米', categoryId: cat('生活物资'), unit: '公斤', decimals: 3 });
  const speaker = t.ok('items.create', { code: 'SB01', name: '手持扩音器', categoryId: cat('医疗器械/设备'), unit: '台', durable: true });
  const allocation = t.ok('sources.create', { name: '区物资保障组', type: 'allocation' });
  const donation = t.ok('sources.create', { name: '青禾爱心企业', type: 'donation' });
  const site = t.ok('checkpoints.create', { name: '东湖小区核酸采样点', type: '核酸采样点' });
  const gate = t.ok('checkpoints.create', { name: '北门卡口', type: '卡口' });
  const alice = t.ok('people.create', { name: '林晓雯', phone: '13800000001', checkpointId: site.id });
  const bob = t.ok('people.create', { name: '周建国', phone: '13800000002', checkpointId: gate.id });
  return { mask, reagent, rice, speaker, allocation, donation, site, gate, alice, bob };
}

/** Every table's rows, for "nothing changed" assertions. */
export function snapshot(ledger: Ledger): Record<string, unknown[]> {
  const tables = ledger.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, ledger.db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
}

/** Typed, must-succeed calls as the built-in operator on a ledger opened outside tempLedger (crash and disk trials). */
export function operatorCalls(ledger: Ledger) {
  const ctx = { ledger, userId: localOperatorId(ledger.db) };
  return <M extends Method>(method: M, input?: ApiInput<M>): ApiOutput<M> => {
    const r = callApiSync(ctx, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
}
