import { Button, Input, InputNumber, Table, Typography, type InputRef, type RefSelectProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef } from 'react';
import type { ApiOutput } from '../api/client';
import { useApi } from '../api/hooks';
import { useI18n } from '../i18n';
import { zh } from '../i18n/parts/forms';
import { chinese, type Translate } from '../i18n/translate';
import { ItemPicker } from './pickers';
import { parseEntry, qtyPlaceholder } from './quantity';

export type LineItem = ApiOutput<'items.get'>;

export interface Line {
  key: number;
  item?: LineItem;
  qty: string;
  batchNo?: string;
  productionDate?: string;
  expiryDate?: string;
  price?: number;
  note?: string;
  /** Outgoing: the batch chosen (else first expiry first). */
  batchId?: number;
  /** A loss's reason (过期, 破损:…). */
  reason?: string;
}

type IncomingField = 'batch' | 'production' | 'expiry' | 'price';

let nextKey = 1;
export const newLine = (patch: Partial<Line> = {}): Line => ({ key: nextKey++, qty: '', ...patch });

/**
 * The quantity parser's fixed messages (db/units.ts, shared with the ledger) in the screen's language; others as they are.
 * The catalog's Chinese for these keys is the parser's wording, word for word.
 */
const QTY_KEYS = ['form.qtyEmpty', 'form.qtyPositive', 'form.qtyInteger', 'form.qtyTooLarge'] as const;
function quantityError(error: string, t: Translate): string {
  const key = QTY_KEYS.find((k) => zh[k] === error);
  if (key) return t(key);
  const places = /^数量最多 (\d) 位小数$/.exec(error);
  return places ? t('form.qtyDecimals', { d: places[1] }) : error;
}

/** Checks the lines before sending; returns the first problem in the screen's language (Chinese without `t`), or null. */
export function lineProblem(lines: Line[], incoming: boolean, t: Translate = chinese): string | null {
  const used = lines.filter((l) => l.item || l.qty);
  if (used.length === 0) return t('form.linesEmpty');
  for (const [i, l] of used.entries()) {
    const n = i + 1;
    if (!l.item) return t('form.linePickItem', { n });
    const q = parseEntry(l.qty, l.item);
    if (!q.ok) return t('form.lineQuantity', { n, item: l.item.name, error: quantityError(q.error, t) });
    if (incoming && l.item.tracksBatches && !l.batchNo) return t('form.lineBatch', { n, item: l.item.name });
    if (l.expiryDate && !/^\d{4}-\d{2}-\d{2}$/.test(l.expiryDate)) return t('form.lineExpiryFormat', { n });
    if (l.productionDate && l.expiryDate && l.expiryDate <= l.productionDate) return t('form.lineExpiryOrder', { n });
  }
  return null;
}

/** The lines as the API wants them (quantities in base units as exact decimal strings). */
export function apiLines(lines: Line[], incoming: boolean) {
  return lines
    .filter((l) => l.item)
    .map((l) => {
      const q = parseEntry(l.qty, l.item!);
      return {
        itemId: l.item!.id,
        quantity: q.ok ? q.base : l.qty,
        // What was typed in packs ("2盒10只"): the server parses it again and refuses a line where it is not the quantity.
        ...(q.ok && q.entered ? { entered: q.entered } : {}),
        ...(incoming && l.batchNo ? { batchNo: l.batchNo } : {}),
        ...(incoming && l.productionDate ? { productionDate: l.productionDate } : {}),
        ...(incoming && l.expiryDate ? { expiryDate: l.expiryDate } : {}),
        ...(incoming && l.price !== undefined ? { unitPrice: Math.round(l.price * 100) } : {}),
        ...(!incoming && l.batchId ? { batchId: l.batchId } : {}),
        ...(l.reason ? { reason: l.reason } : {}),
        ...(l.note ? { note: l.note } : {}),
      };
    });
}

interface Props {
  lines: Line[];
  onChange(lines: Line[]): void;
  /** Receipts: batch, dates and price columns. */
  incoming?: boolean;
  durableOnly?: boolean;
  /** Ctrl+Enter anywhere in the lines. */
  onSubmit?(): void;
  /** Set to a line key to move the focus to that line's item box. */
  focusKey?: number;
  /** The store the document names (several stores only): 可用 is its stock. */
  storeId?: number;
  /** Returns: what the checkpoint holds per item (可退) instead of the warehouse's stock. */
  held?: Map<number, number> | null;
  /** Columns of the screen's own, before 备注 (a loss's reason, a batch choice: the first-expiry hint then goes). */
  extra?: ColumnsType<Line>;
}

/**
 * Keyboard-first lines: type to find an item → Enter → quantity → Enter → the next line.
 * Available stock is shown on every line.
 */
export function DocLines({ lines, onChange, incoming, durableOnly, onSubmit, focusKey, held, storeId, extra = [] }: Props) {
  const { t } = useI18n();
  // The stock of the goods on the lines only (a catalogue can hold thousands of items); receipts show none.
  const itemIds = useMemo(() => [...new Set(lines.flatMap((l) => (l.item ? [l.item.id] : [])))].sort((a, b) => a - b), [lines]);
  const stock = useApi('stock.list', { itemIds, ...(storeId ? { storeId } : {}) }, !incoming && !held && itemIds.length > 0);
  const available = useMemo(() => new Map((stock.data ?? []).map((s) => [s.itemId, s.quantity])), [stock.data]);
  const batches = useMemo(() => new Map((stock.data ?? []).map((s) => [s.itemId, s.batches])), [stock.data]);
  /** The batches the ledger will take, first expiry first (expired ones are skipped), as a hint. */
  const fefoPlan = (l: Line): string => {
    const q = l.item && l.qty ? parseEntry(l.qty, l.item) : null;
    const list = l.item ? (batches.get(l.item.id) ?? []).filter((b) => !b.expired && b.batchNo) : [];
    if (!q?.ok || list.length === 0) return '';
    let left = Number(q.base);
    const parts: string[] = [];
    for (const b of list) {
      if (left <= 0) break;
      const take = Math.min(left, b.quantity);
      parts.push(`${b.batchNo}×${take}`);
      left -= take;
    }
    return parts.join(',');
  };
  const itemRefs = useRef(new Map<number, RefSelectProps | null>());
  const qtyRefs = useRef(new Map<number, InputRef | null>());
  const pendingFocus = useRef<{ key: number; field: 'item' | 'qty' } | null>(null);

  // After each render: a focus waits for its box (a render for something else, such as the stock
  // arriving, may come before the one that adds the line).
  useEffect(() => {
    const p = pendingFocus.current;
    const target = p && (p.field === 'item' ? itemRefs.current.get(p.key) : qtyRefs.current.get(p.key));
    if (!target) return;
    pendingFocus.current = null;
    target.focus();
  });
  useEffect(() => {
    if (focusKey !== undefined) itemRefs.current.get(focusKey)?.focus();
  }, [focusKey]);

  const set = (key: number, patch: Partial<Line>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  /** A receipt's boxes after the quantity, in the order Enter walks them (batch boxes only for batch-tracked goods). */
  const fieldRefs = useRef(new Map<string, { focus(): void } | null>());
  const fieldRef = (key: number, field: IncomingField) => (r: { focus(): void } | null) => void fieldRefs.current.set(`${key}:${field}`, r);
  const nextLine = (line: Line) => {
    const last = lines[lines.length - 1];
    if (last.key === line.key) {
      const added = newLine();
      pendingFocus.current = { key: added.key, field: 'item' };
      onChange([...lines, added]);
    } else {
      const next = lines[lines.findIndex((l) => l.key === line.key) + 1];
      itemRefs.current.get(next.key)?.focus();
    }
  };
  /** Enter on a receipt box: the next box of the line (批号 → 生产日期 → 有效期 → 单价), then the next line. */
  const incomingEnter = (e: React.KeyboardEvent, line: Line, from: 'qty' | IncomingField) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const order: IncomingField[] = line.item?.tracksBatches ? ['batch', 'production', 'expiry', 'price'] : ['price'];
    const next = order[from === 'qty' ? 0 : order.indexOf(from) + 1];
    const target = next && fieldRefs.current.get(`${line.key}:${next}`);
    if (target) target.focus();
    else nextLine(line);
  };
  const keys = (e: React.KeyboardEvent, line: Line, field: 'item' | 'qty') => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      // Handled here: the page's own Ctrl+Enter must not post the same slip a second time.
      e.preventDefault();
      e.stopPropagation();
      onSubmit?.();
      return;
    }
    if (field === 'qty' && e.key === 'Enter') {
      if (incoming) incomingEnter(e, line, 'qty');
      else {
        e.preventDefault();
        nextLine(line);
      }
    }
  };
  const onField = (line: Line, field: IncomingField) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      onSubmit?.();
    } else incomingEnter(e, line, field);
  };

  const columns = [
    { title: '#', width: 40, render: (_: unknown, __: Line, i: number) => i + 1 },
    {
      title: t('common.item'), width: extra.length ? 240 : 300, render: (_: unknown, l: Line) => (
        <div onKeyDownCapture={(e) => keys(e, l, 'item')}>
          <ItemPicker
            ref={(r) => void itemRefs.current.set(l.key, r)}
            value={l.item?.id}
            selected={l.item}
            durableOnly={durableOnly}
            data-testid="line-item"
            onItem={(item) => {
              pendingFocus.current = { key: l.key, field: 'qty' };
              set(l.key, { item, price: item.unitPrice ? item.unitPrice / 100 : undefined });
            }}
          />
        </div>
      ),
    },
    {
      title: t('common.quantity'), width: 150, render: (_: unknown, l: Line) => {
        const parsed = l.item && l.qty ? parseEntry(l.qty, l.item) : null;
        return (
          <div>
            <Input
              ref={(r) => void qtyRefs.current.set(l.key, r)}
              value={l.qty}
              data-testid="line-qty"
              status={parsed && !parsed.ok ? 'error' : undefined}
              placeholder={l.item ? qtyPlaceholder(l.item, t) : ''}
              onChange={(e) => set(l.key, { qty: e.target.value })}
              onKeyDown={(e) => keys(e, l, 'qty')}
              suffix={l.item?.unit}
            />
            {parsed && (parsed.ok ? parsed.base !== l.qty.trim() && <Typography.Text type="secondary" data-testid="line-qty-base">= {parsed.shown}</Typography.Text> : <Typography.Text type="danger">{parsed.error}</Typography.Text>)}
          </div>
        );
      },
    },
    ...(incoming
      ? [
          { title: t('common.batch'), width: 120, render: (_: unknown, l: Line) => <Input ref={fieldRef(l.key, 'batch')} onKeyDown={onField(l, 'batch')} data-testid="line-batch-no" value={l.batchNo} disabled={!l.item?.tracksBatches} maxLength={40} onChange={(e) => set(l.key, { batchNo: e.target.value })} /> },
          { title: t('common.production'), width: 130, render: (_: unknown, l: Line) => <Input ref={fieldRef(l.key, 'production')} onKeyDown={onField(l, 'production')} data-testid="line-production" value={l.productionDate} placeholder="2026-10-01" disabled={!l.item?.tracksBatches} onChange={(e) => set(l.key, { productionDate: e.target.value })} /> },
          { title: t('common.expiry'), width: 130, render: (_: unknown, l: Line) => <Input ref={fieldRef(l.key, 'expiry')} onKeyDown={onField(l, 'expiry')} data-testid="line-expiry" value={l.expiryDate} placeholder="2027-10-01" disabled={!l.item?.tracksBatches} onChange={(e) => set(l.key, { expiryDate: e.target.value })} /> },
          { title: t('receipt.unitPrice'), width: 110, render: (_: unknown, l: Line) => <InputNumber ref={fieldRef(l.key, 'price')} onKeyDown={onField(l, 'price')} data-testid="line-price" value={l.price} min={0} precision={2} style={{ width: '100%' }} onChange={(v) => set(l.key, { price: v ?? undefined })} /> },
        ]
      : [
          held
            ? { title: t('lines.returnable'), width: 110, align: 'right' as const, render: (_: unknown, l: Line) => (l.item ? `${held.get(l.item.id) ?? 0} ${l.item.unit}` : '') }
            : { title: t('common.available'), width: 110, align: 'right' as const, render: (_: unknown, l: Line) => (l.item ? (available.has(l.item.id) ? `${available.get(l.item.id)} ${l.item.unit}` : '…') : '') },
          ...(held || extra.length ? [] : [{ title: t('lines.batches'), width: 190, render: (_: unknown, l: Line) => <Typography.Text type="secondary">{l.batchId ? '' : fefoPlan(l)}</Typography.Text> }]),
        ]),
    ...extra,
    // 备注 keeps room to type at 1366 even beside a loss's batch and reason columns (the item column gives way first).
    { title: t('common.note'), minWidth: 160, render: (_: unknown, l: Line) => <Input value={l.note} maxLength={200} onChange={(e) => set(l.key, { note: e.target.value })} /> },
    {
      title: '', width: 60, render: (_: unknown, l: Line) => (
        <Button size="small" type="link" danger tabIndex={-1} onClick={() => onChange(lines.length > 1 ? lines.filter((x) => x.key !== l.key) : [newLine()])}>
          {t('common.removeLine')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table size="small" rowKey="key" pagination={false} dataSource={lines} columns={columns} />
      <Button type="dashed" style={{ marginTop: 8 }} onClick={() => onChange([...lines, newLine()])}>{t('common.addLine')}</Button>
    </>
  );
}
