import { chinese, type Translate } from '../../i18n/translate';

/** What the check reads of a receipt line (DocLines' Line). */
export interface DatedLine {
  item?: { name: string };
  qty: string;
  batchNo?: string;
  expiryDate?: string;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Lines whose batch has already expired, or expires within the near-expiry setting, as of the
 * office day: "第 2 行 核酸检测试剂 批号 R1 有效期 2026-11-30:已过期 2 天" (Chinese without `t`).
 */
export function expiryWarnings(lines: DatedLine[], today: string, nearDays: number, t: Translate = chinese): string[] {
  const used = lines.filter((l) => l.item || l.qty);
  return used.flatMap((l, i) => {
    if (!l.item || !l.expiryDate || !/^\d{4}-\d{2}-\d{2}$/.test(l.expiryDate)) return [];
    const left = dayNumber(l.expiryDate) - dayNumber(today);
    if (left > nearDays) return [];
    const state = left < 0 ? t('expiry.expired', { n: -left }) : left === 0 ? t('expiry.today') : t('expiry.soon', { n: left, near: nearDays });
    const batch = l.batchNo ? t('lines.batchOf', { batch: l.batchNo }) : '';
    return [t('expiry.line', { n: i + 1, item: l.item.name, batch, expiry: l.expiryDate, state })];
  });
}
