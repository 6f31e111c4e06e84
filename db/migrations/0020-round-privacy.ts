import type { Database } from 'better-sqlite3';

/**
 * 隐私: a finished round older than the office keeps (default 30 days) is anonymised: its orders let go
 * of their households (household_id NULL), keeping the compound, building and whether the household
 * had special needs, so every total of the round stays as it was. SQLite cannot drop a NOT NULL in
 * place, so orders is rebuilt the way 0017 and 0018 rebuilt their tables (foreign keys off around it).
 */
export const rebuilds = true;

export function up(db: Database): void {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'").pluck().get() as string;
  const loosened = table.replace('household_id INTEGER NOT NULL REFERENCES households(id)', 'household_id INTEGER REFERENCES households(id)');
  if (loosened === table) throw new Error('orders: household_id NOT NULL not found as expected');
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'orders' AND type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all() as string[];
  db.exec(loosened.replace(/^CREATE TABLE "?orders"?/, 'CREATE TABLE orders_rebuilt'));
  db.exec('INSERT INTO orders_rebuilt SELECT * FROM orders');
  db.exec('DROP TABLE orders');
  db.exec('ALTER TABLE orders_rebuilt RENAME TO orders');
  for (const sql of indexes) db.exec(sql);
  db.exec(`
    ALTER TABLE orders ADD COLUMN compound TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN building TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN special INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1));
    ALTER TABLE rounds ADD COLUMN anonymised_at TEXT;
  `);
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length) throw new Error(`foreign keys broken by the orders rebuild: ${JSON.stringify(broken.slice(0, 3))}`);
}
