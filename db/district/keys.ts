import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Tx } from '../open';
import { first, qb, run } from '../sql';

/*
 * The office's signing key (Ed25519 via node:crypto). The public key travels in every package; its
 * fingerprint is read out to the district once, which then knows the office by it. The private key
 * stays in the ledger file (whoever holds the file can sign as the office, as whoever holds its seal).
 */

export interface OfficeKey {
  /** SPKI DER, base64. */
  publicKey: string;
  fingerprint: string;
  createdAt: string;
}

/** "3F2A 91C0 …": the first 16 bytes of the public key's SHA-256, in groups of four to read out on the phone. */
export function fingerprintOf(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

export function officeKey(db: Database): OfficeKey | null {
  const row = first(db, qb.selectFrom('office_keys').select(['public_key', 'created_at']).where('id', '=', 1));
  return row ? { publicKey: row.public_key, fingerprint: fingerprintOf(row.public_key), createdAt: row.created_at } : null;
}

/** Makes the office's key pair once; later calls keep the one there is. */
export function ensureOfficeKey(tx: Tx): OfficeKey {
  const had = officeKey(tx.db);
  if (had) return had;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  run(tx.db, qb.insertInto('office_keys').values({
    id: 1,
    public_key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    created_at: tx.clock.now().toISOString(),
  }));
  return officeKey(tx.db)!;
}

/** Signs bytes with the office's key; null when it has none yet. */
export function signWithOfficeKey(db: Database, bytes: Buffer): { publicKey: string; signature: string } | null {
  const row = first(db, qb.selectFrom('office_keys').select(['public_key', 'private_key']).where('id', '=', 1));
  if (!row) return null;
  const key = createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  return { publicKey: row.public_key, signature: sign(null, bytes, key).toString('base64') };
}

/** Whether `signature` is the holder of `publicKey`'s over `bytes` (false for any key or signature that does not parse). */
export function signedBy(publicKey: string, bytes: Buffer, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, bytes, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
