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
 * office day: "第 2 行 核酸检测试剂 批号 R1 有效期 2026-11-30:已过期 2 天".
 */
export function expiryWarnings(lines: DatedLine[], today: string, nearDays: number): string[] {
  const used = lines.filter((l) => l.item || l.qty);
  return used.flatMap((l, i) => {
    if (!l.item || !l.expiryDate || !/^\d{4}-\d{2}-\d{2}$/.test(l.expiryDate)) return [];
    const left = dayNumber(l.expiryDate) - dayNumber(today);
    if (left > nearDays) return [];
    const head = `第 ${i + 1} 行 ${l.item.name}${l.batchNo ? ` 批号 ${l.batchNo}` : ''} 有效期 ${l.expiryDate}:`;
    return [head + (left < 0 ? `已过期 ${-left} 天` : left === 0 ? '今天到期' : `${left} 天后到期(临近效期 ${nearDays} 天内)`)];
  });
}
