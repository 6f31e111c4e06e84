import type { Database } from 'better-sqlite3';
import { LedgerError } from './errors';
import { latestVersion, migrations, type Migration } from './migrations';

/** The schema version recorded in the file; 0 for an empty database. */
export function schemaVersion(db: Database): number {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function pendingMigrations(db: Database, list: readonly Migration[] = migrations): Migration[] {
  const current = schemaVersion(db);
  const newest = list[list.length - 1]?.version ?? 0;
  if (current > newest) {
    throw new LedgerError(
      'DATABASE_TOO_NEW',
      `数据文件由更新版本的程序创建(结构版本 ${current},本程序最高支持 ${newest}),请升级程序后再打开。`,
    );
  }
  return list.filter((m) => m.version > current);
}

/** Runs every pending migration, each in its own transaction, recording it in schema_migrations. */
export function migrate(db: Database, now: () => Date, list: readonly Migration[] = migrations): number[] {
  const pending = pendingMigrations(db, list);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    // PRAGMA foreign_keys is a no-op inside a transaction: it is switched around it.
    const enforcing = m.rebuilds ? db.pragma('foreign_keys', { simple: true }) === 1 : false;
    if (enforcing) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        record.run(m.version, m.name, now().toISOString());
      })();
    } finally {
      if (enforcing) db.pragma('foreign_keys = ON');
    }
  }
  return pending.map((m) => m.version);
}

export { latestVersion };
