import type { Database } from 'better-sqlite3';

/**
 * 下级报送 (a district or township that merges its units' report packages): the units it knows, with
 * the fingerprint of the key each signs with (read out on the phone once); the packages imported, a
 * resubmission replacing the one before it (kept, never deleted); goods of a unit mapped once by
 * hand to the district's own catalogue; and the consolidated reports it has sent upward.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sub_units (
      id          INTEGER PRIMARY KEY,
      code        TEXT NOT NULL UNIQUE,
      name        TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      contact     TEXT NOT NULL DEFAULT '',
      phone       TEXT NOT NULL DEFAULT '',
      active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE unit_packages (
      id           INTEGER PRIMARY KEY,
      unit_id      INTEGER NOT NULL REFERENCES sub_units(id),
      day          TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('daily','supplement','correction')),
      submitted_at TEXT NOT NULL,
      sha256       TEXT NOT NULL UNIQUE,
      file_name    TEXT NOT NULL,
      body         TEXT NOT NULL,
      figures      TEXT NOT NULL,
      imported_at  TEXT NOT NULL,
      imported_by  INTEGER NOT NULL REFERENCES users(id),
      replaced_by  INTEGER REFERENCES unit_packages(id)
    ) STRICT;
    CREATE UNIQUE INDEX unit_packages_current ON unit_packages(unit_id, day) WHERE replaced_by IS NULL;
    CREATE INDEX unit_packages_day ON unit_packages(day);

    CREATE TABLE item_mappings (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      spec       TEXT NOT NULL,
      unit       TEXT NOT NULL,
      item_id    INTEGER NOT NULL REFERENCES items(id),
      factor     INTEGER NOT NULL DEFAULT 1 CHECK (factor >= 1),
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id),
      UNIQUE (name, spec, unit)
    ) STRICT;

    CREATE TABLE consolidations (
      id           INTEGER PRIMARY KEY,
      day          TEXT NOT NULL,
      body         TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      submitted_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;
    CREATE INDEX consolidations_day ON consolidations(day);
  `);
}
