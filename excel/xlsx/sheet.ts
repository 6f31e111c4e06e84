import type { Alignment, Borders, Fill, Font, Style, StyleBook } from './styles';
import { escapeXml } from './xml';
import { ZipEntry } from './zip';

export type CellValue = number | string | Date | { formula: string; result?: number | string } | null | undefined;

export interface SheetOptions {
  views?: { state: 'frozen'; xSplit?: number; ySplit?: number; topLeftCell?: string; activeCell?: string }[];
  pageSetup?: {
    paperSize?: number; orientation?: 'portrait' | 'landscape'; fitToPage?: boolean; fitToWidth?: number; fitToHeight?: number;
    horizontalCentered?: boolean; printTitlesRow?: string;
    margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  };
  headerFooter?: { oddFooter?: string };
}

/** A cell: a value and a style, either a shared frozen one or its own (copied on the first change). */
export class Cell {
  value: CellValue = null;
  private own: Style | undefined;

  get style(): Style {
    return this.own ?? {};
  }
  set style(s: Style) {
    this.own = s;
  }
  get numFmt(): string | undefined {
    return this.own?.numFmt;
  }
  set numFmt(v: string | undefined) {
    this.edit().numFmt = v;
  }
  set font(v: Font) {
    this.edit().font = v;
  }
  set alignment(v: Alignment) {
    this.edit().alignment = v;
  }
  set border(v: Borders) {
    this.edit().border = v;
  }
  set fill(v: Fill) {
    this.edit().fill = v;
  }
  /** The style as written (undefined: the default). */
  get written(): Style | undefined {
    return this.own;
  }
  private edit(): Style {
    if (!this.own || Object.isFrozen(this.own)) this.own = { ...this.own };
    return this.own;
  }
}

export class Row {
  height: number | undefined;
  readonly cells: Cell[] = [];
  constructor(
    readonly number: number,
    private readonly sheet: Sheet,
  ) {}

  getCell(c: number): Cell {
    return (this.cells[c] ??= new Cell());
  }
  /** Values from column 1 on. */
  set values(values: CellValue[]) {
    values.forEach((v, k) => (this.getCell(k + 1).value = v));
  }
  /** Sets the font of the cells the row has so far. */
  set font(f: Font) {
    for (const cell of this.cells) if (cell) cell.font = f;
  }
  /** Writes this row (and any row above it still pending) out of memory. */
  commit(): void {
    this.sheet.flush(this.number);
  }
}

const LETTERS: string[] = [''];
export function columnLetter(n: number): string {
  for (let k = LETTERS.length; k <= n; k++) {
    let s = '';
    for (let v = k; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
    LETTERS.push(s);
  }
  return LETTERS[n];
}

const EXCEL_EPOCH_DAYS = 25569;

/**
 * A worksheet written as it is filled: rows go to XML (and out of memory) in order when committed;
 * merges and page setup are written at the end. The API is the part of exceljs's worksheet the
 * report builders use, so the sheets read the same as before.
 */
export class Sheet {
  private readonly pending = new Map<number, Row>();
  private flushedThrough = 0;
  private widths: number[] = [];
  private readonly merges: string[] = [];
  /** The rows' XML, compressed piece by piece; the head goes in front when the sheet is finished. */
  private readonly body: ZipEntry;
  private text = '';
  /** The used range, for the <dimension> element (read-only readers size rows by it). */
  private lastRow = 0;
  private lastColumn = 0;

  constructor(
    readonly name: string,
    readonly options: SheetOptions,
    private readonly styles: StyleBook,
    entryName: string,
  ) {
    this.body = new ZipEntry(entryName);
  }

  set columns(columns: { width: number }[]) {
    this.widths = columns.map((c) => c.width);
  }

  getRow(r: number): Row {
    if (r <= this.flushedThrough) throw new Error(`row ${r} of ${this.name} was already written`);
    let row = this.pending.get(r);
    if (!row) this.pending.set(r, (row = new Row(r, this)));
    return row;
  }

  getCell(r: number, c: number): Cell {
    return this.getRow(r).getCell(c);
  }

  mergeCells(r1: number, c1: number, r2: number, c2: number): void {
    this.merges.push(`${columnLetter(c1)}${r1}:${columnLetter(c2)}${r2}`);
  }

  flush(through: number): void {
    const only = this.pending.size === 1 ? this.pending.get(through) : undefined;
    const rows = only ? [through] : [...this.pending.keys()].filter((k) => k <= through).sort((a, b) => a - b);
    for (const r of rows) {
      this.text += this.rowXml(this.pending.get(r)!);
      this.pending.delete(r);
      if (this.text.length > 1 << 18) this.spill();
    }
    this.flushedThrough = Math.max(this.flushedThrough, through);
  }

  /**
   * The sheet as a zip entry. The <dimension> and the merges are known only at the end, and the
   * head must come first: the head is its own entry piece written before the rows' pieces.
   */
  finish(): ZipEntry {
    this.flush(Infinity);
    const rows = this.text;
    this.text = '';
    const entry = new ZipEntry(this.body.name);
    entry.write(Buffer.from(this.head(), 'utf8'));
    entry.append(this.body);
    entry.write(Buffer.from(rows + this.tail(), 'utf8'));
    return entry;
  }

  private spill(): void {
    if (this.text) this.body.write(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }

  private rowXml(row: Row): string {
    const r = row.number;
    let x = `<row r="${r}"${row.height ? ` ht="${row.height}" customHeight="1"` : ''}>`;
    const cells = row.cells;
    this.lastRow = r;
    this.lastColumn = Math.max(this.lastColumn, cells.length - 1);
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const ref = `${columnLetter(c)}${r}`;
      const s = this.styles.id(cell.written);
      const sa = s ? ` s="${s}"` : '';
      const v = cell.value;
      if (v === null || v === undefined || v === '') x += `<c r="${ref}"${sa}/>`;
      else if (typeof v === 'number') x += `<c r="${ref}"${sa}><v>${v}</v></c>`;
      else if (typeof v === 'string') {
        const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
        x += `<c r="${ref}"${sa} t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
      } else if (v instanceof Date) x += `<c r="${ref}"${sa}><v>${v.getTime() / 86_400_000 + EXCEL_EPOCH_DAYS}</v></c>`;
      else {
        const cached = v.result === undefined ? '' : `<v>${typeof v.result === 'number' ? v.result : escapeXml(v.result)}</v>`;
        x += `<c r="${ref}"${sa}${typeof v.result === 'string' ? ' t="str"' : ''}><f>${escapeXml(v.formula)}</f>${cached}</c>`;
      }
    }
    return `${x}</row>`;
  }

  private head(): string {
    const o = this.options;
    const view = o.views?.[0];
    let pane = '';
    if (view?.state === 'frozen') {
      const xs = view.xSplit ?? 0;
      const ys = view.ySplit ?? 0;
      const active = xs && ys ? 'bottomRight' : ys ? 'bottomLeft' : 'topRight';
      const top = view.topLeftCell ?? `${columnLetter(xs + 1)}${ys + 1}`;
      pane =
        `<pane${xs ? ` xSplit="${xs}"` : ''}${ys ? ` ySplit="${ys}"` : ''} topLeftCell="${top}" activePane="${active}" state="frozen"/>` +
        `<selection pane="${active}" activeCell="${view.activeCell ?? top}" sqref="${view.activeCell ?? top}"/>`;
    }
    const cols = this.widths.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      (o.pageSetup?.fitToPage ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
      `<dimension ref="A1${this.lastRow ? `:${columnLetter(Math.max(1, this.lastColumn))}${this.lastRow}` : ''}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>'
    );
  }

  private tail(): string {
    const p = this.options.pageSetup;
    const m = p?.margins;
    const footer = this.options.headerFooter?.oddFooter;
    return (
      '</sheetData>' +
      (this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>` : '') +
      (p?.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : '') +
      (m ? `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` : '') +
      (p
        ? `<pageSetup${p.paperSize ? ` paperSize="${p.paperSize}"` : ''}${p.orientation ? ` orientation="${p.orientation}"` : ''}` +
          `${p.fitToWidth !== undefined ? ` fitToWidth="${p.fitToWidth}"` : ''}${p.fitToHeight !== undefined ? ` fitToHeight="${p.fitToHeight}"` : ''}/>`
        : '') +
      (footer ? `<headerFooter><oddFooter>${escapeXml(footer)}</oddFooter></headerFooter>` : '') +
      '</worksheet>'
    );
  }
}
