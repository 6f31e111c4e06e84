import type { Server } from 'node:http';
import { request } from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { LedgerHost } from '../../db/host/host';
import { createLedgerServer, MAX_BODY_BYTES } from '../../server/http';
import { listen } from '../../server/listen';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';
import { serveTestLedger } from '../helpers/server';

let t: TestLedger;
let server: Server;
let base: string;
let host: LedgerHost;
/** The admin's session cookie, from a real login. */
let cookie: string;

beforeEach(async () => {
  t = tempLedger();
  ({ server, host, url: base } = await serveTestLedger(t, { 'assets/a.js': 'console.log(1)' }));
  t.ok('users.create', { username: 'boss', displayName: '管理员', role: 'admin', password: 'boss-pass-1' });
  const login = await raw('POST', '/api/auth.login', JSON.stringify({ username: 'boss', password: 'boss-pass-1' }));
  cookie = login.cookie!.split(';')[0];
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  t.close();
});

/** A raw request, so the tests can send what a browser would not. */
export function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, base);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, text, cookie: res.headers['set-cookie']?.[0] });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

test('POST /api/<method> answers exactly what the in-process call answers', async () => {
  const s = seedBasics(t);
  const input = { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] };
  const r = await raw('POST', '/api/docs.post', JSON.stringify(input), { 'content-type': 'application/json', cookie });
  expect(r.status).toBe(200);
  expect(r.json).toEqual({ ok: true, data: { id: 1, number: 'RK20261128-001' } });
  expect(t.ok('docs.get', { id: 1 })).toMatchObject({ number: 'RK20261128-001', lineCount: 1 });
  const refused = await raw('POST', '/api/docs.post', JSON.stringify({ ...input, lines: [{ itemId: s.mask.id, quantity: 0.5 }] }), { cookie });
  expect(refused.json).toEqual(t.call('docs.post', { ...input, lines: [{ itemId: s.mask.id, quantity: 0.5 }] } as never));
  expect(refused.json).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '医用外科口罩的数量必须是整数。' } });
});

test('transport errors keep the answer shape and write nothing', async () => {
  seedBasics(t);
  const before = snapshot(t.ledger);
  expect(await raw('POST', '/api/items.list', '{not json', { cookie })).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' } } });
  expect(await raw('POST', '/api/nope', '{}', { cookie })).toMatchObject({ status: 200, json: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
  expect(await raw('GET', '/api/items.list')).toMatchObject({ status: 405, json: { ok: false, error: { code: 'INVALID_INPUT' } } });
  expect(await raw('POST', '/api/items.create', Buffer.alloc(MAX_BODY_BYTES + 10, 0x61), { cookie })).toMatchObject({ status: 413, json: { ok: false } });
  // Without a session the body is not even read.
  expect(await raw('POST', '/api/items.create', Buffer.alloc(MAX_BODY_BYTES + 10, 0x61))).toMatchObject({ status: 401, json: { ok: false } });
  expect(await raw('POST', '/api/items.create', '{"name":"x","categoryId":1,"unit":"只"}', { origin: 'http://evil.example', cookie })).toMatchObject({ status: 403, json: { ok: false } });
  expect(await raw('POST', '/api/items.list', '', { host: 'evil.example' })).toMatchObject({ status: 421, json: { ok: false } });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('static files are served from the renderer folder and nowhere else', async () => {
  expect(await raw('GET', '/')).toMatchObject({ status: 200, text: '<div id="root"></div>' });
  expect(await raw('GET', '/assets/a.js')).toMatchObject({ status: 200, text: 'console.log(1)' });
  expect((await raw('GET', '/../ledger.sqlite')).status).toBe(404);
  expect((await raw('GET', '/%2e%2e/ledger.sqlite')).status).toBe(404);
  expect((await raw('GET', '/missing.js')).status).toBe(404);
});

test('LAN mode binds other addresses; a LAN name is accepted only in LAN mode', async () => {
  const lan = createLedgerServer({ host, staticDir: t.dir, lan: true });
  const { port } = await listen(lan, '0.0.0.0', 0);
  try {
    const viaIp = await raw('POST', `http://127.0.0.1:${port}/api/auth.status`, '', { host: `192.168.1.20:${port}` });
    expect(viaIp).toMatchObject({ status: 200, json: { ok: true, data: { needsSetup: false } } });
    const rebinding = await raw('POST', `http://127.0.0.1:${port}/api/auth.status`, '', { host: `evil.example:${port}` });
    expect(rebinding.status).toBe(421);
    expect((await raw('POST', `http://127.0.0.1:${port}/api/items.list`, '', { host: `192.168.1.20:${port}` })).status).toBe(401);
  } finally {
    await new Promise<void>((r) => lan.close(() => r()));
  }
  expect((await raw('POST', '/api/auth.status', '', { host: '192.168.1.20' })).status).toBe(421);
});

test('sessions: an HttpOnly SameSite=Strict cookie from login, 401 without it, gone after logout or a password reset', async () => {
  expect(await raw('POST', '/api/items.list', '')).toMatchObject({ status: 401, json: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } } });
  expect((await raw('POST', '/api/items.list', '', { cookie: 'sl_session=forged-token' })).status).toBe(401);
  const clerk = t.ok('users.create', { username: 'clerk', displayName: '保管员', role: 'clerk', password: 'clerk-pass-1' });
  const login = await raw('POST', '/api/auth.login', JSON.stringify({ username: 'clerk', password: 'clerk-pass-1' }));
  expect(login.cookie).toMatch(/^sl_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
  const clerkCookie = login.cookie!.split(';')[0];
  expect(await raw('POST', '/api/auth.me', '', { cookie: clerkCookie })).toMatchObject({ status: 200, json: { ok: true, data: { id: clerk.id, role: 'clerk' } } });
  expect(await raw('POST', '/api/users.create', '{}', { cookie: clerkCookie })).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } });
  expect((await raw('GET', '/print/slips?date=2026-11-28', undefined, { 'sec-fetch-site': 'same-origin' })).status).toBe(401);
  // Logged in, the page answers (here: nothing to print that day).
  expect(await raw('GET', '/print/slips?date=2026-11-28&preview=1', undefined, { cookie: clerkCookie, 'sec-fetch-site': 'same-origin' })).toMatchObject({ status: 404, text: expect.stringContaining('无法打印') });
  // The administrator resets the clerk's password: the clerk's session ends, the admin's stays.
  await raw('POST', '/api/users.resetPassword', JSON.stringify({ id: clerk.id, newPassword: 'new-clerk-pass' }), { cookie });
  expect((await raw('POST', '/api/auth.me', '', { cookie: clerkCookie })).status).toBe(401);
  expect((await raw('POST', '/api/auth.me', '', { cookie })).status).toBe(200);
  const out = await raw('POST', '/api/auth.logout', '', { cookie });
  expect(out.cookie).toBe('sl_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
  expect((await raw('POST', '/api/auth.me', '', { cookie })).status).toBe(401);
});
