/**
 * Office-time helpers. Instants are stored as UTC ISO strings; business dates, cutoffs and
 * numbering are cut in the office time zone (a setting, default Asia/Shanghai), never the
 * machine's own zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Office-local calendar fields of an instant. The zone's offset is looked up once per zone and
 * hour (Intl is slow, and a report formats thousands of times); the fields follow by arithmetic.
 */
export function localParts(at: Date, timeZone: string): LocalParts {
  const offset = offsetForHour(at, timeZone);
  const t = new Date(at.getTime() + offset * 60000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

const offsets = new Map<string, number>();
function offsetForHour(at: Date, timeZone: string): number {
  const hour = Math.floor(at.getTime() / 3_600_000);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = intlOffset(new Date(hour * 3_600_000), timeZone);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The zone's offset at an instant, from Intl (the slow, exact way). */
function intlOffset(at: Date, timeZone: string): number {
  const p = intlParts(at, timeZone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at.getTime()) / 60000);
}

function intlParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Office-local calendar date "YYYY-MM-DD" of an instant. */
export function businessDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Office-local "YYYY-MM-DD HH:mm" of an instant, for messages and prints. */
export function localDateTime(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  return offsetForHour(at, timeZone);
}

/** The instant at which the office-local wall time `date` + `hh:mm` occurs. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle DST transitions for zones that have them.
  let at = new Date(guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60000);
  at = new Date(guess - zoneOffsetMinutes(at, timeZone) * 60000);
  return at;
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** "20261128" from "2026-11-28", for document numbers. */
export function compactDate(date: string): string {
  return date.replaceAll('-', '');
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Office-local "11月30日 10:00" of an instant, for refusals that name a later document. */
export function monthDayTime(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}
