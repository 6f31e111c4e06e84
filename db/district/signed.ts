import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { fingerprintOf, officeKey, signedBy, signWithOfficeKey } from './keys';

/*
 * The signed files offices exchange (数据包, 调拨单, 签收): one JSON object with its format and schema,
 * the signer's public key, and the Ed25519 signature over its canonical JSON (keys sorted). The file is
 * written as that canonical text with the signature appended as its last member, so a reader verifies
 * the very bytes before it and parses only them; a file written otherwise (reformatted, or by the
 * first release, pretty-printed) is verified by writing its content out canonically again. The reader
 * checks the form before anything in it is believed.
 */

export type Opened<T> = { ok: true; body: T; fingerprint: string } | { ok: false; reason: string };

/** JSON with every object's keys in order: the bytes a signature is over, whoever writes them. */
export function canonical(value: unknown): string {
  // Native JSON.stringify with each object rebuilt in key order: the same bytes as writing it out by
  // hand, several times faster on a package of thousands of values (consolidate_30_ms).
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? sortedKeys(v as Record<string, unknown>) : v));
}

function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  // (An integer-like key would still come first, as JavaScript orders them: signer and reader agree, and the formats have none.)
  const keys = Object.keys(o);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1] < keys[i];
  // Most objects of a package (its values: item, measure, value) already are in order: they are written as they are.
  if (inOrder) return o;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = o[k];
  return out;
}

/** The office's signed file of `body`: its canonical text, the office's public key in it, the signature last. */
export function signedFile(db: Database, body: Record<string, unknown>): string {
  const key = officeKey(db);
  if (!key) fail('NOT_FOUND', '本单位还没有签名密钥:请管理员在“设置 › 单位信息”中生成,并把指纹告知上级。');
  const text = canonical({ ...body, publicKey: key.publicKey });
  return withSignature(text, signWithOfficeKey(db, Buffer.from(text, 'utf8'))!.signature);
}

/** A canonical text with its signature appended as the last member: how every signed file is written. */
export const withSignature = (text: string, signature: string) => `${text.slice(0, -1)},"signature":${JSON.stringify(signature)}}`;

const SIGNED_LAST = /,"signature":("[A-Za-z0-9+/=]*")\}\s*$/;

/** What a file says and the bytes its signature is over: those before the signature as written last, else the content written out again. */
function signedParts(text: string): { unsigned: Record<string, unknown>; bytes: Buffer; signature: unknown } | null {
  const last = SIGNED_LAST.exec(text);
  if (last) {
    const body = `${text.slice(0, last.index)}}`;
    try {
      return { unsigned: JSON.parse(body) as Record<string, unknown>, bytes: Buffer.from(body, 'utf8'), signature: JSON.parse(last[1]) };
    } catch {
      // Not what signedFile writes after all: read as any other file below.
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { unsigned: {}, bytes: Buffer.alloc(0), signature: undefined };
  const { signature, ...unsigned } = parsed as Record<string, unknown>;
  return { unsigned, bytes: Buffer.from(canonical(unsigned), 'utf8'), signature };
}

/** A signed file opened: refused, with the reason in the words of `what` (数据包, 调拨单…), unless its form, schema and signature hold. */
export function openSigned<T>(text: string, format: string, schema: number, what: string, kindWhat = what): Opened<T> {
  const parts = signedParts(text);
  if (!parts) return { ok: false, reason: `不是${what}文件(无法读取)。` };
  const { unsigned, bytes, signature } = parts;
  if (unsigned.format !== format) return { ok: false, reason: `不是${kindWhat}。` };
  if (unsigned.schema !== schema) return { ok: false, reason: `${what}版本 ${String(unsigned.schema)} 不受支持(本程序读取版本 ${schema}),请升级程序。` };
  if (typeof signature !== 'string' || typeof unsigned.publicKey !== 'string') return { ok: false, reason: `${what}没有签名。` };
  if (!signedBy(unsigned.publicKey, bytes, signature)) return { ok: false, reason: `签名不符:${what}在签名后被改动过,或不是该单位签发的。` };
  return { ok: true, body: { ...unsigned, signature } as T, fingerprint: fingerprintOf(unsigned.publicKey) };
}
