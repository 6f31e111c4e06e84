import ExcelJS from 'exceljs';
import { request, type Server } from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { gateCall, LAN_DAMAGED } from '../../db/host/gate';
import { LedgerHost } from '../../db/host/host';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';
import { serveTestLedger } from '../helpers/server';

let t: TestLedger;
let server: Server;
let port: number;
let cookie: string;
let slip: number;

beforeEach(async () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 100 }] });
  slip = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T09:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] }).id;
  t.ok('users.create', { username: 'boss', displayName: '负责人', role: 'admin', password: 'boss-pass-1' });
  ({ server, port } = await serveTestLedger(t));
  cookie = (await send('POST', '/api/auth.login', JSON.stringify({ username: 'boss', password: 'boss-pass-1' }))).cookie!;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  t.close();
});

function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; cookie?: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), cookie: res.headers['set-cookie']?.[0]?.split(';')[0], headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a write without an Origin is taken only when the browser says same-origin, or from a script on this machine', async () => {
  const create = (name: string, headers: Record<string, string>) => send('POST', '/api/categories.create', JSON.stringify({ name }), { cookie, ...headers });
  for (const site of ['cross-site', 'same-site', 'none']) expect([site, (await create(`类${site}`, { 'sec-fetch-site': site })).status]).toEqual([site, 403]);
  expect((await create('类A', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  expect((await create('类B', {})).status).toBe(200);
  expect((await create('类C', { origin: 'http://evil.example' })).status).toBe(403);
  expect((await create('类D', { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  // Reads are not writes: a cross-site read without Origin still answers (it cannot see the answer).
  expect((await send('POST', '/api/items.list', '', { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  expect(t.ledger.db.prepare("SELECT name FROM categories WHERE name LIKE '类%' ORDER BY id").pluck().all()).toEqual(['类A', '类B', '类D']);
});

test('print pages open only from our own page, and a GET never records a print', async () => {
  const printed = () => t.ledger.db.prepare('SELECT COUNT(*) FROM print_log').pluck().get();
  expect((await send('GET', `/print/slip/${slip}?paper=a5`, undefined, { cookie })).status).toBe(403);
  expect((await send('GET', `/print/slip/${slip}?paper=a5`, undefined, { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  const page = await send('GET', `/print/slip/${slip}?paper=a5`, undefined, { cookie, 'sec-fetch-site': 'same-origin' });
  expect(page.status).toBe(200);
  expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(printed()).toBe(0);
  // The screen records by POST, then opens the page of that print.
  for (let i = 0; i < 2; i++) await send('POST', '/api/print.slip', JSON.stringify({ documentId: slip, paper: 'a5' }), { cookie, origin: `http://127.0.0.1:${port}` });
  expect(printed()).toBe(2);
  const second = await send('GET', `/print/slip/${slip}?paper=a5&printNo=2`, undefined, { cookie, 'sec-fetch-site': 'same-origin' });
  expect(second.text).toContain('补打(第 2 次打印)');
  expect((await send('GET', `/print/slip/${slip}?paper=a5&printNo=7`, undefined, { cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(404);
  expect(printed()).toBe(2);
});

test('a print address typed into the address bar is refused with a page in Chinese, not JSON; a script still gets JSON', async () => {
  // What Chromium sends for an address typed into its address bar.
  const typed = { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
  const seen = async (path: string, headers: Record<string, string>) => {
    const r = await send('GET', path, undefined, headers);
    const words = (re: RegExp) => re.exec(r.text)?.[1] ?? null;
    return [r.status, String(r.headers['content-type']), words(/<title>([^<]*)<\/title>/), words(/<a href="\/">([^<]*)<\/a>/)];
  };
  const source = [403, 'text/html; charset=utf-8', '请从软件里打开打印页', '返回物资保障台账'];
  expect(await seen('/print/delivery?roundId=1', { cookie, ...typed })).toEqual(source);
  expect(await seen(`/print/slip/${slip}?paper=a5`, { cookie, ...typed })).toEqual(source);
  // From our own page but logged out (the session ended): 请先登录, in words.
  expect(await seen('/print/labels?roundId=1', { ...typed, 'sec-fetch-site': 'same-origin' })).toEqual([401, 'text/html; charset=utf-8', '请先登录', '返回物资保障台账']);
  const script = await send('GET', '/print/delivery?roundId=1', undefined, { cookie });
  expect([script.status, script.headers['content-type'], JSON.parse(script.text)]).toEqual([403, 'application/json; charset=utf-8', { ok: false, error: { code: 'INVALID_INPUT', message: '来源不被允许。' } }]);
});

test('the app page may not be framed by another site', async () => {
  const page = await send('GET', '/');
  expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(page.headers['x-frame-options']).toBe('DENY');
});

test('a request body is read only after the session is checked: without one, a huge upload is refused before it is sent', async () => {
  const answer = await new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/catalog.importPreview', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'content-length': String(20 * 1024 * 1024) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    // Only the first bytes: a server that waited for the whole body would never answer.
    req.write('{"fileName":"a.xlsx","data":"');
  });
  expect(answer).toBe(401);
});

test('a damaged ledger shows another machine no file path and no backup list', async () => {
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  host.ledger = null;
  host.damage = `数据文件已损坏(数据库结构已损坏),程序不会写入或覆盖它:${t.ledger.file}。请从备份恢复。`;
  const lan = await gateCall(host, { local: false, address: '192.0.2.7' }, 'auth.status', undefined);
  expect(lan.result).toEqual({ ok: true, data: { needsSetup: false, officeName: '', damaged: { message: LAN_DAMAGED, backups: [], canRestore: false } } });
  expect((await gateCall(host, { local: false }, 'items.list', undefined)).result).toEqual({ ok: false, error: { code: 'LEDGER_DAMAGED', message: LAN_DAMAGED } });
  expect(JSON.stringify(lan)).not.toContain(t.dir);
  const here = await gateCall(host, { local: true }, 'auth.status', undefined);
  expect(here.result).toMatchObject({ ok: true, data: { damaged: { message: host.damage, canRestore: true } } });
});

/** A request, and a receipt posted at the same moment: both answers, the post's with how long it took. */
async function withAPost<T>(request: () => Promise<T>, headers: Record<string, string>) {
  const started = Date.now();
  const first = request();
  const post = send('POST', '/api/docs.post', JSON.stringify({ type: 'receipt', sourceId: 1, lines: [{ itemId: 1, quantity: 1 }] }), headers).then((r) => ({ ...r, ms: Date.now() - started }));
  return Promise.all([first, post]);
}

test('a tiny workbook with one cell at XFD1048576 is refused at once, naming the cell, and a post meanwhile answers within a second', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('物资');
  sheet.getCell('A1').value = '物资名称';
  sheet.getCell('B1').value = '数量';
  sheet.getCell('A2').value = '口罩';
  sheet.getCell('B2').value = 5;
  sheet.getCell('XFD1048576').value = 'x';
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  expect(bytes.length).toBeLessThan(10_000);
  const own = { cookie, origin: `http://127.0.0.1:${port}` };
  const [p, d] = await withAPost(() => send('POST', '/api/catalog.importPreview', JSON.stringify({ fileName: '物资.xlsx', data: bytes.toString('base64') }), own), own);
  expect(JSON.parse(p.text)).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '工作表“物资”的 XFD1048576 单元格有内容,超出可导入的范围(最多 20000 行、500 列)。请删除多余的内容后再导入。' },
  });
  expect(JSON.parse(d.text)).toMatchObject({ ok: true });
  expect(d.ms).toBeLessThan(1000);
  // Without the stray cell the same sheet previews.
  sheet.getCell('XFD1048576').value = null;
  const clean = Buffer.from(await book.xlsx.writeBuffer());
  const ok = await send('POST', '/api/catalog.importPreview', JSON.stringify({ fileName: '物资.xlsx', data: clean.toString('base64') }), own);
  expect(JSON.parse(ok.text)).toMatchObject({ ok: true, data: { rows: [{ row: 2, values: expect.objectContaining({ name: '口罩' }) }] } });
});

function form(): { book: ExcelJS.Workbook; sheet: ExcelJS.Worksheet } {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('日报');
  sheet.getCell('A1').value = '{{填报单位}}应急物资日报';
  sheet.getCell('A3').value = '{{#表 收发存}}{{行.物资名称}}';
  sheet.getCell('B3').value = '{{行.本期结存}}';
  return { book, sheet };
}

test('a 1.7 MB "form" of 150,000 rows, or one reaching column XFD, is refused as a template naming its extent, and a post meanwhile answers within a second', async () => {
  const { book, sheet } = form();
  for (let r = 10; r < 150_010; r++) sheet.getRow(r).values = [1, 2, 3];
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  expect(bytes.length).toBeLessThan(10_000_000);
  const own = { cookie, origin: `http://127.0.0.1:${port}` };
  const upload = (b: Buffer) => send('POST', '/api/templates.create', JSON.stringify({ name: '区日报', fileName: '区日报.xlsx', data: b.toString('base64') }), own);
  const [c, d] = await withAPost(() => upload(bytes), own);
  expect(JSON.parse(c.text)).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '“区日报.xlsx”工作表“日报”用到第 150009 行,超出模板的范围(最多 5000 行、200 列)。请删除多余的行后再上传。' },
  });
  expect(JSON.parse(d.text)).toMatchObject({ ok: true });
  expect(d.ms).toBeLessThan(1000);
  // One styled cell far to the right would have every filled row copy 16,384 cells.
  const wide = form();
  wide.sheet.getCell('XFD1').border = { bottom: { style: 'thin' } };
  expect(JSON.parse((await upload(Buffer.from(await wide.book.xlsx.writeBuffer()))).text)).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '“区日报.xlsx”工作表“日报”用到 XFD 列,超出模板的范围(最多 5000 行、200 列)。请删除多余的列后再上传。' },
  });
  expect(JSON.parse((await upload(Buffer.from(await form().book.xlsx.writeBuffer()))).text)).toMatchObject({ ok: true, data: { id: 1, name: '区日报' } });
});
