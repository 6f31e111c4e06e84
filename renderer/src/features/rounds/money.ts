/* Money on the rounds screens is integer fen; yuan are only read from and written as text, never through a float. */

/** "100", "100.5", "100.50", "¥100.50" → 10050 fen; null when it is not an amount of at most two decimals. */
export function parseYuan(typed: string): number | null {
  const m = /^(?:¥|￥)?\s*(\d{1,10})(?:\.(\d{0,2}))?$/.exec(typed.trim());
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 10050 → "100.50": the text a price box shows for an amount. */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 10050 → "¥100.50". */
export const money = (fen: number) => (fen < 0 ? `-¥${yuanText(-fen)}` : `¥${yuanText(fen)}`);
