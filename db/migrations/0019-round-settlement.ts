import type { Database } from 'better-sqlite3';

/**
 * 收货核对, 收款, 入户配送: what arrived at the gate per good (and the substitutes the supplier
 * brought instead), what each household really gets (its allotment: shortages shared out, then
 * editable per household), what it paid and how, and whether its bag reached the door. Still none
 * of it is the office's stock.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE rounds ADD COLUMN share_rule TEXT NOT NULL DEFAULT 'first' CHECK (share_rule IN ('first', 'prorata'));
    ALTER TABLE rounds ADD COLUMN handed_over_at TEXT;
    ALTER TABLE rounds ADD COLUMN handed_over_by INTEGER REFERENCES users(id);
    ALTER TABLE rounds ADD COLUMN extras TEXT NOT NULL DEFAULT '';
    ALTER TABLE rounds ADD COLUMN supplier_bill INTEGER CHECK (supplier_bill >= 0);

    ALTER TABLE round_goods ADD COLUMN delivered INTEGER CHECK (delivered >= 0);
    ALTER TABLE round_goods ADD COLUMN replaces_id INTEGER REFERENCES round_goods(id);

    CREATE TABLE order_allotments (
      order_id INTEGER NOT NULL REFERENCES orders(id),
      goods_id INTEGER NOT NULL REFERENCES round_goods(id),
      quantity INTEGER NOT NULL CHECK (quantity >= 0),
      PRIMARY KEY (order_id, goods_id)
    ) STRICT;

    ALTER TABLE orders ADD COLUMN paid_amount INTEGER CHECK (paid_amount >= 0);
    ALTER TABLE orders ADD COLUMN pay_method TEXT CHECK (pay_method IN ('wechat', 'alipay', 'cash', 'proxy'));
    ALTER TABLE orders ADD COLUMN payer TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN paid_at TEXT;
    ALTER TABLE orders ADD COLUMN paid_by INTEGER REFERENCES users(id);
    ALTER TABLE orders ADD COLUMN delivered_at TEXT;
    ALTER TABLE orders ADD COLUMN delivered_by INTEGER REFERENCES users(id);
    ALTER TABLE orders ADD COLUMN delivery_note TEXT NOT NULL DEFAULT '';
  `);
}
