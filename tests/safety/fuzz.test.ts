import { Agent, request, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { handlers } from '../../db/api/handlers';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';
import { serveTestLedger } from '../helpers/server';

let t: TestLedger;
let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  t = tempLedger();
  seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: 1, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: 1, quantity: 100 }] });
  t.ok('users.create', { username: 'viewer', displayName: '只读', role: 'readonly', password: 'viewer-pass-1' });
  ({ server, port } = await serveTestLedger(t));
});
afterAll(async () => {
  agent.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  t.close();
});

function send(method: string, path: string, body: Buffer | string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    // Framed with a length whatever the verb (Node sends a DELETE body unframed otherwise).
    const framing = { 'content-length': String(Buffer.byteLength(body)) };
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...framing, ...headers }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Deterministic, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('10,000 malformed API calls over HTTP: no crash, no 5xx, the ledger unchanged', { timeout: 240_000 }, async () => {
  const random = rng(4242);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  // Not login and logout: they would only change which session the rest of the fuzz runs under.
  const methods = [...Object.keys(handlers).filter((m) => m !== 'auth.login' && m !== 'auth.logout'), 'nope', '', '../etc/passwd', 'docs.post/extra', '%E0%A4%A', 'items.list?x=1', '__proto__', 'constructor'];
  const login = await new Promise<string>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/auth.login', method: 'POST', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve(res.headers['set-cookie']![0].split(';')[0]);
    });
    req.end(JSON.stringify({ username: 'viewer', password: 'viewer-pass-1' }));
  });
  const value = (depth = 0): unknown => {
    const r = random();
    if (r < 0.1) return null;
    if (r < 0.2) return Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1);
    if (r < 0.25) return random() * 1e308;
    if (r < 0.35) return pick(['', 'x', '口罩', '\u0000', '9'.repeat(400), '<script>', "' OR 1=1 --", '2026-13-45', '1e999']);
    if (r < 0.4) return random() < 0.5;
    if (r < 0.6 && depth < 3) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    if (depth < 3) {
      const keys = ['id', 'lines', 'quantity', 'itemId', 'type', 'name', 'time', 'reason', '__proto__', 'constructor', 'documentId', 'password'];
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(keys), value(depth + 1)]));
    }
    return 'deep';
  };
  const before = snapshot(t.ledger);
  const statuses = new Map<number, number>();
  for (let i = 0; i < 10_000; i++) {
    const r = random();
    const cookie = r < 0.45 ? login : r < 0.6 ? `sl_session=${'A'.repeat(43)}` : r < 0.65 ? 'sl_session=;;;==' : '';
    let body: Buffer | string;
    const kind = random();
    if (kind < 0.6) body = JSON.stringify(value());
    else if (kind < 0.75) body = JSON.stringify(value()).slice(0, Math.floor(random() * 20));
    else if (kind < 0.85) body = Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
    else if (kind < 0.9995) body = '';
    else body = Buffer.alloc(25 * 1024 * 1024, 0x7b);
    const verb = random() < 0.95 ? 'POST' : pick(['GET', 'PUT', 'DELETE', 'PATCH']);
    const headers: Record<string, string> = { 'content-type': pick(['application/json', 'text/plain', 'multipart/form-data']) };
    if (cookie) headers.cookie = cookie;
    if (random() < 0.05) headers.origin = pick(['http://evil.example', 'null', `http://127.0.0.1:${port}`]);
    const path = `/api/${pick(methods)}`;
    const status = await send(verb, path, body, headers).catch((err: Error) => { throw new Error(`${verb} ${path} ${JSON.stringify(headers)} ${String(body).slice(0, 80)}: ${err.message}`); });
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    expect(status).toBeLessThan(500);
  }
  expect(snapshot(t.ledger)).toEqual(before);
  // The fuzz reached past the door: answers at every layer (parsed, refused for role, for session, for JSON).
  expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 401, 403, 405]));
  expect(await send('POST', '/api/items.list', '', { cookie: login })).toBe(200);
});
