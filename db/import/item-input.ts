import type { z } from 'zod';
import { categoryCreateInput } from '../reference/catalog';
import { itemCreateInput } from '../reference/items';

/**
 * The items.create schema without the category (an import names it, and may create it at commit):
 * an imported item passes exactly the checks a typed-in one does.
 */
const newItemInput = itemCreateInput.omit({ categoryId: true });
export type NewItemInput = z.output<typeof newItemInput>;

const LABELS: Record<string, string> = {
  code: '物资编码', name: '物资名称', spec: '规格型号', unit: '计量单位', packUnit: '包装单位', packFactor: '包装换算', units: '包装',
  decimals: '小数位', minStock: '最低库存', tracksBatches: '批次管理', durable: '耐用品', unitPrice: '单价', active: '状态',
};

/** One message per problem, named by the column the user sees. */
function describe(issue: z.core.$ZodIssue, label: string): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return `${label}最多 ${String(issue.maximum)} 个字`;
  return `${label}${issue.message}`;
}

export function checkNewItem(raw: z.input<typeof newItemInput>): { item: NewItemInput; errors: [] } | { item: null; errors: string[] } {
  const parsed = newItemInput.safeParse(raw);
  if (parsed.success) return { item: parsed.data, errors: [] };
  return { item: null, errors: parsed.error.issues.map((i) => describe(i, LABELS[String(i.path[0])] ?? String(i.path[0] ?? ''))) };
}

/** A category name as categories.create takes it. */
export function checkCategoryName(name: string): string[] {
  const parsed = categoryCreateInput.shape.name.safeParse(name);
  return parsed.success ? [] : parsed.error.issues.map((i) => describe(i, '类别'));
}
