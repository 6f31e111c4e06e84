import { inflateRawSync } from 'node:zlib';

/**
 * Reads named parts of an .xlsx (a zip) as text, keyed by their lower-case names, from the central directory: enough to look at a
 * few XML parts exceljs reads wrongly. The workbook was screened first (a form of bounded size), and
 * a part that cannot be found or read is simply missing from the answer.
 */
export function readParts(bytes: Buffer, wanted: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  const end = bytes.lastIndexOf(END_OF_DIRECTORY);
  if (end < 0 || end + 22 > bytes.length) return out;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let k = 0; k < entries && at + 46 <= bytes.length && bytes.readUInt32LE(at) === 0x02014b50; k++) {
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    // Part names are case-insensitive; some writers add a leading slash.
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\//, '').toLowerCase();
    at += 46 + skip;
    if (!wanted(name) || local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    try {
      if (method === 0) out.set(name, data.toString('utf8'));
      else if (method === 8) out.set(name, inflateRawSync(data).toString('utf8'));
    } catch {
      // A damaged part: exceljs has read what it could; the caller goes without this one.
    }
  }
  return out;
}

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
