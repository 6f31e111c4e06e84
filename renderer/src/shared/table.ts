import type { TablePaginationConfig } from 'antd';
import type { ColumnFilterItem } from 'antd/es/table/interface';

/** 共 N 条 under a table: the count is the answer's own total, not the rows on this page. */
export function totalText(t: (key: 'table.total', vars: { total: number }) => string) {
  return (total: number) => t('table.total', { total });
}

/** A paginated table's pagination, always showing 共 N 条. */
export function paging(t: (key: 'table.total', vars: { total: number }) => string, extra: TablePaginationConfig = {}): TablePaginationConfig {
  return { showSizeChanger: false, showTotal: totalText(t), ...extra };
}

/** Sorting by text as a clerk reads it: Chinese by pinyin order, numbers inside codes by value. */
const collator = new Intl.Collator('zh-CN', { numeric: true });
export const byText = <T>(get: (r: T) => string | null | undefined) => (a: T, b: T) => collator.compare(get(a) ?? '', get(b) ?? '');
export const byNumber = <T>(get: (r: T) => number | null | undefined) => (a: T, b: T) => (get(a) ?? 0) - (get(b) ?? 0);

/** Header filters from the values present in the rows (each once, in the order first seen). */
export function filtersOf<T>(rows: readonly T[], get: (r: T) => string | null | undefined, label: (v: string) => string = (v) => v): ColumnFilterItem[] {
  const seen = new Set<string>();
  for (const r of rows) {
    const v = get(r);
    if (v) seen.add(v);
  }
  return [...seen].map((v) => ({ text: label(v), value: v }));
}
