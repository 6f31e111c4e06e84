import type { DocSummary, getDocument } from '../queries/documents';

type DocLine = ReturnType<typeof getDocument>['lines'][number];

/**
 * What each printable document says at its head and who signs it: a slip is signed by the one who
 * hands goods over and the one who takes them, and reviewed by a leader.
 */
export interface PrintedKind {
  /** Appended to the office name; undefined: the office's own slip title (…物资发放单). */
  title?: string;
  parties(doc: DocSummary): { label: string; value: string }[];
  /** The first signature is the operator's (printed), the others are blanks. */
  signs: [string, string, string];
  /** A line's 数量 and 备注 when they are not the moved quantity (a count: 账面, 实盘, 差异). */
  line?(l: DocLine): { quantity: string; note: string };
  /** The 合计 cell when it is not a sum of quantities. */
  total?(lines: DocLine[]): string;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const person = (label: string, doc: DocSummary) => [
  { label, value: doc.personName ?? '' },
  { label: '联系电话', value: doc.personPhone ?? '' },
];

export const PRINTED_KINDS: Partial<Record<DocSummary['type'], PrintedKind>> = {
  issue: {
    parties: (d) => [{ label: '领用点位', value: d.checkpointName ?? '' }, ...person('领取人', d)],
    signs: ['发放人', '领取人签字', '审核人'],
  },
  loan: {
    title: '物资借用单',
    parties: (d) => [
      { label: '借用点位', value: d.checkpointName ?? '' }, ...person('借用人', d),
      { label: '预计归还', value: d.expectedReturn || '未约定' },
    ],
    signs: ['借出人', '借用人签字', '审核人'],
  },
  loan_return: {
    title: '物资归还单',
    parties: (d) => [{ label: '归还点位', value: d.checkpointName ?? '' }, ...person('归还人', d)],
    signs: ['接收人', '归还人签字', '审核人'],
  },
  return: {
    title: '物资退库单',
    parties: (d) => [{ label: '退库点位', value: d.checkpointName ?? '' }, ...person('退库人', d)],
    signs: ['接收人', '退库人签字', '审核人'],
  },
  transfer_out: {
    title: '物资调拨单',
    parties: (d) => [{ label: '接收单位', value: d.counterparty }, { label: '备注', value: d.note }],
    signs: ['调出经办人', '接收单位签字', '审核人'],
  },
  move: {
    title: '物资移库单',
    parties: (d) => [{ label: '调出库房', value: d.storeName }, { label: '调入库房', value: d.toStoreName ?? '' }, { label: '备注', value: d.note }],
    signs: ['调出保管员', '调入保管员签字', '审核人'],
  },
  stocktake: {
    title: '物资盘点报告',
    parties: (d) => [{ label: '盘点库房', value: d.storeName }, { label: '备注', value: d.note }],
    signs: ['盘点人', '监盘人', '负责人'],
    line: (l) => {
      const diff = l.quantity;
      return {
        quantity: diff > 0 ? `盘盈 ${signed(diff)}` : diff < 0 ? `盘亏 ${signed(diff)}` : '相符',
        note: [`账面 ${l.bookQuantity ?? 0} · 实盘 ${l.countedQuantity ?? 0}`, l.reason].filter(Boolean).join(';'),
      };
    },
    total: (lines) => {
      const gains = lines.filter((l) => l.quantity > 0).length;
      const losses = lines.filter((l) => l.quantity < 0).length;
      return `共盘点 ${lines.length} 项:盘盈 ${gains} 项,盘亏 ${losses} 项,账实相符 ${lines.length - gains - losses} 项`;
    },
  },
  loss: {
    title: '物资报损单',
    parties: (d) => [{ label: '报损库房', value: d.storeName }, { label: '备注', value: d.note }],
    signs: ['经办人', '保管员', '负责人审批'],
  },
};

/** "发放单或借用单" in a refusal: the printable kinds by their titles. */
export const PRINTABLE_TEXT = '发放单、借用单、归还单、退库单、调拨单、报损单或盘点单';
