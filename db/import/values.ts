import type { CellValue } from '../../excel/read-table';
import { decimalText, readUnitList, scaleUnitList } from '../units';

/** Cell → text, or '' for empty. Control characters are kept: the item checks refuse them, as items.create does. */
export function text(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return isoDay(v);
  return String(v).trim();
}

/** 是/否 as offices write it, `undefined` for an empty cell, 'invalid' for anything else. */
export function parseYesNo(v: CellValue, yes: string[], no: string[]): boolean | undefined | 'invalid' {
  const s = text(v).toLowerCase();
  if (!s) return undefined;
  if (yes.includes(s)) return true;
  if (no.includes(s)) return false;
  return 'invalid';
}

/**
 * The export's 包装 cell, "盒=50只;箱=40盒" (older files: "1箱=20盒", "箱=20"), as pack units with
 * their factors in base units as exact decimals ("2000", "0.5"); each names the base unit or a unit before it.
 */
export function parsePack(v: CellValue, base: string): { unit: string; factor: string }[] | null | 'invalid' {
  const specs = readUnitList(text(v));
  if (specs === null) return 'invalid';
  if (!specs.length) return null;
  // Scaled at the most decimals an item may have: the factors keep every digit the cell gave.
  const scaled = scaleUnitList(specs, base, 3);
  return scaled.ok ? scaled.packs.map((p) => ({ unit: p.unit, factor: decimalText(p.factor, 3) })) : 'invalid';
}

function isoDay(d: Date): string {
  // exceljs gives date cells as UTC midnight of the calendar day shown.
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function validDay(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1990 || y > 2100) return null;
  return isoDay(t);
}

/** A date as offices write it: a date cell, 2027-06-30, 2027/6/30, 2027.6.30, 2027年6月30日, 20270630, or an Excel serial. */
export function parseDay(v: CellValue): string | null | 'invalid' {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : isoDay(v);
  if (typeof v === 'number') {
    if (v > 20000 && v < 80000 && Number.isInteger(v)) return isoDay(new Date(Date.UTC(1899, 11, 30) + v * 86400000));
    return parseDay(String(v));
  }
  const s = v.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return 'invalid';
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ?? 'invalid';
}

/**
 * A non-negative decimal with at most `maxDecimals` places as an exact string ("12.5"), or null
 * when it is not one. Excel numbers like 12.499999999999998 are read as the figure shown.
 */
export function parseDecimal(v: CellValue, maxDecimals: number): string | null {
  if (v === null) return null;
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    const rounded = Number(v.toFixed(maxDecimals));
    if (Math.abs(rounded - v) > 1e-9 * Math.max(1, Math.abs(v))) return null;
    s = rounded.toFixed(maxDecimals);
  } else if (v instanceof Date) return null;
  else s = v.trim().replace(/,/g, '');
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > maxDecimals) return null;
  return frac ? `${Number(m[1])}.${frac}` : String(Number(m[1]));
}

export function decimalsOf(decimal: string): number {
  const i = decimal.indexOf('.');
  return i < 0 ? 0 : decimal.length - i - 1;
}
