import type ExcelJS from 'exceljs';
import { eachFormulaCell, isMergeSlave } from './cells';

type Value = number | string | null;
type Getter = (sheet: string, row: number, col: number) => Value;

/**
 * Cached results for the formulas of a filled form, so that viewers which do not recalculate
 * (previews, LibreOffice's default for .xlsx) show the right totals. Understands what forms use:
 * SUM, SUBTOTAL(9/109), AVERAGE, MIN, MAX, COUNT, ROUND, + − × ÷ and references; anything else keeps
 * no cached result, and Excel recalculates on open (fullCalcOnLoad).
 */
export function recalculate(wb: ExcelJS.Workbook): void {
  const done = new Map<string, Value>();
  const busy = new Set<string>();
  const get: Getter = (sheet, row, col) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error('sheet');
    const cell = ws.getCell(row, col);
    // The other cells of a merge are empty to Excel (exceljs answers the master's value there).
    if (isMergeSlave(cell)) return null;
    const v = cell.value as ExcelJS.CellValue;
    if (v && typeof v === 'object' && 'formula' in v && v.formula) {
      const key = `${sheet}!${row}:${col}`;
      if (done.has(key)) return done.get(key)!;
      if (busy.has(key)) throw new Error('cycle');
      busy.add(key);
      const result = new Parser(v.formula, sheet, get).run();
      busy.delete(key);
      done.set(key, result);
      cell.value = { formula: v.formula, result: result ?? undefined } as ExcelJS.CellFormulaValue;
      return result;
    }
    if (typeof v === 'number' || typeof v === 'string') return v;
    return null;
  };
  eachFormulaCell(wb, (ws, cell, v) => {
    if (!('formula' in v)) return;
    try {
      get(ws.name, Number(cell.row), Number(cell.col));
    } catch {
      cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue;
    }
  });
  wb.calcProperties.fullCalcOnLoad = true;
}

const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const TOKENS = /\s*('(?:[^']|'')+'!|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)|\s*(\d+(?:\.\d+)?)|\s*([A-Za-z]+)\s*\(|\s*([-+*/(),])/y;

class Parser {
  private pos = 0;
  constructor(private readonly text: string, private readonly sheet: string, private readonly get: Getter) {}

  run(): Value {
    const v = this.sum();
    if (this.text.slice(this.pos).trim() || !Number.isFinite(v)) throw new Error('rest');
    // Quantities have at most 3 decimals: no 0.30000000000000004 in a total.
    return Math.round(v * 1e6) / 1e6;
  }

  private peek(): RegExpExecArray | null {
    TOKENS.lastIndex = this.pos;
    return TOKENS.exec(this.text);
  }

  private sum(): number {
    let v = this.product();
    for (let t = this.peek(); t && (t[5] === '+' || t[5] === '-'); t = this.peek()) {
      this.pos = TOKENS.lastIndex;
      v = t[5] === '+' ? v + this.product() : v - this.product();
    }
    return v;
  }

  private product(): number {
    let v = this.unary();
    for (let t = this.peek(); t && (t[5] === '*' || t[5] === '/'); t = this.peek()) {
      this.pos = TOKENS.lastIndex;
      v = t[5] === '*' ? v * this.unary() : v / this.unary();
    }
    return v;
  }

  private unary(): number {
    const t = this.peek();
    if (t?.[5] === '-') {
      this.pos = TOKENS.lastIndex;
      return -this.unary();
    }
    const values = this.atom();
    if (values.length !== 1) throw new Error('range outside a function');
    return values[0];
  }

  /** A number, a reference (a range gives many numbers), a parenthesis or a function call. */
  private atom(): number[] {
    const t = this.peek();
    if (!t) throw new Error('end');
    this.pos = TOKENS.lastIndex;
    if (t[3]) return [Number(t[3])];
    if (t[2]) return this.cells(t[1], t[2]);
    if (t[5] === '(') {
      const v = this.sum();
      this.expect(')');
      return [v];
    }
    if (t[4]) return [this.call(t[4].toUpperCase())];
    throw new Error('token');
  }

  private cells(prefix: string | undefined, ref: string): number[] {
    const sheet = prefix ? prefix.slice(0, -1).replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : this.sheet;
    const [a, b = a] = ref.replace(/\$/g, '').split(':');
    const [, c1, r1] = /([A-Z]+)(\d+)/i.exec(a)!;
    const [, c2, r2] = /([A-Z]+)(\d+)/i.exec(b)!;
    const out: number[] = [];
    for (let r = Math.min(+r1, +r2); r <= Math.max(+r1, +r2); r++) {
      for (let c = Math.min(col(c1), col(c2)); c <= Math.max(col(c1), col(c2)); c++) {
        const v = this.get(sheet, r, c);
        out.push(typeof v === 'number' ? v : NaN);
      }
    }
    return out;
  }

  private call(name: string): number {
    const args: number[][] = [];
    if (this.peek()?.[5] !== ')') {
      do {
        const save = this.pos;
        const list = this.atom();
        if (list.length > 1 || [',', ')'].includes(this.peek()?.[5] ?? '')) args.push(list);
        else {
          this.pos = save;
          args.push([this.sum()]);
        }
      } while (this.take(','));
    }
    this.expect(')');
    const nums = (from = 0) => args.slice(from).flat().filter((v) => !Number.isNaN(v));
    switch (name) {
      case 'SUM':
        return nums().reduce((s, v) => s + v, 0);
      case 'SUBTOTAL': {
        if (![9, 109].includes(args[0]?.[0])) throw new Error('subtotal kind');
        return nums(1).reduce((s, v) => s + v, 0);
      }
      case 'AVERAGE':
        return nums().reduce((s, v) => s + v, 0) / nums().length;
      case 'MIN':
        return Math.min(...nums());
      case 'MAX':
        return Math.max(...nums());
      case 'COUNT':
        return nums().length;
      case 'ROUND': {
        const f = 10 ** (args[1]?.[0] ?? 0);
        return Math.round(args[0][0] * f) / f;
      }
      default:
        throw new Error(`function ${name}`);
    }
  }

  private take(ch: string): boolean {
    const t = this.peek();
    if (t?.[5] !== ch) return false;
    this.pos = TOKENS.lastIndex;
    return true;
  }

  private expect(ch: string): void {
    if (!this.take(ch)) throw new Error(`expected ${ch}`);
  }
}
