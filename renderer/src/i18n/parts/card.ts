/** Strings of one part of the app, Simplified Chinese first and English after; zh-CN.ts and en.ts merge every part. */
export const zh = {
  'card.export': '导出 Excel',
  'card.print': '打印台账',
  'card.printing': '正在打开打印…',
  'card.countSheet': '打印盘点表',
  'card.countTitle': '打印空白盘点表',
  'card.countHint': '按类别列出全部在用物资,批次管理的物资逐批列出;实盘数量留空,盘点时手工填写,每页由盘点人、监盘人签字。',
  'card.withBook': '列出账面数量',
  'card.blind': '盲盘(不列账面数量)',
  'card.allCategories': '全部类别',
  'card.preview': '预览',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'card.export': 'Export to Excel',
  'card.print': 'Print stock card',
  'card.printing': 'Opening the print…',
  'card.countSheet': 'Print count sheet',
  'card.countTitle': 'Print a blank count sheet',
  'card.countHint': 'Every active item by category, each batch of batch-tracked goods on its own row; the counted quantity is left blank to be written in, and every page is signed by the counter and the supervisor.',
  'card.withBook': 'Show book quantities',
  'card.blind': 'Blind count (no book quantities)',
  'card.allCategories': 'All categories',
  'card.preview': 'Preview',
};
