import type { Database } from 'better-sqlite3';

/**
 * The first schema. Never edit this file once shipped: add a new migration instead.
 * Quantities are integers in the item's base unit scaled by 10^decimals; money is integer fen;
 * instants are ISO-8601 UTC strings ("2026-11-28T07:00:00.000Z"), business dates are office-local
 * "YYYY-MM-DD".
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id           INTEGER PRIMARY KEY,
      username     TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role         TEXT NOT NULL CHECK (role IN ('admin','clerk','liaison','leader','readonly')),
      phone        TEXT NOT NULL DEFAULT '',
      active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      created_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE categories (
      id     INTEGER PRIMARY KEY,
      name   TEXT NOT NULL UNIQUE,
      sort   INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
    ) STRICT;

    CREATE TABLE items (
      id             INTEGER PRIMARY KEY,
      code           TEXT NOT NULL UNIQUE,
      name           TEXT NOT NULL,
      spec           TEXT NOT NULL DEFAULT '',
      category_id    INTEGER NOT NULL REFERENCES categories(id),
      unit           TEXT NOT NULL,
      pack_unit      TEXT,
      pack_factor    INTEGER CHECK (pack_factor IS NULL OR pack_factor > 0),
      decimals       INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 3),
      min_stock      INTEGER NOT NULL DEFAULT 0 CHECK (min_stock >= 0),
      tracks_batches INTEGER NOT NULL DEFAULT 0 CHECK (tracks_batches IN (0,1)),
      durable        INTEGER NOT NULL DEFAULT 0 CHECK (durable IN (0,1)),
      unit_price     INTEGER NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
      active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      pinyin         TEXT NOT NULL,
      initials       TEXT NOT NULL,
      created_at     TEXT NOT NULL,
      CHECK ((pack_unit IS NULL) = (pack_factor IS NULL))
    ) STRICT;
    CREATE INDEX items_category ON items(category_id);

    CREATE TABLE stores (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
      active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
    ) STRICT;

    CREATE TABLE sources (
      id       INTEGER PRIMARY KEY,
      name     TEXT NOT NULL UNIQUE,
      type     TEXT NOT NULL CHECK (type IN ('allocation','purchase','donation','other')),
      active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      pinyin   TEXT NOT NULL,
      initials TEXT NOT NULL
    ) STRICT;

    CREATE TABLE checkpoints (
      id        INTEGER PRIMARY KEY,
      name      TEXT NOT NULL UNIQUE,
      type      TEXT NOT NULL,
      parent_id INTEGER REFERENCES checkpoints(id),
      active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      pinyin    TEXT NOT NULL,
      initials  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE people (
      id            INTEGER PRIMARY KEY,
      name          TEXT NOT NULL,
      phone         TEXT NOT NULL DEFAULT '',
      checkpoint_id INTEGER REFERENCES checkpoints(id),
      active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      pinyin        TEXT NOT NULL,
      initials      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX people_checkpoint ON people(checkpoint_id);

    -- Every item has at most one batch with batch_no '' (goods without a batch number),
    -- so stock and movements always name a batch.
    CREATE TABLE batches (
      id              INTEGER PRIMARY KEY,
      item_id         INTEGER NOT NULL REFERENCES items(id),
      batch_no        TEXT NOT NULL,
      production_date TEXT,
      expiry_date     TEXT,
      UNIQUE (item_id, batch_no)
    ) STRICT;

    CREATE TABLE documents (
      id               INTEGER PRIMARY KEY,
      type             TEXT NOT NULL CHECK (type IN ('receipt','issue','return','loan','loan_return','stocktake','loss','transfer_out','void')),
      number           TEXT NOT NULL UNIQUE,
      state            TEXT NOT NULL CHECK (state IN ('posted','voided')),
      occurred_at      TEXT NOT NULL,
      business_date    TEXT NOT NULL,
      store_id         INTEGER NOT NULL REFERENCES stores(id),
      source_id        INTEGER REFERENCES sources(id),
      checkpoint_id    INTEGER REFERENCES checkpoints(id),
      person_id        INTEGER REFERENCES people(id),
      counterparty     TEXT NOT NULL DEFAULT '',
      operator_id      INTEGER NOT NULL REFERENCES users(id),
      note             TEXT NOT NULL DEFAULT '',
      reverses_id      INTEGER UNIQUE REFERENCES documents(id),
      void_reason      TEXT,
      created_at       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX documents_time ON documents(occurred_at);
    CREATE INDEX documents_type_time ON documents(type, occurred_at);
    CREATE INDEX documents_checkpoint ON documents(checkpoint_id, occurred_at);

    CREATE TABLE document_lines (
      id              INTEGER PRIMARY KEY,
      document_id     INTEGER NOT NULL REFERENCES documents(id),
      line_no         INTEGER NOT NULL,
      item_id         INTEGER NOT NULL REFERENCES items(id),
      batch_id        INTEGER NOT NULL REFERENCES batches(id),
      quantity        INTEGER NOT NULL,
      book_quantity   INTEGER,
      counted_quantity INTEGER,
      unit_price      INTEGER NOT NULL DEFAULT 0,
      note            TEXT NOT NULL DEFAULT '',
      reason          TEXT NOT NULL DEFAULT '',
      -- Why an expired batch was issued anyway; empty when none was.
      override_reason TEXT NOT NULL DEFAULT '',
      UNIQUE (document_id, line_no)
    ) STRICT;
    CREATE INDEX document_lines_item ON document_lines(item_id);

    -- One signed change of one item/batch/store. Written only by posting and voiding.
    -- kind is the business meaning (the original document's type, also on reversals).
    CREATE TABLE movements (
      id            INTEGER PRIMARY KEY,
      document_id   INTEGER NOT NULL REFERENCES documents(id),
      line_id       INTEGER NOT NULL REFERENCES document_lines(id),
      kind          TEXT NOT NULL,
      occurred_at   TEXT NOT NULL,
      item_id       INTEGER NOT NULL REFERENCES items(id),
      batch_id      INTEGER NOT NULL REFERENCES batches(id),
      store_id      INTEGER NOT NULL REFERENCES stores(id),
      checkpoint_id INTEGER REFERENCES checkpoints(id),
      source_id     INTEGER REFERENCES sources(id),
      delta         INTEGER NOT NULL CHECK (delta <> 0)
    ) STRICT;
    CREATE INDEX movements_item_time ON movements(item_id, occurred_at);
    CREATE INDEX movements_time ON movements(occurred_at);
    CREATE INDEX movements_checkpoint ON movements(checkpoint_id, item_id) WHERE checkpoint_id IS NOT NULL;

    CREATE TABLE stock (
      item_id  INTEGER NOT NULL REFERENCES items(id),
      batch_id INTEGER NOT NULL REFERENCES batches(id),
      store_id INTEGER NOT NULL REFERENCES stores(id),
      quantity INTEGER NOT NULL CHECK (quantity >= 0),
      PRIMARY KEY (item_id, batch_id, store_id)
    ) STRICT, WITHOUT ROWID;

    -- Gap-free daily numbering: one row per document type and office-local day.
    CREATE TABLE doc_counters (
      type TEXT NOT NULL,
      day  TEXT NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (type, day)
    ) STRICT, WITHOUT ROWID;
  `);

  const insertCategory = db.prepare('INSERT INTO categories (name, sort) VALUES (?, ?)');
  ['防护用品', '消杀用品', '检测试剂', '药品', '医疗器械/设备', '生活物资', '宣传物资', '其他'].forEach((name, i) =>
    insertCategory.run(name, (i + 1) * 10),
  );
  db.prepare("INSERT INTO stores (name, is_default) VALUES ('办事处库房', 1)").run();
  // The operator of documents until accounts exist; it has no password and cannot log in.
  db.prepare(
    "INSERT INTO users (username, display_name, role, created_at) VALUES ('local', '本机操作员', 'admin', ?)",
  ).run(new Date().toISOString());
  const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  setting.run('office_name', '');
  setting.run('time_zone', 'Asia/Shanghai');
  setting.run('cutoff_time', '15:00');
  setting.run('near_expiry_days', '30');
  setting.run('locked_until', '');
}
