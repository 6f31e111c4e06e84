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

/**
 * A query's SQL, built once when the module loads: for statements on a measured hot path, where
 * building per call costs more than running. Run it as `prepare(db, sql).get(...)` with the
 * parameters in the query's order.
 */
export const sqlOf = (query: Compilable<unknown>): string => query.compile().sql;

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

/**
 * Rows as arrays, aggregated by SQLite into one JSON text and parsed at once: `SELECT <columns>
 * <from> ORDER BY <orderBy>`. better-sqlite3 hands over each value of each row on its own (about a
 * microsecond per value on the machines measured in docs/performance.md); JSON.parse builds the same
 * arrays several times faster. For lists of hundreds or thousands of rows. `from` holds the FROM and
 * WHERE clauses; a grouped query goes in as a subquery (`FROM (SELECT … GROUP BY …)`), since the
 * aggregate would otherwise run per group. Integers and texts come back as they are stored.
 */
export function jsonRows<T extends readonly unknown[]>(db: Database, columns: string, from: string, orderBy: string | null, ...params: unknown[]): T[] {
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  const text = prepare(db, `SELECT json_group_array(json_array(${columns})${order}) AS rows ${from}`).pluck().get(...params) as string;
  return JSON.parse(text) as T[];
}

/** Runs `fn` in one read transaction (one consistent snapshot), or in the caller's open transaction. */
export function inReadTransaction<T>(db: Database, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn).deferred();
}
