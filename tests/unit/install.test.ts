import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

// `npm install` must get through a machine that cannot download the Electron binary: npm may
// only drop an optional dependency whose install script fails; a dev dependency stops the install.
test('electron is only an optional dependency, and the installer build names the same version', () => {
  const pkg = json('package.json');
  expect(pkg.dependencies.electron).toBeUndefined();
  expect(pkg.devDependencies.electron).toBeUndefined();
  const pinned = pkg.optionalDependencies.electron;
  expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  expect(/^electronVersion: (\S+)$/m.exec(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'))?.[1]).toBe(pinned);
  expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.cjs');
  // Whether or not the binary came, the package and its types are there for the shell's type-check.
  expect(json('node_modules/electron/package.json').version).toBe(pinned);
  expect(existsSync(join(ROOT, 'node_modules/electron/electron.d.ts'))).toBe(true);
});
