import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(__dirname, '..', '..');

test('npm start on a machine without the Electron binary serves browser mode and says why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/start.ts', '--data', dir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '' },
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in time:\n${out}`)), 60_000);
      child.stdout.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    expect(out).toContain('Electron 不可用');
    expect(out).toContain('浏览器模式');
    expect(out).toContain(`数据文件夹 data folder: ${dir}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // A new data folder: first-run setup is offered, and nothing else answers before login.
    const status = await fetch(`${url}api/auth.status`, { method: 'POST', body: '' });
    expect(await status.json()).toEqual({ ok: true, data: { needsSetup: true, officeName: '', user: null, office: null } });
    const api = await fetch(`${url}api/stores.list`, { method: 'POST', body: '' });
    expect(api.status).toBe(401);
  } finally {
    // On SIGTERM the server takes its closing backup, then exits.
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    // The daily backup was taken at start; nothing was written since, so no closing one on the way out.
    const backups = readdirSync(join(dir, 'backups')).filter((f) => !f.startsWith('ledger.'));
    expect(backups.map((f) => f.replace(/^ledger-\d{8}T\d{9}Z-/, ''))).toEqual(['daily.sqlite', 'daily.sqlite.json']);
    rmSync(dir, { recursive: true, force: true });
  }
});
