/** Ranks a record against what the clerk typed: name, code, full pinyin or pinyin initials. */
export interface Searchable {
  name: string;
  code?: string;
  pinyin: string;
  initials: string;
}

/** Lower is better; null when the record does not match at all. `q` is trimmed and lower-case. */
export function searchRank(q: string, r: Searchable): number | null {
  if (!q) return 0;
  const code = r.code ? lower(r.code) : '';
  const name = lower(r.name);
  if (code === q || name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (r.initials.startsWith(q)) return 2;
  if (r.pinyin.startsWith(q)) return 3;
  if (code.startsWith(q)) return 4;
  if (name.includes(q)) return 5;
  if (r.initials.includes(q)) return 6;
  if (r.pinyin.includes(q)) return 7;
  if (code.includes(q)) return 8;
  return null;
}

const ASCII_UPPER = /[A-Z]/;
/** Most names have no upper-case letters: skip the copy then. */
const lower = (s: string) => (ASCII_UPPER.test(s) ? s.toLowerCase() : s);

/** Filters and sorts by rank, then by the given order; keeps at most `limit`. */
export function searchAll<T extends Searchable>(query: string | undefined, rows: T[], limit = 1000): T[] {
  const q = query?.trim().toLowerCase();
  if (!q) return rows.slice(0, limit);
  const ranked: { row: T; rank: number; i: number }[] = [];
  rows.forEach((row, i) => {
    const rank = searchRank(q, row);
    if (rank !== null) ranked.push({ row, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.row.name.length - b.row.name.length || a.i - b.i);
  return ranked.slice(0, limit).map((r) => r.row);
}
