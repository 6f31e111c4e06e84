import { fail } from './errors';
import { decimalText } from './units';

/** Largest scaled quantity we accept: far above any warehouse, far below 2^53. */
export const MAX_SCALED = 1_000_000_000_000;

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,12}))?$/;

/**
 * Parses a quantity written in the item's base unit ("12", "12.5", 12.5) into an integer scaled
 * by 10^decimals. Never goes through floating-point arithmetic.
 */
export function parseQuantity(value: string | number, decimals: number, label: string): number {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) fail('INVALID_INPUT', `${label}的数量“${String(value)}”不是有效的数字。`);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) {
    fail('INVALID_INPUT', decimals === 0 ? `${label}的数量必须是整数。` : `${label}的数量最多保留 ${decimals} 位小数。`);
  }
  const scaled = Number(m[1]) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(scaled) || scaled > MAX_SCALED) fail('INVALID_INPUT', `${label}的数量过大。`);
  return scaled;
}

/** Same as parseQuantity but the quantity must be greater than zero. */
export function parsePositiveQuantity(value: string | number, decimals: number, label: string): number {
  const scaled = parseQuantity(value, decimals, label);
  if (scaled <= 0) fail('INVALID_INPUT', `${label}的数量必须大于 0。`);
  return scaled;
}

function numberText(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  // Shortest round-trip form; exponent forms (1e21, 1e-7) are refused by the pattern.
  return String(n);
}

/** Decimal string of a scaled quantity: 12500 with 3 decimals → "12.5" (the one formatter, shared with the screens: units.ts). */
export const formatQuantity = decimalText;

/** A scaled quantity as a plain number for the UI edge (exact for every value we accept). */
export function toDisplayNumber(scaled: number, decimals: number): number {
  return Number(formatQuantity(scaled, decimals));
}

/** Amount in fen of a scaled quantity at a price in fen per base unit, rounded half up. */
export function amountFen(scaled: number, decimals: number, unitPriceFen: number): number {
  const unit = 10 ** decimals;
  const product = scaled * unitPriceFen;
  if (Number.isSafeInteger(product)) return Math.sign(product) * Math.floor((Math.abs(product) + unit / 2) / unit);
  return Number((BigInt(scaled) * BigInt(unitPriceFen) + BigInt(unit / 2)) / BigInt(unit));
}
