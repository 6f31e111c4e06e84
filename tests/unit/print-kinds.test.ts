import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger | undefined;
afterEach(() => t?.close());

const textOf = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const partOf = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => textOf(m[1])).join(' | ');

/** Loans, returns, transfers and losses print for signature like slips, each with its own head and signers. */
test('every document that hands goods over prints with its own title, parties and signatures', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T08:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }, { itemId: s.speaker.id, quantity: 3 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T08:10:00+08:00', lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const docs = {
    loan: t.ok('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, expectedReturn: '2026-12-05', time: '2026-11-28T08:20:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 2 }] }),
    loanReturn: t.ok('docs.post', { type: 'loan_return', checkpointId: s.gate.id, personId: s.bob.id, time: '2026-11-28T08:30:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 1 }] }),
    ret: t.ok('docs.post', { type: 'return', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T08:40:00+08:00', lines: [{ itemId: s.mask.id, quantity: 20 }] }),
    transfer: t.ok('docs.post', { type: 'transfer_out', counterparty: '青禾镇人民政府', note: '支援', time: '2026-11-28T08:50:00+08:00', lines: [{ itemId: s.mask.id, quantity: 300 }] }),
    loss: t.ok('docs.post', { type: 'loss', time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 5, reason: '破损:运输挤压' }] }),
  };
  const page = (id: number) => t!.ok('print.slip', { documentId: id, paper: 'a5', preview: true }).html;
  const expected = {
    loan: { h1: '青禾街道办事处物资借用单', meta: '借用点位:北门卡口 借用人:周建国 联系电话:13800000002 预计归还:2026-12-05', signs: ['借出人', '借用人签字', '审核人'] },
    loanReturn: { h1: '青禾街道办事处物资归还单', meta: '归还点位:北门卡口 归还人:周建国 联系电话:13800000002', signs: ['接收人', '归还人签字', '审核人'] },
    ret: { h1: '青禾街道办事处物资退库单', meta: '退库点位:东湖小区核酸采样点 退库人:林晓雯 联系电话:13800000001', signs: ['接收人', '退库人签字', '审核人'] },
    transfer: { h1: '青禾街道办事处物资调拨单', meta: '接收单位:青禾镇人民政府 备注:支援', signs: ['调出经办人', '接收单位签字', '审核人'] },
    loss: { h1: '青禾街道办事处物资报损单', meta: '报损库房:办事处库房 备注:', signs: ['经办人', '保管员', '负责人审批'] },
  };
  const office = t.ok('settings.get').officeName;
  for (const [key, doc] of Object.entries(docs)) {
    const want = expected[key as keyof typeof expected];
    const html = page(doc.id);
    expect(partOf(html, 'h1')).toBe(want.h1.replace('青禾街道办事处', office));
    const meta = [...html.matchAll(/<div class="meta">([\s\S]*?)<\/div>/g)].map((m) => textOf(m[1]));
    expect(meta[1]).toBe(want.meta);
    const footer = partOf(html, 'footer');
    for (const word of want.signs) expect(footer).toContain(word);
  }
  expect(partOf(page(docs.loss.id), 'tbody')).toContain('原因:破损:运输挤压');
});

test('a receipt is not a slip to sign for', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  const receipt = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  expect(t.call('print.slip', { documentId: receipt.id, preview: true })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: `${receipt.number} 不是发放单、借用单、归还单、退库单、调拨单、报损单或盘点单,不能打印。` },
  });
});

test('a stocktake prints as a 盘点报告: book, count and difference per line, the tally, and three signatures', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T08:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 750 }, { itemId: s.rice.id, quantity: 20 }, { itemId: s.speaker.id, quantity: 3 }] });
  const count = t.ok('docs.post', { type: 'stocktake', lines: [
    { itemId: s.mask.id, counted: 745, reason: '包装破损' }, { itemId: s.rice.id, counted: 20.5, reason: '称重误差' }, { itemId: s.speaker.id, counted: 3 },
  ] });
  const html = t.ok('print.slip', { documentId: count.id, paper: 'a4', preview: true }).html;
  expect(partOf(html, 'h1')).toBe(`${t.ok('settings.get').officeName}物资盘点报告`);
  const body = partOf(html, 'tbody');
  for (const text of ['医用外科口罩', '盘亏 -5', '账面 750 · 实盘 745;包装破损', '大米', '盘盈 +0.5', '账面 20 · 实盘 20.5;称重误差', '手持扩音器', '相符', '账面 3 · 实盘 3',
    '共盘点 3 项:盘盈 1 项,盘亏 1 项,账实相符 1 项']) expect(body).toContain(text);
  const footer = partOf(html, 'footer');
  for (const word of ['盘点人', '监盘人', '负责人']) expect(footer).toContain(word);
});
