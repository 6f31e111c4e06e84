/**
 * Characters XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return;
 * DEL, which Excel refuses; U+FFFE and U+FFFF; half of a surrogate pair). One such character, say in
 * an item name from an imported workbook, makes a whole file unreadable to Excel and to any strict
 * reader; they are dropped, as exceljs's own writer drops the controls.
 */
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without the characters XML cannot hold: for values handed to exceljs, which keeps U+FFFE and half pairs. */
export const xmlSafe = (s: string): string => s.replace(NOT_IN_XML, '');

/** Text for XML element content and attribute values. */
export const escapeXml = (s: string): string =>
  xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
