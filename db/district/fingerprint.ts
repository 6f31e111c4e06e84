/** A key's fingerprint as typed when read out on the phone ("3f2a 91c0…", full-width, dashes) → "3F2A91C0…", as it is compared; pure, the screens use it too. */
export function plainFingerprint(typed: string): string {
  return typed.replace(/[\uff10-\uff19\uff21-\uff26\uff41-\uff46]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000-]/g, '').toUpperCase();
}

/** "3F2A91C0…" → "3F2A 91C0 …", as the unit's settings show it. */
export function groupedFingerprint(plain: string): string {
  return plain.match(/.{1,4}/g)?.join(' ') ?? plain;
}
