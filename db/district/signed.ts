import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { canonical } from './package';
import { fingerprintOf, officeKey, signedBy, signWithOfficeKey } from './keys';

/*
 * The signed files offices exchange besides the daily-report package (调拨单, 签收): one JSON object
 * with its format and schema, the signer's public key, and the Ed25519 signature over its canonical
 * JSON. The reader checks the form before anything in it is believed.
 */

export type Opened<T> = { ok: true; body: T; fingerprint: string } | { ok: false; reason: string };

/** The office's signed file of `body` (pretty JSON text). */
export function signedFile(db: Database, body: Record<string, unknown>): string {
  const key = officeKey(db);
  if (!key) fail('NOT_FOUND', '本单位还没有签名密钥:请管理员在“设置 › 单位信息”中生成,并把指纹告知上级。');
  const unsigned = { ...body, publicKey: key.publicKey };
  const signature = signWithOfficeKey(db, Buffer.from(canonical(unsigned), 'utf8'))!.signature;
  return JSON.stringify({ ...unsigned, signature }, null, 1);
}

export function openSigned<T>(text: string, format: string, schema: number, what: string): Opened<T> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: `不是${what}文件(无法读取)。` };
  }
  if (!parsed || parsed.format !== format) return { ok: false, reason: `不是${what}。` };
  if (parsed.schema !== schema) return { ok: false, reason: `${what}版本 ${String(parsed.schema)} 不受支持(本程序读取版本 ${schema}),请升级程序。` };
  const { signature, ...unsigned } = parsed;
  if (typeof signature !== 'string' || typeof unsigned.publicKey !== 'string') return { ok: false, reason: `${what}没有签名。` };
  if (!signedBy(unsigned.publicKey, Buffer.from(canonical(unsigned), 'utf8'), signature)) return { ok: false, reason: `签名不符:${what}在签名后被改动过,或不是该单位签发的。` };
  return { ok: true, body: parsed as T, fingerprint: fingerprintOf(unsigned.publicKey) };
}
