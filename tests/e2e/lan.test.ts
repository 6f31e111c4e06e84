import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';

/**
 * The LAN end to end, through `npm run serve` in LAN mode. Two machines are two network namespaces
 * this test makes itself, joined by a veth pair with documentation addresses (192.0.2.0/24,
 * RFC 5737): the server's, where it listens on 0.0.0.0 (that namespace has only its loopback and
 * 192.0.2.1, so nothing is exposed to the machine's real network), and a LAN neighbour's at
 * 192.0.2.2. Nothing is sent to any other address.
 */
const ROOT = join(__dirname, '..', '..');
const tag = String(process.pid % 100_000);
const SERVER_NS = `sl-srv-${tag}`;
const PEER_NS = `sl-lan-${tag}`;
const SERVER_IP = '192.0.2.1';
const PEER_IP = '192.0.2.2';
const PORT = 5180;

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

let dir: string;
let server: ChildProcess | undefined;

beforeAll(async () => {
  ip('netns', 'add', SERVER_NS);
  ip('netns', 'add', PEER_NS);
  ip('link', 'add', `slh${tag}`, 'netns', SERVER_NS, 'type', 'veth', 'peer', 'name', `sln${tag}`, 'netns', PEER_NS);
  ip('-n', SERVER_NS, 'addr', 'add', `${SERVER_IP}/24`, 'dev', `slh${tag}`);
  ip('-n', PEER_NS, 'addr', 'add', `${PEER_IP}/24`, 'dev', `sln${tag}`);
  for (const [ns, dev] of [[SERVER_NS, `slh${tag}`], [PEER_NS, `sln${tag}`], [SERVER_NS, 'lo'], [PEER_NS, 'lo']]) ip('-n', ns, 'link', 'set', dev, 'up');
  dir = mkdtempSync(join(tmpdir(), 'ledger-lan-'));
  const child = spawn('ip', ['netns', 'exec', SERVER_NS, process.execPath, join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/serve.ts', '--data', dir, '--host', '0.0.0.0', '--port', String(PORT)], {
    cwd: ROOT, detached: true,
  });
  server = child;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 60_000);
    const seen = (b: Buffer) => {
      out += b.toString();
      if (out.includes('局域网模式')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the server exited ${code}:\n${out}`)));
  });
});

afterAll(async () => {
  await stopServer();
  if (dir) rmSync(dir, { recursive: true, force: true });
  for (const ns of [SERVER_NS, PEER_NS]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // not made
    }
  }
});

/** SIGTERM, as at a normal stop: the server takes its closing backup and lets go of the folder. */
async function stopServer(): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  process.kill(-server.pid!, 'SIGTERM');
  await exited;
}

type Answer = { status: number; body: { ok: boolean; data?: unknown; error?: { code: string; message: string } } };

/** A POST from a machine, as its browser would send it: to the address it was served from, with that Origin. */
function post(ns: string, address: string, method: string, input: unknown): Answer {
  const script = `
    const [address, port, method, body] = process.argv.slice(1);
    const req = require('node:http').request({ host: address, port, path: '/api/' + method, method: 'POST',
      headers: { origin: 'http://' + address + ':' + port, 'content-type': 'application/json' } }, (res) => {
      let text = ''; res.on('data', (c) => (text += c)); res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, body: JSON.parse(text) })));
    });
    req.end(body);`;
  const out = execFileSync('ip', ['netns', 'exec', ns, process.execPath, '-e', script, address, String(PORT), method, input === undefined ? '' : JSON.stringify(input)], { encoding: 'utf8' });
  return JSON.parse(out) as Answer;
}
const fromLan = (method: string, input: unknown) => post(PEER_NS, SERVER_IP, method, input);
const fromHere = (method: string, input: unknown) => post(SERVER_NS, '127.0.0.1', method, input);

const setup = (username: string) => ({
  officeName: '云杉街道办事处', officeAddress: '', officePhone: '', timeZone: 'Asia/Shanghai', cutoffTime: '15:00',
  admin: { username, displayName: '林海', password: 'first-admin-9' },
});

test('a machine on the LAN can neither claim a new ledger nor keep its administrator locked out', async () => {
  // A fresh ledger, reachable from the LAN: setup from there is refused.
  expect(fromLan('auth.status', undefined).body).toMatchObject({ ok: true, data: { needsSetup: true } });
  expect(fromLan('auth.setup', setup('intruder'))).toEqual({
    status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '初始设置只能在运行本程序的电脑上进行,请到这台电脑上操作。' } },
  });
  expect(fromHere('auth.setup', setup('admin')).body).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });

  // Wrong passwords from the LAN pause logins from there only, with the same answer for a name that does not exist.
  for (let left = 4; left >= 1; left--) {
    expect(fromLan('auth.login', { username: 'admin', password: 'guess-guess' }).body).toEqual({
      ok: false, error: { code: 'LOGIN_FAILED', message: `用户名或密码不正确(再错 ${left} 次将暂停登录 5 分钟)。` },
    });
  }
  expect(fromLan('auth.login', { username: 'admin', password: 'guess-guess' }).body).toEqual({
    ok: false, error: { code: 'ACCOUNT_LOCKED', message: '密码连续输错 5 次,这台电脑暂停登录该账户 5 分钟。' },
  });
  expect(fromLan('auth.login', { username: 'admin', password: 'first-admin-9' }).body).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  expect(fromLan('auth.login', { username: 'nobody', password: 'guess-guess' }).body).toEqual({
    ok: false, error: { code: 'LOGIN_FAILED', message: '用户名或密码不正确(再错 4 次将暂停登录 5 分钟)。' },
  });
  // At the machine itself the administrator logs in at once: the pause is held against the LAN address.
  expect(fromHere('auth.login', { username: 'admin', password: 'first-admin-9' }).body).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });

  await stopServer();
  const db = new Database(join(dir, 'ledger.sqlite'), { readonly: true });
  expect(db.prepare('SELECT username FROM users WHERE username IN (?, ?)').pluck().all('admin', 'intruder')).toEqual(['admin']);
  expect(db.prepare('SELECT username, source, failures FROM login_failures ORDER BY username').all()).toEqual([
    { username: 'admin', source: PEER_IP, failures: 5 },
    { username: 'nobody', source: PEER_IP, failures: 1 },
  ]);
  db.close();
});
