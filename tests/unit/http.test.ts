import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createLedgerServer, MAX_BODY_BYTES } from '../../server/http';
import { listen } from '../../server/listen';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
let server: Server;
let base: string;

beforeEach(async () => {
  t = tempLedger();
  const staticDir = join(t.dir, 'www');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'a.js'), 'console.log(1)');
  server = createLedgerServer({ ledger: t.ledger, staticDir });
  base = (await listen(server, '127.0.0.1', 0)).url;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  t.close();
});

/** A raw request, so the tests can send what a browser would not. */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string }> {
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
        resolve({ status: res.statusCode ?? 0, json, text });
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
  const r = await raw('POST', '/api/docs.post', JSON.stringify(input), { 'content-type': 'application/json' });
  expect(r.status).toBe(200);
  expect(r.json).toEqual({ ok: true, data: t.ok('docs.get', { id: 1 }) });
  const refused = await raw('POST', '/api/docs.post', JSON.stringify({ ...input, lines: [{ itemId: s.mask.id, quantity: 0.5 }] }));
  expect(refused.json).toEqual(t.call('docs.post', { ...input, lines: [{ itemId: s.mask.id, quantity: 0.5 }] } as never));
  expect(refused.json).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '医用外科口罩的数量必须是整数。' } });
});

test('transport errors keep the answer shape and write nothing', async () => {
  seedBasics(t);
  const before = snapshot(t.ledger);
  expect(await raw('POST', '/api/items.list', '{not json')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' } } });
  expect(await raw('POST', '/api/nope', '{}')).toMatchObject({ status: 200, json: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
  expect(await raw('GET', '/api/items.list')).toMatchObject({ status: 405, json: { ok: false, error: { code: 'INVALID_INPUT' } } });
  expect(await raw('POST', '/api/items.create', Buffer.alloc(MAX_BODY_BYTES + 10, 0x61))).toMatchObject({ status: 413, json: { ok: false } });
  expect(await raw('POST', '/api/items.create', '{"name":"x","categoryId":1,"unit":"只"}', { origin: 'http://evil.example' })).toMatchObject({ status: 403, json: { ok: false } });
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

test('binding a LAN address is refused until accounts exist', async () => {
  const other = createLedgerServer({ ledger: t.ledger, staticDir: t.dir });
  await expect(listen(other, '0.0.0.0', 0)).rejects.toThrow('局域网模式(监听 0.0.0.0)需要登录功能,当前版本只允许本机访问(127.0.0.1)。');
  await expect(listen(other, '192.168.1.20', 0)).rejects.toThrow(/局域网模式/);
});
