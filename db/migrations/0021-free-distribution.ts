import type { Database } from 'better-sqlite3';

/**
 * 爱心菜包 / 防疫包: a round can give the warehouse's own goods to households for free. Its goods
 * are items of the ledger, and it is handed out through one issue slip to the compound's checkpoint
 * (the document it posted), signed for by the checkpoint's pickup person.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE round_goods ADD COLUMN item_id INTEGER REFERENCES items(id);
    ALTER TABLE rounds ADD COLUMN checkpoint_id INTEGER REFERENCES checkpoints(id);
    ALTER TABLE rounds ADD COLUMN person_id INTEGER REFERENCES people(id);
    ALTER TABLE rounds ADD COLUMN document_id INTEGER REFERENCES documents(id);
  `);
}
