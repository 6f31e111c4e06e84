import { Button, Input, Select, Table, Typography, type InputRef, type RefSelectProps } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { countOf, goodsLabel, newOrderLine, rankGoods, type OrderLine, type RoundGoods } from './goods';
import { money } from './money';

/** One line's good, searched in the round's price list by name, pinyin or initials. */
const GoodsPicker = forwardRef<RefSelectProps, { goods: readonly RoundGoods[]; value?: number; disabled?: boolean; onPick(g: RoundGoods): void }>(
  function GoodsPicker({ goods, value, disabled, onPick }, ref) {
    const { t } = useI18n();
    const [q, setQ] = useState('');
    const options = useMemo(() => rankGoods(goods, q).map((g) => ({ value: g.id, label: goodsLabel(g), goods: g })), [goods, q]);
    // The list shows each good's price and limit; the box keeps only its name once chosen.
    const extra = (g: RoundGoods) => [money(g.price), g.perHousehold !== null ? t('rounds.perHouseholdShort', { n: g.perHousehold, unit: g.unit }) : ''].filter(Boolean).join(' · ');
    return (
      <Select<number> ref={ref} value={value} disabled={disabled} options={options} placeholder={t('rounds.goodsHint')} data-testid="order-goods"
        showSearch={{ filterOption: false, onSearch: setQ }} onBlur={() => setQ('')} style={{ width: '100%' }} popupMatchSelectWidth={360}
        optionRender={(o) => <span>{o.label} <Typography.Text type="secondary">{extra(o.data.goods)}</Typography.Text></span>}
        onChange={(id) => {
          setQ('');
          const g = goods.find((x) => x.id === id);
          if (g) onPick(g);
        }} />
    );
  },
);

export interface OrderLinesHandle {
  /** Puts the cursor in the first line's goods box. */
  focusFirst(): void;
}

interface Props {
  goods: readonly RoundGoods[];
  lines: OrderLine[];
  onChange(lines: OrderLine[]): void;
  disabled?: boolean;
}

/**
 * Keyboard-first lines: type a good → Enter → quantity (1 already there, selected) → Enter → the
 * next line's good. Ctrl+Enter is the page's (it records the order).
 */
export const OrderLines = forwardRef<OrderLinesHandle, Props>(function OrderLines({ goods, lines, onChange, disabled }, ref) {
  const { t } = useI18n();
  const byId = useMemo(() => new Map(goods.map((g) => [g.id, g])), [goods]);
  const goodsRefs = useRef(new Map<number, RefSelectProps | null>());
  const qtyRefs = useRef(new Map<number, InputRef | null>());
  const pendingFocus = useRef<{ key: number; field: 'goods' | 'qty' } | null>(null);
  useImperativeHandle(ref, () => ({ focusFirst: () => goodsRefs.current.get(lines[0].key)?.focus() }), [lines]);

  // After each render: a focus waits for its box (the line it is for may be added by this render).
  useEffect(() => {
    const p = pendingFocus.current;
    const target = p && (p.field === 'goods' ? goodsRefs.current.get(p.key) : qtyRefs.current.get(p.key));
    if (!target) return;
    pendingFocus.current = null;
    target.focus();
  });

  const set = (key: number, patch: Partial<OrderLine>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const nextLine = (line: OrderLine) => {
    const at = lines.findIndex((l) => l.key === line.key);
    if (at === lines.length - 1) {
      const added = newOrderLine();
      pendingFocus.current = { key: added.key, field: 'goods' };
      onChange([...lines, added]);
    } else goodsRefs.current.get(lines[at + 1].key)?.focus();
  };

  const columns = [
    { title: '#', width: 36, render: (_: unknown, __: OrderLine, i: number) => i + 1 },
    {
      title: t('rounds.goods'), width: 320, render: (_: unknown, l: OrderLine) => (
        <GoodsPicker ref={(r) => void goodsRefs.current.set(l.key, r)} goods={goods} value={l.goodsId} disabled={disabled}
          onPick={(g) => {
            pendingFocus.current = { key: l.key, field: 'qty' };
            set(l.key, { goodsId: g.id, qty: l.qty || '1' });
          }} />
      ),
    },
    {
      title: t('common.quantity'), width: 100, render: (_: unknown, l: OrderLine) => (
        <Input ref={(r) => void qtyRefs.current.set(l.key, r)} value={l.qty} disabled={disabled} data-testid="order-qty" maxLength={4}
          status={l.qty && countOf(l.qty) === null ? 'error' : undefined} suffix={byId.get(l.goodsId ?? 0)?.unit}
          onFocus={(e) => e.target.select()} onChange={(e) => set(l.key, { qty: e.target.value })}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
            e.preventDefault();
            nextLine(l);
          }} />
      ),
    },
    { title: t('rounds.price'), width: 90, align: 'right' as const, render: (_: unknown, l: OrderLine) => (l.goodsId ? money(byId.get(l.goodsId)!.price) : '') },
    {
      title: t('rounds.amount'), width: 100, align: 'right' as const, render: (_: unknown, l: OrderLine) => {
        const n = countOf(l.qty);
        return l.goodsId && n ? money(byId.get(l.goodsId)!.price * n) : '';
      },
    },
    {
      // Beside the lines at full HD only: at 1366 the list of goods shows the limit as they are chosen.
      title: t('rounds.lineHint'), ellipsis: true, responsive: ['xxl' as const], render: (_: unknown, l: OrderLine) => {
        const g = l.goodsId ? byId.get(l.goodsId) : undefined;
        if (!g) return '';
        const parts = [g.perHousehold !== null ? t('rounds.perHouseholdShort', { n: g.perHousehold, unit: g.unit }) : '', g.contents].filter(Boolean);
        return <Typography.Text type="secondary" title={parts.join(' · ')}>{parts.join(' · ')}</Typography.Text>;
      },
    },
    {
      title: '', width: 56, render: (_: unknown, l: OrderLine) => (
        <Button size="small" type="link" danger tabIndex={-1} disabled={disabled}
          onClick={() => onChange(lines.length > 1 ? lines.filter((x) => x.key !== l.key) : [newOrderLine()])}>{t('common.removeLine')}</Button>
      ),
    },
  ];
  return <Table size="small" rowKey="key" pagination={false} dataSource={lines} columns={columns} data-testid="order-lines" />;
});
