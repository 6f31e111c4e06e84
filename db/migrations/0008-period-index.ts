import type { Database } from 'better-sqlite3';

/**
 * The report's questions are all "movements in a time range": a covering index answers them from
 * the index alone (no row lookups), which keeps the daily report fast however long the history.
 * It replaces the plain time index, so posting writes no extra index; the per-item index likewise
 * carries kind and delta, so a week's issues per item are read by 500 short seeks.
 */
export function up(db: Database): void {
  db.exec(`
    DROP INDEX movements_time;
    CREATE INDEX movements_time ON movements(occurred_at, kind, item_id, checkpoint_id, batch_id, source_id, delta);
    DROP INDEX movements_item_time;
    CREATE INDEX movements_item_time ON movements(item_id, occurred_at, kind, delta);
  `);
}
