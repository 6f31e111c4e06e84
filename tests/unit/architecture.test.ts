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

/** Pure tables the UI shares with the core, so it hides exactly what the API refuses. */
const SHARED_WITH_UI = ['db/auth/access'];

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
