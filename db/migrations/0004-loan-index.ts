import type { Database } from 'better-sqlite3';

/** What each checkpoint holds on loan is read from loan movements only, not by walking every movement. */
export function up(db: Database): void {
  db.exec(`CREATE INDEX movements_loans ON movements(checkpoint_id, item_id, occurred_at) WHERE kind IN ('loan', 'loan_return')`);
}
