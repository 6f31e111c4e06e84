import { Button, Input, Select, Table, Typography } from 'antd';
import type { ApiInput } from '../../api/client';
import type { Translate } from '../../i18n';
import { countOf, goodsLabel, type RoundGoods } from './goods';
import { parseYuan, yuanText } from './money';
import { whereOf, type SettledOrder, type Settlement } from './settle';

/** A substitute as typed: the price in yuan as text, the households it goes to (none: all short ones, first come). */
export interface SubstituteRow {
  key: number;
  replaces?: number;
  name: string;
  spec: string;
  unit: string;
  price: string;
  quantity: string;
  to: number[];
}

let nextKey = 1;
export const newSubstitute = (patch: Partial<SubstituteRow> = {}): SubstituteRow => ({ key: nextKey++, name: '', spec: '', unit: '', price: '', quantity: '', to: [], ...patch });

/** The substitutes brought at an earlier hand-over with the households that took them (the settlement's), to start a redo from. */
export const earlierSubstitutes = (goods: readonly RoundGoods[], taken: Settlement['substitutes']): SubstituteRow[] =>
  goods.filter((g) => g.replacesId !== null).map((g) => newSubstitute({
    replaces: g.replacesId!, name: g.name, spec: g.spec, unit: g.unit, price: yuanText(g.price), quantity: String(g.delivered ?? ''),
    to: taken.find((x) => x.goodsId === g.id)?.takers ?? [],
  }));

type Substitute = NonNullable<ApiInput<'rounds.handover'>['substitutes']>[number];

/** The substitutes as rounds.handover takes them, or the first row's problem. `takers` are the households short of a good. */
export function substitutesOf(rows: readonly SubstituteRow[], short: ReadonlyMap<number, RoundGoods>, takers: (goodsId: number) => SettledOrder[], t: Translate) {
  const out: Substitute[] = [];
  for (const [i, r] of rows.entries()) {
    const row = t('gate.subRow', { n: i + 1 });
    if (r.replaces === undefined) return { problem: t('gate.subPickReplaced', { row }) };
    const original = short.get(r.replaces);
    if (!original) return { problem: t('gate.subNotShort', { row, name: r.name || '—' }) };
    if (!r.name.trim()) return { problem: t('gate.subName', { row }) };
    if (!r.unit.trim()) return { problem: t('gate.subUnit', { row }) };
    const price = parseYuan(r.price);
    if (price === null) return { problem: t('gate.subPrice', { row }) };
    const quantity = countOf(r.quantity);
    if (quantity === null) return { problem: t('gate.subQuantity', { row }) };
    const open = new Set(takers(r.replaces).map((o) => o.orderId));
    const to = r.to.filter((o) => open.has(o));
    out.push({ replacesGoodsId: r.replaces, name: r.name.trim(), unit: r.unit.trim(), price, quantity, ...(r.spec.trim() ? { spec: r.spec.trim() } : {}), ...(to.length ? { to } : {}) });
  }
  return { substitutes: out };
}

interface Props {
  rows: SubstituteRow[];
  onChange(rows: SubstituteRow[]): void;
  /** The goods that came short, by id. */
  short: ReadonlyMap<number, RoundGoods>;
  takers(goodsId: number): SettledOrder[];
  disabled: boolean;
  t: Translate;
}

/** 替代品: which short good each replaces, what it is, and which of the households short of that good take it. */
export function SubstitutesEditor({ rows, onChange, short, takers, disabled, t }: Props) {
  const set = (key: number, patch: Partial<SubstituteRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const box = (field: 'name' | 'spec' | 'unit' | 'price' | 'quantity', max: number, placeholder?: string) => (_: unknown, r: SubstituteRow) => (
    <Input value={r[field]} maxLength={max} placeholder={placeholder} disabled={disabled} data-testid={`sub-${field}`}
      status={(field === 'price' && r.price.trim() && parseYuan(r.price) === null) || (field === 'quantity' && r.quantity.trim() && countOf(r.quantity) === null) ? 'error' : undefined}
      onChange={(e) => set(r.key, { [field]: e.target.value })} />
  );
  const goodsOptions = [...short.values()].map((g) => ({ value: g.id, label: goodsLabel(g) }));
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('gate.substitutesHint')}</Typography.Paragraph>
      {rows.length > 0 && (
        <Table<SubstituteRow> size="small" rowKey="key" pagination={false} dataSource={rows} data-testid="gate-substitutes"
          columns={[
            {
              title: t('gate.replaces'), width: 170, render: (_, r) => (
                <Select<number> value={r.replaces} options={goodsOptions} placeholder={t('gate.pickReplaced')} disabled={disabled} style={{ width: '100%' }}
                  data-testid="sub-replaces" showSearch={{ optionFilterProp: 'label' }} onChange={(v) => set(r.key, { replaces: v, to: [] })} />
              ),
            },
            { title: t('rounds.goodsNameCol'), width: 140, render: box('name', 40) },
            { title: t('rounds.spec'), width: 100, render: box('spec', 40) },
            { title: t('common.unit'), width: 64, render: box('unit', 8) },
            { title: t('rounds.priceYuan'), width: 90, render: box('price', 14, '0.00') },
            { title: t('common.quantity'), width: 72, render: box('quantity', 4) },
            {
              title: t('gate.takers'), render: (_, r) => {
                const open = r.replaces === undefined ? [] : takers(r.replaces);
                const ids = new Set(open.map((o) => o.orderId));
                return (
                  <Select<number[]> mode="multiple" value={r.to.filter((o) => ids.has(o))} disabled={disabled || r.replaces === undefined} style={{ width: '100%' }}
                    placeholder={t('gate.takersAll')} maxTagCount="responsive" data-testid="sub-to" showSearch={{ optionFilterProp: 'label' }}
                    options={open.map((o) => ({ value: o.orderId, label: `${whereOf(o)} ${o.contact}` }))} onChange={(to) => set(r.key, { to })} />
                );
              },
            },
            {
              title: '', width: 56, render: (_, r) => (
                <Button size="small" type="link" danger tabIndex={-1} disabled={disabled} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>{t('common.removeLine')}</Button>
              ),
            },
          ]} />
      )}
      <Button type="dashed" style={{ marginTop: 8 }} disabled={disabled || short.size === 0} data-testid="sub-add"
        onClick={() => onChange([...rows, newSubstitute({ replaces: [...short.keys()][0] })])}>{t('gate.addSubstitute')}</Button>
    </>
  );
}
