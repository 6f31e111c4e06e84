/* Pure, shared with the screens: what leaves the app (prints, lists, files) carries masked phone numbers. */

/** 13800000012 → 138****0012; a short or landline number keeps its last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (!digits) return '';
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return `****${digits.slice(-4)}`;
}
