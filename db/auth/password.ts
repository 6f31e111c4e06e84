import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt from node:crypto: N=2^14, r=8, p=1 (~16 MiB, tens of milliseconds), 16-byte salt per user. */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64: the parameters travel with the hash. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spent on unknown usernames so that a wrong name takes as long as a wrong password. */
const DUMMY = hashPassword('不存在的账号');
export function verifyNobody(password: string): false {
  verifyPassword(password, DUMMY);
  return false;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 8) return '密码至少 8 位。';
  if (password.length > 128) return '密码不能超过 128 位。';
  if (/^(.)\1*$/.test(password)) return '密码不能由同一个字符组成。';
  if (password.toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同。';
  return null;
}
