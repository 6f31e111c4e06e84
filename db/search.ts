/** Ranks a record against what the clerk typed: name, code, full pinyin or pinyin initials. */
export interface Searchable {
  name: string;
  code?: string;
  pinyin: string;
  initials: string;
}

/** Lower is better; null when the record does not match at all. */
export function searchRank(query: string, r: Searchable): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const code = r.code?.toLowerCase() ?? '';
  const name = r.name.toLowerCase();
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

/** Filters and sorts by rank, then by the given order; keeps at most `limit`. */
export function searchAll<T extends Searchable>(query: string | undefined, rows: T[], limit = 1000): T[] {
  if (!query?.trim()) return rows.slice(0, limit);
  const ranked: { row: T; rank: number; i: number }[] = [];
  rows.forEach((row, i) => {
    const rank = searchRank(query, row);
    if (rank !== null) ranked.push({ row, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.row.name.length - b.row.name.length || a.i - b.i);
  return ranked.slice(0, limit).map((r) => r.row);
}
