import type { Database } from 'better-sqlite3';

/**
 * A loan names the day the checkpoint promised to bring the goods back (预计归还日期, an office
 * date, '' when none was given): the 借用未还 list counts days out and flags overdue loans from it.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE documents ADD COLUMN expected_return TEXT NOT NULL DEFAULT ''`);
}
