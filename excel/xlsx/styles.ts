import { escapeXml } from './xml';
/** Cell styles as the sheet builders write them (the subset of exceljs's style model they use). */
export interface Font {
  name?: string;
  size?: number;
  bold?: boolean;
  color?: { argb: string };
}
export interface Alignment {
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrapText?: boolean;
  shrinkToFit?: boolean;
}
export type Side = { style: 'thin' | 'medium' };
export interface Borders {
  top?: Side;
  bottom?: Side;
  left?: Side;
  right?: Side;
}
export interface Fill {
  type: 'pattern';
  pattern: 'solid';
  fgColor: { argb: string };
}
export interface Style {
  font?: Font;
  alignment?: Alignment;
  border?: Borders;
  fill?: Fill;
  numFmt?: string;
}

/** Number formats Excel knows by id; others are declared in the file from id 164. */
const BUILT_IN: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4 };

/**
 * The workbook's style table: each distinct style becomes one `xf` entry of styles.xml. Styles are
 * looked up by object first (the builders share frozen style objects), by content otherwise.
 */
export class StyleBook {
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byText = new Map<string, number>();
  private readonly byObject = new WeakMap<Style, number>();

  /** The `s` attribute for a style; 0 is the default style. */
  id(style: Style | undefined): number {
    if (!style) return 0;
    const known = this.byObject.get(style);
    if (known !== undefined) return known;
    const xf = this.xf(style);
    let id = this.byText.get(xf);
    if (id === undefined) {
      id = this.xfs.length;
      this.xfs.push(xf);
      this.byText.set(xf, id);
    }
    if (Object.isFrozen(style)) this.byObject.set(style, id);
    return id;
  }

  xml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (fmts.length ? list('numFmts', fmts) : '') +
      list('fonts', this.fonts) +
      list('fills', this.fills) +
      list('borders', this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }

  private xf(s: Style): string {
    const font = s.font ? this.index(this.fonts, fontXml(s.font)) : 0;
    const fill = s.fill ? this.index(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill.fgColor.argb}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const border = s.border ? this.index(this.borders, borderXml(s.border)) : 0;
    const numFmt = s.numFmt ? this.numFmt(s.numFmt) : 0;
    const a = s.alignment;
    const align = a
      ? `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${a.vertical ? ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"` : ''}${a.wrapText ? ' wrapText="1"' : ''}${a.shrinkToFit ? ' shrinkToFit="1"' : ''}/>`
      : '';
    const applied = `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}${numFmt ? ' applyNumberFormat="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    const head = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}`;
    return align ? `${head}>${align}</xf>` : `${head}/>`;
  }

  private index(list: string[], xml: string): number {
    const at = list.indexOf(xml);
    return at >= 0 ? at : list.push(xml) - 1;
  }

  private numFmt(code: string): number {
    if (code in BUILT_IN) return BUILT_IN[code];
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }
}

function fontXml(f: Font): string {
  // charset 134 (GB2312) tells Excel and WPS the name is a Chinese font.
  return `<font>${f.bold ? '<b/>' : ''}<sz val="${f.size ?? 11}"/>${f.color ? `<color rgb="${f.color.argb}"/>` : ''}<name val="${escapeXml(f.name ?? 'Calibri')}"/><charset val="134"/></font>`;
}

function borderXml(b: Borders): string {
  const side = (tag: string, s?: Side) => (s ? `<${tag} style="${s.style}"><color indexed="64"/></${tag}>` : `<${tag}/>`);
  return `<border>${side('left', b.left)}${side('right', b.right)}${side('top', b.top)}${side('bottom', b.bottom)}<diagonal/></border>`;
}
