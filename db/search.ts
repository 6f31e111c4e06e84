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

/** Filters and sorts by rank, then by the given order; keeps at most `limit`. Indexes, not objects, per match: a catalog has 10,000 rows. */
export function searchAll<T extends Searchable>(query: string | undefined, rows: T[], limit = 1000): T[] {
  const q = query?.trim().toLowerCase();
  if (!q) return rows.slice(0, limit);
  const ranks = new Uint8Array(rows.length);
  const matched: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const rank = searchRank(q, rows[i]);
    if (rank === null) continue;
    ranks[i] = rank;
    matched.push(i);
  }
  matched.sort((a, b) => ranks[a] - ranks[b] || rows[a].name.length - rows[b].name.length || a - b);
  return matched.slice(0, limit).map((i) => rows[i]);
}
