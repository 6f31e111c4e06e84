/**
 * Words the ledger stores in Chinese: here the Chinese is the stored value itself (a 点位's type, the
 * kind at the head of a loss reason), so it never changes; the English is only how a screen shows it.
 */
export const zh = {
  // db/reference/places.ts CHECKPOINT_TYPES, in its order.
  'place.sampling': '核酸采样点',
  'place.monitoring': '监测点',
  'place.gate': '卡口',
  'place.quarantine': '隔离点',
  'place.community': '社区',
  'place.estate': '小区',
  'place.elderCare': '养老机构',
  'place.other': '其他',
  // A loss line's reason starts with its kind: "破损:运输挤压".
  'loss.expired': '过期',
  'loss.damaged': '破损',
  'loss.mouldy': '霉变',
  'loss.other': '其他',
  // The source an import books opening stock from (db/import/commit.ts OPENING_SOURCE).
  'source.opening': '期初建账',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'place.sampling': 'Testing site',
  'place.monitoring': 'Monitoring point',
  'place.gate': 'Checkpoint gate',
  'place.quarantine': 'Quarantine site',
  'place.community': 'Community',
  'place.estate': 'Residential estate',
  'place.elderCare': 'Elderly care home',
  'place.other': 'Other',
  'loss.expired': 'Expired',
  'loss.damaged': 'Damaged',
  'loss.mouldy': 'Mouldy',
  'loss.other': 'Other',
  'source.opening': 'Opening stock',
};
