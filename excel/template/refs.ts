/**
 * Moving row references when rows are inserted into a sheet: cell and range references in formulas,
 * print areas, conditional-format and validation ranges. exceljs does not do this itself
 * (its spliceRows leaves formulas, merges and validations where they were).
 */

/** Rows from `at` on move down by `count`; a range that reaches the table block's last row grows with it. */
export interface Shift {
  at: number;
  count: number;
  /** The table's rows before the insertion: a range ending at or below `blockEnd` (and starting at or above it) is stretched. */
  blockEnd: number;
}

export function shiftRow(row: number, s: Shift): number {
  return row >= s.at ? row + s.count : row;
}

/** A range's rows after the shift: moved when below, stretched when it covers the table block's end. */
export function shiftRange(top: number, bottom: number, s: Shift): [number, number] {
  if (top >= s.at) return [top + s.count, bottom + s.count];
  if (bottom >= s.blockEnd) return [top, bottom + s.count];
  return [top, bottom];
}

const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const ROWS = String.raw`\$?\d+:\$?\d+`;
// A reference not glued to a name before it (LOG10 is a function, not cell LOG10) nor followed by "(".
const REF = new RegExp(String.raw`(?<![\w.$\u4e00-\u9fff])(${SHEET})?(${CELL}(?::${CELL})?|${ROWS})(?![\w(\u4e00-\u9fff])`, 'g');

function sheetOf(prefix: string | undefined): string | null {
  if (!prefix) return null;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function moveCell(ref: string, row: (r: number) => number): string {
  return ref.replace(/(\$?[A-Za-z]{1,3}\$?)(\d+)/, (_m, col: string, r: string) => `${col}${row(Number(r))}`);
}

/**
 * Shifts the references in a formula that point into `target` (unqualified ones when the formula
 * lives on `target`). Text in double quotes is left alone.
 */
export function shiftFormula(formula: string, target: string, onTarget: boolean, s: Shift): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (whole, prefix: string | undefined, ref: string) => {
            const sheet = sheetOf(prefix);
            if (sheet === null ? !onTarget : sheet !== target) return whole;
            return (prefix ?? '') + shiftRef(ref, s);
          }),
    )
    .join('');
}

/** One reference: `B7`, `$B$7`, `B5:F9`, or a row range `3:4`. */
export function shiftRef(ref: string, s: Shift): string {
  const rows = /^(\$?)(\d+):(\$?)(\d+)$/.exec(ref);
  if (rows) {
    const [top, bottom] = shiftRange(Number(rows[2]), Number(rows[4]), s);
    return `${rows[1]}${top}:${rows[3]}${bottom}`;
  }
  const [a, b] = ref.split(':');
  if (!b) return moveCell(a, (r) => shiftRow(r, s));
  const top = Number(/\d+$/.exec(a)![0]);
  const bottom = Number(/\d+$/.exec(b)![0]);
  const [t, btm] = shiftRange(Math.min(top, bottom), Math.max(top, bottom), s);
  return `${moveCell(a, () => (top <= bottom ? t : btm))}:${moveCell(b, () => (top <= bottom ? btm : t))}`;
}

/** A space- or comma-separated list of ranges (conditional formats, print areas joined by "&&"). */
export function shiftRangeList(list: string, s: Shift): string {
  return list.replace(new RegExp(String.raw`${CELL}(?::${CELL})?`, 'g'), (ref) => shiftRef(ref, s));
}

/** A formula copied `delta` rows down: relative row numbers move, `$`-anchored ones stay. */
export function slideRows(formula: string, delta: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (whole, prefix: string | undefined, ref: string) =>
            /^\$?\d+:\$?\d+$/.test(ref)
              ? whole
              : (prefix ?? '') + ref.replace(/(\$?[A-Za-z]{1,3})(\$?)(\d+)/g, (_m, col: string, abs: string, r: string) => `${col}${abs}${abs ? r : Number(r) + delta}`),
        ),
    )
    .join('');
}
