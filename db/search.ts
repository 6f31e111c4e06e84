/** Ranks a record against what the clerk typed: name, code, full pinyin or pinyin initials. */
export interface Searchable {
  name: string;
  code?: string;
  pinyin: string;
  initials: string;
}

/** A record's search texts, lower-cased once; `all` joins them to reject most records with one test. */
export interface SearchKeys {
  name: string;
  code: string;
  pinyin: string;
  initials: string;
  all: string;
}

export function searchKeys(r: Searchable): SearchKeys {
  const name = lower(r.name);
  const code = r.code ? lower(r.code) : '';
  return { name, code, pinyin: r.pinyin, initials: r.initials, all: `${name}\u0000${code}\u0000${r.pinyin}\u0000${r.initials}` };
}

/** Lower is better; null when the record does not match at all. `q` is trimmed and lower-case. */
export function searchRank(q: string, k: SearchKeys): number | null {
  if (!q) return 0;
  if (!k.all.includes(q)) return null;
  if (k.code === q || k.name === q) return 0;
  if (k.name.startsWith(q)) return 1;
  if (k.initials.startsWith(q)) return 2;
  if (k.pinyin.startsWith(q)) return 3;
  if (k.code.startsWith(q)) return 4;
  if (k.name.includes(q)) return 5;
  if (k.initials.includes(q)) return 6;
  if (k.pinyin.includes(q)) return 7;
  if (k.code.includes(q)) return 8;
  return null;
}

const ASCII_UPPER = /[A-Z]/;
/** Most names have no upper-case letters: skip the copy then. */
const lower = (s: string) => (ASCII_UPPER.test(s) ? s.toLowerCase() : s);

/**
 * Filters and sorts by rank, then by the given order; keeps at most `limit`. Indexes, not objects,
 * per match: a catalog has 10,000 rows. `keys` are the rows' search keys when the caller keeps them
 * (the item catalogue does); otherwise they are made here.
 */
export function searchAll<T extends Searchable>(query: string | undefined, rows: T[], limit = 1000, keys?: SearchKeys[]): T[] {
  const q = query?.trim().toLowerCase();
  if (!q) return rows.slice(0, limit);
  const ranks = new Uint8Array(rows.length);
  const matched: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const rank = searchRank(q, keys ? keys[i] : searchKeys(rows[i]));
    if (rank === null) continue;
    ranks[i] = rank;
    matched.push(i);
  }
  matched.sort((a, b) => ranks[a] - ranks[b] || rows[a].name.length - rows[b].name.length || a - b);
  return matched.slice(0, limit).map((i) => rows[i]);
}
