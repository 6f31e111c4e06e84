import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { LedgerHost } from '../../db/host/host';
import { LedgerError } from '../../db/errors';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ledger-lock-'));
  dirs.push(d);
  return d;
};
const TSX = join(__dirname, '../../node_modules/tsx/dist/cli.mjs');
const SERVE = join(__dirname, '../../scripts/serve.ts');

/** `npm run serve` on the folder, as a second program would start it; resolves when it says it listens, or exits. */
function serve(dir: string): Promise<{ code: number | null; out: string; kill: () => Promise<void> }> {
  // Its own process group: tsx runs the script in a child process, and kill -9 must reach that one.
  const child = spawn(process.execPath, [TSX, SERVE, '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const kill = async () => {
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  };
  return new Promise((resolve) => {
    const take = (b: Buffer) => {
      out += b.toString();
      if (out.includes('打开 open:')) resolve({ code: null, out, kill });
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    void exited.then((code) => resolve({ code, out, kill }));
  });
}

async function takeWithin(dir: string, ms: number): Promise<LedgerHost> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return new LedgerHost(dir);
    } catch (err) {
      if ((err as LedgerError).code !== 'FOLDER_IN_USE' || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

test('a second host on the same folder in this process is refused, naming the first; after it closes the folder is free', async () => {
  const dir = tempDir();
  const first = new LedgerHost(dir, { program: '物资保障台账桌面程序' });
  let refused: unknown;
  try {
    new LedgerHost(dir, { program: '第二个' });
  } catch (err) {
    refused = err;
  }
  expect(refused).toBeInstanceOf(LedgerError);
  expect((refused as LedgerError).code).toBe('FOLDER_IN_USE');
  expect((refused as LedgerError).message).toMatch(
    new RegExp(`^数据文件夹 ${dir} 正由物资保障台账桌面程序\\(进程 ${process.pid},自 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 起\\)使用。一个数据文件夹同一时间只能由一个程序打开`),
  );
  // The refused one touched nothing: the first goes on writing.
  expect(first.ledger!.db.prepare("INSERT INTO categories (name, sort) VALUES ('新类别', 99)").run().changes).toBe(1);
  await first.close();
  const again = new LedgerHost(dir);
  expect(again.ledger).not.toBeNull();
  await again.close();
});

test('npm run serve on a folder another program holds says who holds it and exits; once the holder is killed (kill -9) the folder opens', async () => {
  const dir = tempDir();
  const host = new LedgerHost(dir, { program: '物资保障台账桌面程序' });
  const second = await serve(dir);
  expect(second.code).toBe(1);
  expect(second.out).toContain(`启动失败:数据文件夹 ${dir} 正由物资保障台账桌面程序(进程 ${process.pid},`);
  await host.close();
  // A server holding the folder, killed without warning: its lock goes with it.
  const holder = await serve(dir);
  expect(holder.code).toBeNull();
  let refused: unknown;
  try {
    new LedgerHost(dir);
  } catch (err) {
    refused = err;
  }
  expect((refused as LedgerError).message).toMatch(/正由物资保障台账浏览器模式\(端口 0\)\(进程 \d+,/);
  await holder.kill();
  // The system drops the lock as the killed process ends (the group leader may be reaped a moment earlier).
  const after = await takeWithin(dir, 5000);
  expect(after.ledger).not.toBeNull();
  await after.close();
}, 60_000);
