import type { Database } from 'better-sqlite3';
import { checkForeignKeys, rebuildTable } from './rebuild';

/**
 * 隐私: a finished round older than the office keeps (default 30 days) is anonymised: its orders let go
 * of their households (household_id NULL), keeping the compound, building and whether the household
 * had special needs, so every total of the round stays as it was. SQLite cannot drop a NOT NULL in
 * place, so orders is rebuilt the way 0017 and 0018 rebuilt their tables (foreign keys off around it).
 */
export const rebuilds = true;

export function up(db: Database): void {
  rebuildTable(db, 'orders', (sql) => sql.replace('household_id INTEGER NOT NULL REFERENCES households(id)', 'household_id INTEGER REFERENCES households(id)'));
  db.exec(`
    ALTER TABLE orders ADD COLUMN compound TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN building TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN special INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1));
    ALTER TABLE rounds ADD COLUMN anonymised_at TEXT;
  `);
  checkForeignKeys(db, 'the orders rebuild');
}
