/**
 * An item's units: its base unit and any number of pack units (盒 = 50 只, 箱 = 40 盒), as 管家婆
 * 辅助单位 and 金蝶 多计量单位 keep them. Pure and free of imports, so the server and the renderer
 * parse a quantity box ("3箱", "2盒10只", "1.5公斤") the same way. Integer arithmetic only: a
 * factor is the number of scaled base units (base × 10^decimals) in one of the pack unit.
 */

export interface PackUnit {
  unit: string;
  /** Scaled base units in one of this unit: 1 盒 = 50 只 at 0 decimals → 50; 1 袋 = 0.5 公斤 at 3 → 500. */
  factor: number;
}

export interface ItemUnits {
  /** The base unit (计量单位). */
  unit: string;
  decimals: number;
  /** Pack units, smallest first. */
  packs: readonly PackUnit[];
}

export type Parsed = { ok: true; scaled: number; entered: string } | { ok: false; error: string };

const LIMIT = 1_000_000_000_000;
const NUMBER = /^(\d{1,12})(?:\.(\d{1,6}))?$/;
/** A unit name holds no digits, no point and none of the list's separators. */
export const UNIT_NAME = /^[^\d.=＝;；,，\s]{1,8}$/;

/** "12.5" → [125, 1]: an integer and its number of decimal places, or null. */
function decimal(text: string): [number, number] | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return [Number(m[1]) * 10 ** frac.length + Number(frac || 0), frac.length];
}

/** A scaled quantity as a decimal: 12500 at 3 decimals → "12.5". */
export function decimalText(scaled: number, decimals: number): string {
  const abs = Math.abs(scaled);
  const unit = 10 ** decimals;
  const frac = decimals ? String(abs % unit).padStart(decimals, '0').replace(/0+$/, '') : '';
  return `${scaled < 0 ? '-' : ''}${Math.floor(abs / unit)}${frac ? `.${frac}` : ''}`;
}

/** The units a clerk may use: "只、盒(=50只)、箱(=2000只)". */
export function unitsHint(item: ItemUnits): string {
  return [item.unit, ...item.packs.map((p) => `${p.unit}(=${decimalText(p.factor, item.decimals)}${item.unit})`)].join('、');
}

const precision = (d: number) => (d === 0 ? '数量须为整数' : `数量最多 ${d} 位小数`);

/**
 * What a quantity box holds, in base units: "100", "100只", "3箱", "2盒10只", "1.5公斤", "0.5箱".
 * `entered` is the text as typed (without spaces) when it names a pack unit, '' when it is a plain
 * base quantity, so a slip shows "2盒 = 100 只" only where the clerk counted in packs.
 */
export function parseAmount(raw: string, item: ItemUnits, allowZero = false): Parsed {
  // Full-width digits and point (３箱, １．５公斤), as a Chinese input method may give them, read as ASCII.
  const text = raw.replace(/\s+/g, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!text) return { ok: false, error: '请填写数量' };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(\D*)/g)];
  if (parts.map((p) => p[0]).join('') !== text) return { ok: false, error: `无法识别“${raw.trim()}”,请写作 100、3${item.packs[0]?.unit ?? item.unit} 或 ${item.packs.length ? `2${item.packs[0].unit}10${item.unit}` : `100${item.unit}`}` };
  let total = 0;
  let packs = false;
  for (const [, number, name] of parts) {
    const pack = name ? item.packs.find((p) => p.unit === name) : undefined;
    if (name && name !== item.unit && !pack) return { ok: false, error: `“${name}”不是该物资的单位,可用:${unitsHint(item)}` };
    const d = decimal(number);
    if (!d) return { ok: false, error: '数量过大' };
    const [n, places] = d;
    const per = pack ? pack.factor : 10 ** item.decimals;
    if (!pack && places > item.decimals) return { ok: false, error: precision(item.decimals) };
    const product = n * per;
    if (!Number.isSafeInteger(product)) return { ok: false, error: '数量过大' };
    if (product % 10 ** places !== 0) return { ok: false, error: `${number}${name} 折算为${item.unit}后${item.decimals === 0 ? '不是整数' : `超过 ${item.decimals} 位小数`}` };
    total += product / 10 ** places;
    packs ||= !!pack;
  }
  if (total > LIMIT) return { ok: false, error: '数量过大' };
  if (total <= 0 && !(allowZero && total === 0)) return { ok: false, error: '数量须大于 0' };
  return { ok: true, scaled: total, entered: packs ? text : '' };
}

/** A base quantity in the largest units: "3箱 12盒 5只"; "0只" for nothing. */
export function formatInUnits(scaled: number, item: ItemUnits): string {
  let rest = Math.abs(scaled);
  const parts: string[] = [];
  // A pack smaller than the base unit (袋 = 0.5 公斤) is a way to count, not a larger unit to show.
  for (const p of [...item.packs].reverse().filter((q) => q.factor > 10 ** item.decimals)) {
    const n = Math.floor(rest / p.factor);
    if (n > 0) parts.push(`${n}${p.unit}`);
    rest -= n * p.factor;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${decimalText(rest, item.decimals)}${item.unit}`);
  return `${scaled < 0 ? '-' : ''}${parts.join(' ')}`;
}

/** The base quantity as shown beside what was typed: "100 只". */
export const baseText = (scaled: number, item: Pick<ItemUnits, 'unit' | 'decimals'>) => `${decimalText(scaled, item.decimals)} ${item.unit}`;

/** What a line shows: "2盒 = 100 只" when it was entered in packs, else "100 只". */
export function enteredText(entered: string, scaled: number, item: Pick<ItemUnits, 'unit' | 'decimals'>): string {
  return entered ? `${entered} = ${baseText(scaled, item)}` : baseText(scaled, item);
}

/** One unit's chain down to the base: "箱 = 40 盒 = 2000 只" (the step to the next smaller unit where it is whole). */
export function chainText(item: ItemUnits, index: number): string {
  const p = item.packs[index];
  const below = index > 0 ? item.packs[index - 1] : null;
  const base = `${decimalText(p.factor, item.decimals)} ${item.unit}`;
  return below && p.factor % below.factor === 0 ? `${p.unit} = ${p.factor / below.factor} ${below.unit} = ${base}` : `${p.unit} = ${base}`;
}

/** Checks a list of pack units (factors already scaled) and returns it smallest first, or the reason it cannot stand. */
export function checkPacks(item: ItemUnits): { ok: true; packs: PackUnit[] } | { ok: false; error: string } {
  const seen = new Set([item.unit]);
  for (const p of item.packs) {
    if (!UNIT_NAME.test(p.unit)) return { ok: false, error: `单位“${p.unit}”须为 1 到 8 个字,且不含数字、小数点、空格和 = ; 等符号。` };
    if (seen.has(p.unit)) return { ok: false, error: `单位“${p.unit}”重复了。` };
    seen.add(p.unit);
    if (!Number.isSafeInteger(p.factor) || p.factor <= 0 || p.factor > LIMIT) return { ok: false, error: `1${p.unit} 的换算数量须大于 0。` };
    if (p.factor === 10 ** item.decimals) return { ok: false, error: `1${p.unit} 等于 1${item.unit},不必另设单位。` };
  }
  const packs = [...item.packs].sort((a, b) => a.factor - b.factor);
  for (let i = 1; i < packs.length; i++) {
    if (packs[i].factor === packs[i - 1].factor) return { ok: false, error: `${packs[i - 1].unit} 和 ${packs[i].unit} 的换算相同。` };
  }
  return { ok: true, packs };
}

/** The units as one text, each relative to the next smaller unit where it is whole: "盒=50只;箱=40盒". */
export function unitListText(item: ItemUnits): string {
  return item.packs
    .map((p, i) => {
      const below = i > 0 ? item.packs[i - 1] : null;
      return below && p.factor % below.factor === 0 ? `${p.unit}=${p.factor / below.factor}${below.unit}` : `${p.unit}=${decimalText(p.factor, item.decimals)}${item.unit}`;
    })
    .join(';');
}

/** One entry of a unit list as written, before scaling: 箱 = 40 of 盒. */
export interface UnitSpec {
  unit: string;
  /** A decimal, of `of` (the base unit when empty). */
  count: string;
  of: string;
}

/** "盒=50只;箱=40盒" (also "1盒=50只", "箱=20", full-width ＝ and ；) as specs, or null when it is not such a list. */
export function readUnitList(text: string): UnitSpec[] | null {
  const s = text.replace(/\s+/g, '');
  if (!s) return [];
  const specs: UnitSpec[] = [];
  for (const part of s.split(/[;；,，]/).filter(Boolean)) {
    const m = /^1?([^\d.=＝]+)[=＝](\d+(?:\.\d+)?)([^\d.=＝]*)$/.exec(part);
    if (!m) return null;
    specs.push({ unit: m[1], count: m[2], of: m[3] });
  }
  return specs;
}

/** Scales specs into pack units: each `of` names the base unit or a unit given before it. */
export function scaleUnitList(specs: UnitSpec[], base: string, decimals: number): { ok: true; packs: PackUnit[] } | { ok: false; error: string } {
  const packs: PackUnit[] = [];
  for (const s of specs) {
    const of = !s.of || s.of === base ? 10 ** decimals : packs.find((p) => p.unit === s.of)?.factor;
    if (of === undefined) return { ok: false, error: `“${s.unit}=${s.count}${s.of}”中的“${s.of}”不是${base}或前面列出的单位。` };
    const d = decimal(s.count);
    if (!d) return { ok: false, error: `“${s.count}”不是有效的换算数量。` };
    const product = d[0] * of;
    if (!Number.isSafeInteger(product) || product % 10 ** d[1] !== 0) return { ok: false, error: `1${s.unit} = ${s.count}${s.of || base} 超出 ${base} 的精度。` };
    packs.push({ unit: s.unit, factor: product / 10 ** d[1] });
  }
  return checkPacks({ unit: base, decimals, packs });
}
