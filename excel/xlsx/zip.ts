import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * One file of the archive, compressed as it is written: each piece is deflated on its own and
 * ended with a sync flush, so the pieces join into one deflate stream (a final empty block closes
 * it). Only compressed bytes are kept: a 100k-row sheet never sits in memory as XML.
 */
export class ZipEntry {
  private crc = 0;
  private size = 0;
  private compressed = 0;
  private readonly data: Buffer[] = [];
  private ended = false;

  constructor(readonly name: string) {}

  write(piece: Buffer): void {
    if (!piece.length) return;
    this.crc = crc32(piece, this.crc);
    this.size += piece.length;
    // Level 3: within 10 % of level 6's size for this XML, in half the time.
    const out = deflateRawSync(piece, { level: 3, finishFlush: constants.Z_SYNC_FLUSH });
    this.data.push(out);
    this.compressed += out.length;
  }

  /** Adds another entry's pieces after this one's (its CRC joined to ours without its data). */
  append(other: ZipEntry): void {
    if (!other.size) return;
    this.crc = crc32Combine(this.crc, other.crc, other.size);
    this.size += other.size;
    this.data.push(...other.data);
    this.compressed += other.compressed;
  }

  /** The local header, the data and the central directory record, for an entry at `offset`. */
  parts(offset: number, time: number, date: number): { local: Buffer[]; central: Buffer[]; length: number } {
    if (!this.ended) {
      this.data.push(FINAL_BLOCK);
      this.compressed += FINAL_BLOCK.length;
      this.ended = true;
    }
    const name = Buffer.from(this.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    this.common(local, 4, name.length, time, date);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by
    this.common(dir, 6, name.length, time, date);
    dir.writeUInt32LE(offset, 42);
    return { local: [local, name, ...this.data], central: [dir, name], length: 30 + name.length + this.compressed };
  }

  /** The fields local and central headers share, from "version needed" to the extra-field length. */
  private common(b: Buffer, at: number, nameLength: number, time: number, date: number): void {
    b.writeUInt16LE(20, at); // version needed: deflate
    b.writeUInt16LE(0x0800, at + 2); // names are UTF-8
    b.writeUInt16LE(8, at + 4); // deflate
    b.writeUInt16LE(time, at + 6);
    b.writeUInt16LE(date, at + 8);
    b.writeUInt32LE(this.crc, at + 10);
    b.writeUInt32LE(this.compressed, at + 14);
    b.writeUInt32LE(this.size, at + 18);
    b.writeUInt16LE(nameLength, at + 22);
  }
}

/**
 * The CRC-32 of A followed by B from the CRCs of A and B and the length of B (zlib's crc32_combine:
 * appending B's length of zero bits to A's CRC is a linear map, applied by repeated squaring).
 */
export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  const times = (mat: Uint32Array, vec: number) => {
    let sum = 0;
    for (let k = 0; vec; k++, vec >>>= 1) if (vec & 1) sum ^= mat[k];
    return sum >>> 0;
  };
  const square = (out: Uint32Array, mat: Uint32Array) => {
    for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n]);
  };
  if (length2 <= 0) return crc1;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  square(even, odd); // two zero bits
  square(odd, even); // four zero bits
  let crc = crc1 >>> 0;
  let len = length2;
  for (;;) {
    square(even, odd);
    if (len % 2) crc = times(even, crc);
    len = Math.floor(len / 2);
    if (!len) break;
    square(odd, even);
    if (len % 2) crc = times(odd, crc);
    len = Math.floor(len / 2);
    if (!len) break;
  }
  return (crc ^ crc2) >>> 0;
}

/** A final, empty, fixed-Huffman deflate block. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * A minimal ZIP writer for .xlsx packages: UTF-8 names, every entry stamped with `at` (the same
 * report gives the same bytes), no ZIP64 (a workbook stays far below 4 GB).
 */
export function zip(entries: ZipEntry[], at: Date): Buffer {
  const year = Math.max(1980, at.getUTCFullYear());
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const p = e.parts(offset, time, date);
    out.push(...p.local);
    central.push(...p.central);
    offset += p.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}
