import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { migrations } from '../../db/migrations';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const imports = (file: string) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)].map((m) => ({
    typeOnly: !!m[1],
    from: m[2],
  }));

test('the core, the server and the scripts never import Electron', () => {
  const offenders = ['db', 'excel', 'server', 'scripts']
    .flatMap(files)
    .filter((f) => imports(f).some((i) => i.from === 'electron' || i.from.startsWith('electron/')));
  expect(offenders).toEqual([]);
});

/**
 * Pure modules the UI shares with the core, so it hides exactly what the API refuses, reads a quantity
 * box as the server does, masks a phone number as the ledger's lists do and knows which households a
 * shortage leaves short (to offer them a substitute) as the hand-over shares it, and reads a key's
 * fingerprint as the import compares it.
 */
const SHARED_WITH_UI = ['db/auth/access', 'db/units', 'db/rounds/mask', 'db/rounds/share', 'db/district/fingerprint'];

test('the renderer reaches the core only through types (and the pure access table)', () => {
  for (const shared of SHARED_WITH_UI) expect(imports(`${shared}.ts`).filter((i) => !i.typeOnly)).toEqual([]);
  const offenders = files('renderer/src').flatMap((f) =>
    imports(f)
      .filter((i) => /(^|\/)(db|server|scripts|electron)\//.test(i.from) && !i.typeOnly && !SHARED_WITH_UI.some((s) => i.from.endsWith(s)))
      .map((i) => `${relative(ROOT, join(ROOT, f))} → ${i.from}`),
  );
  expect(offenders).toEqual([]);
  const nodeModules = files('renderer/src').filter((f) => imports(f).some((i) => i.from.startsWith('node:') || ['better-sqlite3', 'fs', 'path'].includes(i.from)));
  expect(nodeModules).toEqual([]);
});

// XML namespace names (www.w3.org, and the OOXML and Dublin Core ones the xlsx writer declares) are identifiers, not requests.
test('the app names no outside address', () => {
  const offenders = ['db', 'excel', 'server', 'electron', 'renderer/src']
    .flatMap(files)
    .filter((f) => /https?:\/\/(?!127\.0\.0\.1|localhost|\[::1\]|www\.w3\.org\/|schemas\.openxmlformats\.org\/|purl\.org\/dc\/)[a-z]/i.test(readFileSync(join(ROOT, f), 'utf8')));
  expect(offenders).toEqual([]);
});

test('migrations are listed statically, in order, and never skipped', () => {
  const onDisk = readdirSync(join(ROOT, 'db', 'migrations')).filter((f) => /^\d{4}-.*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();
  expect(migrations.map((m) => m.name)).toEqual(onDisk);
  expect(migrations.map((m) => m.version)).toEqual(onDisk.map((_, i) => i + 1));
});

/**
 * Where SQL is written by hand instead of built with kysely, and why. A hot path names the
 * `npm run bench` metric that measures it (docs/performance.md), and each of its files says so in a
 * comment; the rest are statements about the file itself, outside the schema interface.
 */
const HAND_WRITTEN_SQL: Record<string, { metrics: string[] } | { file: string }> = {
  'db/ledger/': { metrics: ['post_slip_ms', 'post_backdated_ms', 'void_ms'] },
  'db/reports/compute.ts': { metrics: ['daily_report_ms'] },
  'db/reports/lists.ts': { metrics: ['daily_report_xlsx_ms'] },
  'db/queries/card.ts': { metrics: ['stock_card_ms'] },
  'db/queries/stock.ts': { metrics: ['first_screen_ms'] },
  'db/queries/loans.ts': { metrics: ['daily_report_ms'] },
  'db/queries/documents.ts': { metrics: ['post_slip_ms'] },
  'db/reference/settings.ts': { metrics: ['post_slip_ms'] },
  'db/reference/catalog.ts': { metrics: ['post_slip_ms'] },
  'db/sql.ts': { file: 'the statement cache and the JSON row reader themselves' },
  'db/open.ts': { file: 'pragmas, VACUUM and the first read of a file being opened' },
  'db/migrate.ts': { file: 'the migration table, read before the schema is known' },
  'db/backup/check.ts': { file: 'a backup file checked before it is trusted' },
  'db/backup/backup.ts': { file: 'VACUUM INTO' },
  'db/host/folder-lock.ts': { file: 'the lock file, not the ledger' },
  'db/host/host.ts': { file: 'total_changes()' },
  'excel/archive.ts': { file: 'every table dumped, named from sqlite_master' },
};

const SQL_TEXT = /['"`]\s*(FROM|SELECT|INSERT|UPDATE|DELETE|WITH|PRAGMA|VACUUM|BEGIN)\b/;

test('SQL is built with kysely except on measured hot paths and for the file itself, each saying why', () => {
  const listed = (f: string) => Object.keys(HAND_WRITTEN_SQL).find((k) => (k.endsWith('/') ? f.startsWith(k) : f === k));
  const withSql = ['db', 'excel', 'server']
    .flatMap(files)
    .filter((f) => !f.startsWith('db/migrations/') && SQL_TEXT.test(readFileSync(join(ROOT, f), 'utf8')));
  expect(withSql.filter((f) => !listed(f))).toEqual([]);
  const unexplained = withSql.filter((f) => {
    const why = HAND_WRITTEN_SQL[listed(f)!];
    return 'metrics' in why && !why.metrics.some((m) => readFileSync(join(ROOT, f), 'utf8').includes(m));
  });
  expect(unexplained).toEqual([]);
  // An entry whose files no longer write SQL by hand goes.
  expect(Object.keys(HAND_WRITTEN_SQL).filter((k) => !withSql.some((f) => (k.endsWith('/') ? f.startsWith(k) : f === k)))).toEqual([]);
});
