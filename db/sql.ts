import type { Database, Statement } from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { DB } from './schema';

/**
 * Kysely builds and types the queries; better-sqlite3 runs them synchronously, so a whole
 * document posts inside one synchronous `db.transaction()` (the Signal Desktop way) with no
 * awaits in the middle of a write.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const cache = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statements are cached per connection and SQL text. */
export function prepare(db: Database, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let stmt = perDb.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    perDb.set(sql, stmt);
  }
  return stmt;
}

export function all<O>(db: Database, query: Compilable<O>): O[] {
  const c = query.compile();
  return prepare(db, c.sql).all(...(c.parameters as unknown[])) as O[];
}

export function first<O>(db: Database, query: Compilable<O>): O | undefined {
  const c = query.compile();
  return prepare(db, c.sql).get(...(c.parameters as unknown[])) as O | undefined;
}

/** Runs a write; returns the last inserted rowid and the number of changed rows. */
export function run(db: Database, query: Compilable<unknown>): { id: number; changes: number } {
  const c = query.compile();
  const r = prepare(db, c.sql).run(...(c.parameters as unknown[]));
  return { id: Number(r.lastInsertRowid), changes: r.changes };
}
