import { formatQuantity } from '../quantity';
import { enteredText, formatInUnits, type ItemUnits } from '../units';

/**
 * How slip cells fit their text. A cell never cuts: text that does not fit on one line is set a
 * font step smaller and wraps; a row whose text needs more height than one ruled row takes several,
 * and the pages are laid out by those rows, so a sheet never overflows its paper.
 */

/** The font step for text that does not fit on one line. */
export const SMALL_STEP = 0.85;
/** Line height in em, as the print CSS sets it. */
export const LINE_EM = 1.2;
const PT_MM = 25.4 / 72;
/** Vertical padding of a cell, mm (top plus bottom, as the print CSS sets it). */
export const CELL_PAD_MM = 0.6;
/** Horizontal padding of a cell, mm per side, as the print CSS sets it. */
export const CELL_SIDE_MM = 1;

/** Advance width in em, on the generous side for the fonts we name (SimSun, Noto CJK): a wrong guess must err towards more lines. */
function advance(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c === 0x20) return 0.3;
  if (c < 0x7f) return /[MWmw@%]/.test(ch) ? 0.9 : 0.62;
  return 1;
}

/** Lines the text takes in a cell `widthEm` wide, breaking as a browser with `overflow-wrap: anywhere` may at worst. */
export function linesNeeded(text: string, widthEm: number): number {
  if (!text) return 1;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    // Break chances: spaces and around wide characters; a word too long for a line breaks anywhere.
    const tokens = paragraph.match(/[\u2e80-\u{10ffff}]| +|[^ \u2e80-\u{10ffff}]+/gu) ?? [''];
    let used = 0;
    lines++;
    for (const token of tokens) {
      const w = [...token].reduce((sum, ch) => sum + advance(ch), 0);
      if (token.startsWith(' ')) { used += w; continue; }
      if (used + w <= widthEm) { used += w; continue; }
      if (w <= widthEm && used > 0) { lines++; used = w; continue; }
      for (const ch of token) {
        const a = advance(ch);
        if (used + a > widthEm && used > 0) { lines++; used = 0; }
        used += a;
      }
    }
  }
  return lines;
}

export interface CellFit {
  /** Set a font step smaller. */
  small: boolean;
  /** Height the text needs, mm. */
  heightMm: number;
}

/** How a text sits in a cell of `widthMm` (the column, padding included) at `fontPt`. */
export function fitCell(text: string, widthMm: number, fontPt: number): CellFit {
  const inner = (widthMm - 2 * CELL_SIDE_MM) * 0.94;
  const em = fontPt * PT_MM;
  if (linesNeeded(text, inner / em) <= 1) return { small: false, heightMm: LINE_EM * em + CELL_PAD_MM };
  const small = em * SMALL_STEP;
  return { small: true, heightMm: linesNeeded(text, inner / small) * LINE_EM * small + CELL_PAD_MM };
}

/**
 * A quantity as issued, with the base unit. Typed in packs, it shows what was typed: 2盒 = 100 只;
 * otherwise in the item's largest units where it has them: 2盒(100只), 1箱3盒(2150只).
 */
export function quantityText(scaled: number, entered: string, item: ItemUnits): string {
  if (entered) return enteredText(entered, scaled, item);
  const base = `${formatQuantity(scaled, item.decimals)}${item.unit}`;
  const packed = formatInUnits(scaled, item).replace(/ /g, '');
  return packed === base ? base : `${packed}(${base})`;
}
