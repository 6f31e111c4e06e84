import type { Database } from 'better-sqlite3';
import { checkForeignKeys, rebuildTable } from './rebuild';

/**
 * 居民代购保供: households, suppliers with their certificates, order rounds with their price lists,
 * and the households' orders. None of it is the office's stock (no movement is ever written here).
 * The users table is rebuilt to admit the 社区工作人员 role ('community'), the way 0017 rebuilt
 * documents: SQLite cannot widen a CHECK in place; the runner turns foreign keys off around it.
 */
export const rebuilds = true;

export function up(db: Database): void {
  widenRoles(db);
  db.exec(`
    CREATE TABLE households (
      id               INTEGER PRIMARY KEY,
      community        TEXT NOT NULL DEFAULT '',
      compound         TEXT NOT NULL CHECK (length(compound) > 0),
      building         TEXT NOT NULL CHECK (length(building) > 0),
      unit             TEXT NOT NULL DEFAULT '',
      room             TEXT NOT NULL CHECK (length(room) > 0),
      contact          TEXT NOT NULL DEFAULT '',
      phone            TEXT NOT NULL DEFAULT '',
      pinyin           TEXT NOT NULL DEFAULT '',
      initials         TEXT NOT NULL DEFAULT '',
      elderly_alone    INTEGER NOT NULL DEFAULT 0 CHECK (elderly_alone IN (0, 1)),
      limited_mobility INTEGER NOT NULL DEFAULT 0 CHECK (limited_mobility IN (0, 1)),
      chronic          INTEGER NOT NULL DEFAULT 0 CHECK (chronic IN (0, 1)),
      medicines        TEXT NOT NULL DEFAULT '',
      needs            TEXT NOT NULL DEFAULT '',
      active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at       TEXT NOT NULL,
      UNIQUE (compound, building, unit, room)
    ) STRICT;

    CREATE TABLE suppliers (
      id      INTEGER PRIMARY KEY,
      name    TEXT NOT NULL UNIQUE,
      kind    TEXT NOT NULL CHECK (kind IN ('supermarket', 'pharmacy')),
      contact TEXT NOT NULL DEFAULT '',
      phone   TEXT NOT NULL DEFAULT '',
      active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    ) STRICT;

    CREATE TABLE supplier_certificates (
      supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
      kind        TEXT NOT NULL CHECK (kind IN ('license', 'supply', 'pass')),
      number      TEXT NOT NULL DEFAULT '',
      valid_until TEXT NOT NULL,
      PRIMARY KEY (supplier_id, kind)
    ) STRICT;

    CREATE TABLE rounds (
      id              INTEGER PRIMARY KEY,
      number          TEXT NOT NULL UNIQUE,
      kind            TEXT NOT NULL CHECK (kind IN ('purchase', 'free')),
      supplier_id     INTEGER REFERENCES suppliers(id),
      day             TEXT NOT NULL,
      cutoff_at       TEXT NOT NULL,
      household_limit INTEGER CHECK (household_limit > 0),
      state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
      note            TEXT NOT NULL DEFAULT '',
      created_by      INTEGER NOT NULL REFERENCES users(id),
      created_at      TEXT NOT NULL,
      CHECK ((kind = 'purchase') = (supplier_id IS NOT NULL))
    ) STRICT;
    CREATE INDEX rounds_by_day ON rounds (day, cutoff_at);

    CREATE TABLE round_compounds (
      round_id INTEGER NOT NULL REFERENCES rounds(id),
      compound TEXT NOT NULL,
      PRIMARY KEY (round_id, compound)
    ) STRICT;

    CREATE TABLE round_goods (
      id            INTEGER PRIMARY KEY,
      round_id      INTEGER NOT NULL REFERENCES rounds(id),
      name          TEXT NOT NULL CHECK (length(name) > 0),
      spec          TEXT NOT NULL DEFAULT '',
      unit          TEXT NOT NULL CHECK (length(unit) > 0),
      price         INTEGER NOT NULL CHECK (price >= 0),
      contents      TEXT NOT NULL DEFAULT '',
      per_household INTEGER CHECK (per_household > 0),
      pinyin        TEXT NOT NULL DEFAULT '',
      initials      TEXT NOT NULL DEFAULT '',
      UNIQUE (round_id, name, spec, unit)
    ) STRICT;

    CREATE TABLE orders (
      id           INTEGER PRIMARY KEY,
      round_id     INTEGER NOT NULL REFERENCES rounds(id),
      household_id INTEGER NOT NULL REFERENCES households(id),
      requests     INTEGER NOT NULL DEFAULT 1 CHECK (requests > 0),
      note         TEXT NOT NULL DEFAULT '',
      created_at   TEXT NOT NULL,
      created_by   INTEGER NOT NULL REFERENCES users(id),
      updated_at   TEXT NOT NULL,
      UNIQUE (round_id, household_id)
    ) STRICT;

    CREATE TABLE order_lines (
      id       INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES orders(id),
      goods_id INTEGER NOT NULL REFERENCES round_goods(id),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      UNIQUE (order_id, goods_id)
    ) STRICT;
  `);
  checkForeignKeys(db, 'the users rebuild');
}

function widenRoles(db: Database): void {
  rebuildTable(db, 'users', (sql) => sql.replace("'leader','readonly'))", "'leader','readonly','community'))"));
}
