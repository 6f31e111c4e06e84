import { readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { printConfirmed } from '../../db/print/desktop-print';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';
import { serveTestLedger } from '../helpers/server';

let t: TestLedger;
let s: ReturnType<typeof seedBasics>;
let slip: { id: number; number: string };

beforeEach(() => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }, { itemId: s.rice.id, quantity: 50 }] });
  slip = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T09:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.mask.id, quantity: 7 }, { itemId: s.rice.id, quantity: 2.5 }] });
});
afterEach(() => t.close());

const printed = () => t.ledger.db.prepare('SELECT print_no FROM print_log WHERE document_id = ? ORDER BY print_no').pluck().all(slip.id);
/** The text a reader sees in one part of the page (tags dropped, white space squeezed). */
const textOf = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const partOf = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => textOf(m[1])).join(' | ');

test('quantities are printed with the base unit, in packs where the item has them', () => {
  const { html } = t.ok('print.slip', { documentId: slip.id, paper: 'a5', preview: true });
  const body = partOf(html, 'tbody');
  expect(body).toContain('2盒(100只)');
  expect(body).toContain('7只');
  expect(body).toContain('2.5公斤');
});

test('signatures have lines and a date blank, and the page number sits in the footer', () => {
  const { html } = t.ok('print.slip', { documentId: slip.id, paper: 'a5', preview: true });
  const footer = partOf(html, 'footer');
  for (const word of ['发放人', '领取人签字', '审核人', '第 1 页 / 共 1 页']) expect(footer).toContain(word);
  expect(footer.match(/日期/g)?.length).toBe(3);
  expect(html).toMatch(/class="line"/);
  expect(partOf(html, 'header')).not.toContain('第 1 页');
});

test('printing a day leaves voided slips out', () => {
  const second = t.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, time: '2026-11-28T09:40:00+08:00', lines: [{ itemId: s.mask.id, quantity: 5 }] });
  t.ok('docs.void', { documentId: slip.id, reason: '点位填错' });
  const day = t.ok('print.slips', { date: '2026-11-28', paper: 'a4', preview: true });
  expect(day.count).toBe(1);
  expect(day.html).toContain(second.number);
  expect(day.html).not.toContain(slip.number);
  expect(day.html).not.toContain('作废');
});

test('the desktop print is recorded only when the print call says it printed', async () => {
  const pages: string[] = [];
  const printer = (outcome: boolean) => async (page: { html: string }) => (pages.push(page.html), { printed: outcome });
  const ctx = { ledger: t.ledger, userId: t.userId };
  expect(await printConfirmed(ctx, { documentId: slip.id, paper: 'a5' }, printer(false))).toMatchObject({ ok: true, data: { printed: false } });
  expect(printed()).toEqual([]);
  expect(await printConfirmed(ctx, { documentId: slip.id, paper: 'a5' }, printer(true))).toMatchObject({ ok: true, data: { printed: true } });
  expect(printed()).toEqual([1]);
  await printConfirmed(ctx, { documentId: slip.id, paper: 'a5' }, printer(true));
  expect(printed()).toEqual([1, 2]);
  expect(pages.map((p) => p.includes('补打'))).toEqual([false, false, true]);
  expect(pages[2]).toContain('补打(第 2 次打印)');
});

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test("the README's print address works with the slip number a clerk sees; opening it records nothing, its 打印 does", async () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const example = /`(\/print\/slip\/[^`]+)`/.exec(readme)![1];
  expect(example).toContain(slip.number);
  t.ok('users.create', { username: 'boss', displayName: '负责人', role: 'admin', password: 'boss-pass-1' });
  const { server, port }: { server: Server; port: number } = await serveTestLedger(t);
  try {
    const cookie = (await send(port, 'POST', '/api/auth.login', {}, JSON.stringify({ username: 'boss', password: 'boss-pass-1' }))).cookie!;
    const page = () => send(port, 'GET', example, { cookie, 'sec-fetch-site': 'same-origin' });
    const first = await page();
    expect(first.status).toBe(200);
    expect(first.text).toContain(slip.number);
    expect(first.text).toContain('data-print="slip"');
    expect(first.text).not.toContain('补打(第');
    expect(printed()).toEqual([]);
    // The page's 打印 button records by POST, as the app's own does.
    expect((await send(port, 'POST', '/api/print.slip', { cookie, origin: `http://127.0.0.1:${port}` }, JSON.stringify({ number: slip.number, paper: 'a5' }))).status).toBe(200);
    expect(printed()).toEqual([1]);
    expect((await page()).text).toContain('补打(第 2 次打印)');
    expect(printed()).toEqual([1]);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
