import { Sheet, type SheetOptions } from './sheet';
import { StyleBook } from './styles';
import { escapeXml } from './xml';
import { zip, ZipEntry } from './zip';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A small .xlsx writer for the built-in report formats: the XML is written straight from the rows,
 * each row leaving memory when committed. exceljs builds a model object per cell and then its XML;
 * for a day's report (75,000 cells) that was most of the export time. Templates, imports and the
 * archive still go through exceljs, which reads and edits workbooks this writer never needs to.
 */
export class Book {
  creator = '';
  created = new Date(0);
  private readonly styles = new StyleBook();
  private readonly sheets: Sheet[] = [];

  addWorksheet(name: string, options: SheetOptions = {}): Sheet {
    const sheet = new Sheet(name, options, this.styles, `xl/worksheets/sheet${this.sheets.length + 1}.xml`);
    this.sheets.push(sheet);
    return sheet;
  }

  write(): Buffer {
    const sheets = this.sheets.map((s) => s.finish());
    const text = (name: string, xml: string) => {
      const entry = new ZipEntry(name);
      entry.write(Buffer.from(XML + xml, 'utf8'));
      return entry;
    };
    const titles = this.sheets
      .map((s, k) => {
        const rows = s.options.pageSetup?.printTitlesRow;
        if (!rows) return '';
        const [a, b = a] = rows.split(':');
        return `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">'${escapeXml(s.name.replace(/'/g, "''"))}'!$${a}:$${b}</definedName>`;
      })
      .join('');
    const when = this.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return zip(
      [
        text(
          '[Content_Types].xml',
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
            this.sheets.map((_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
            '</Types>',
        ),
        text(
          '_rels/.rels',
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
            `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
            '</Relationships>',
        ),
        text(
          'docProps/app.xml',
          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>物资保障台账</Application></Properties>',
        ),
        text(
          'docProps/core.xml',
          '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
            `<dc:creator>${escapeXml(this.creator)}</dc:creator>` +
            `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
            '</cp:coreProperties>',
        ),
        text(
          'xl/workbook.xml',
          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
            '<bookViews><workbookView/></bookViews><sheets>' +
            this.sheets.map((s, k) => `<sheet name="${escapeXml(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('') +
            '</sheets>' +
            (titles ? `<definedNames>${titles}</definedNames>` : '') +
            '<calcPr calcId="171027"/></workbook>',
        ),
        text(
          'xl/_rels/workbook.xml.rels',
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            this.sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('') +
            `<Relationship Id="rId${this.sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
            '</Relationships>',
        ),
        ...sheets,
        text('xl/styles.xml', this.styles.xml()),
      ],
      this.created,
    );
  }
}
