/**
 * What the clerk types in a quantity box: "60", "12.5" or "3箱" (pack units). Returns the quantity
 * in the item's base unit as an exact decimal string, or a Chinese error. Integer arithmetic only.
 */
export interface EntryItem {
  unit: string;
  decimals: number;
  packUnit: string | null;
  packFactor: number | null;
}

const NUMBER = /^(\d{1,12})(?:\.(\d{1,3}))?$/;

function scaled(text: string, decimals: number): number | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) return null;
  return Number(m[1]) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || 0);
}

function format(value: number, decimals: number): string {
  const unit = 10 ** decimals;
  const whole = Math.floor(value / unit);
  const frac = decimals ? String(value % unit).padStart(decimals, '0').replace(/0+$/, '') : '';
  return frac ? `${whole}.${frac}` : String(whole);
}

export function parseEntry(raw: string, item: EntryItem, allowZero = false): { ok: true; base: string; scaled: number } | { ok: false; error: string } {
  const text = raw.trim().replace(/\s+/g, '');
  if (!text) return { ok: false, error: '请填写数量' };
  let number = text;
  let packs = false;
  if (item.packUnit && text.endsWith(item.packUnit)) {
    number = text.slice(0, -item.packUnit.length);
    packs = true;
  } else if (text.endsWith(item.unit)) {
    number = text.slice(0, -item.unit.length);
  }
  if (!packs) {
    const v = scaled(number, item.decimals);
    if (v === null) {
      return { ok: false, error: item.decimals ? `数量最多 ${item.decimals} 位小数` : '数量须为整数' };
    }
    if (v <= 0 && !allowZero) return { ok: false, error: '数量须大于 0' };
    return { ok: true, base: format(v, item.decimals), scaled: v };
  }
  const count = scaled(number, 3);
  const factor = scaled(String(item.packFactor ?? 0), item.decimals);
  if (count === null || !factor) return { ok: false, error: `无法识别“${raw}”` };
  const product = count * factor;
  if (product % 1000 !== 0) return { ok: false, error: `${raw} 折算后超出 ${item.unit} 的精度` };
  const v = product / 1000;
  if (v <= 0) return { ok: false, error: '数量须大于 0' };
  return { ok: true, base: format(v, item.decimals), scaled: v };
}
