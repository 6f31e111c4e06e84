/** Display helpers: office-local times, yuan from fen. Nothing here does ledger arithmetic. */
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** "2026-11-28 14:30" in the office zone. */
export function officeTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '';
  const parts = Object.fromEntries(fmt(timeZone, true).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** An office day "YYYY-MM-DD" moved by whole days (calendar arithmetic in UTC, where days have no gaps). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "2026-11-28" in the office zone. */
export function officeDate(iso: string | Date, timeZone = 'Asia/Shanghai'): string {
  const parts = Object.fromEntries(fmt(timeZone, false).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** ISO instant for an office-local wall time "HH:mm" or "HH:mm:ss" on a date (offset taken at that moment). */
export function officeInstant(date: string, time: string, timeZone = 'Asia/Shanghai'): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, sec = 0] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi, sec);
  const parts = Object.fromEntries(fmt(timeZone, true).formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  // The zone's offset at that minute (offsets are whole minutes; the seconds ride along unchanged).
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), sec);
  return new Date(guess - (local - guess)).toISOString();
}

export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export function quantityText(q: number, unit: string): string {
  return `${q.toLocaleString('zh-CN', { maximumFractionDigits: 3 })} ${unit}`;
}

/** File sizes: KB below a megabyte, else MB with one decimal. */
export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
