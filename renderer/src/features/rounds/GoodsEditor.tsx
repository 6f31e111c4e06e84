import { Button, Input, Table } from 'antd';
import type { ApiInput } from '../../api/client';
import type { Translate } from '../../i18n';
import { countOf, type RoundGoods } from './goods';
import { parseYuan, yuanText } from './money';

/** A price-list row as typed: the price in yuan as text (read into fen exactly), the limit as text; `id` when it is a round's line being corrected. */
export interface GoodsRow {
  key: number;
  id?: number;
  name: string;
  spec: string;
  unit: string;
  price: string;
  contents: string;
  perHousehold: string;
}

/** A line of a price list: a round's (沿用, 修改批次) or a supplier's sheet's (从报价单导入). */
type Line = Pick<RoundGoods, 'name' | 'unit' | 'price'> & { spec?: string; contents?: string; perHousehold?: number | null };

let nextKey = 1;
export const newGoodsRow = (g?: Line): GoodsRow => ({
  key: nextKey++, name: g?.name ?? '', spec: g?.spec ?? '', unit: g?.unit ?? '', price: g ? yuanText(g.price) : '',
  contents: g?.contents ?? '', perHousehold: g?.perHousehold ? String(g.perHousehold) : '',
});

export const isBlankRow = (r: GoodsRow) => !r.name.trim() && !r.unit.trim() && !r.price.trim() && !r.spec.trim() && !r.contents.trim();

/** The price list as rounds.create takes it (with each line's `id`, for rounds.update), or the first row's problem. */
export function priceList(rows: readonly GoodsRow[], t: Translate) {
  const used = rows.filter((r) => !isBlankRow(r));
  if (!used.length) return { problem: t('rounds.goodsEmpty') };
  const goods: ApiInput<'rounds.create'>['goods'] = [];
  for (const [i, r] of used.entries()) {
    const n = i + 1;
    if (!r.name.trim()) return { problem: t('rounds.goodsName', { n }) };
    if (!r.unit.trim()) return { problem: t('rounds.goodsUnit', { n, name: r.name }) };
    const price = parseYuan(r.price);
    if (price === null) return { problem: t('rounds.goodsPrice', { n, name: r.name }) };
    const limit = r.perHousehold.trim() ? countOf(r.perHousehold) : undefined;
    if (limit === null) return { problem: t('rounds.goodsLimit', { n, name: r.name }) };
    goods.push({
      name: r.name.trim(), unit: r.unit.trim(), price, ...(r.spec.trim() ? { spec: r.spec.trim() } : {}),
      ...(r.contents.trim() ? { contents: r.contents.trim() } : {}), ...(limit ? { perHousehold: limit } : {}),
    });
  }
  return { goods, ids: used.map((r) => r.id) };
}

/** 价目表: one row per good or 套餐 (with its contents), added and removed freely. */
export function GoodsEditor({ rows, onChange, t }: { rows: GoodsRow[]; onChange(rows: GoodsRow[]): void; t: Translate }) {
  const set = (key: number, patch: Partial<GoodsRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const box = (field: keyof Omit<GoodsRow, 'key'>, max: number, placeholder?: string) => (_: unknown, r: GoodsRow) => (
    <Input value={r[field]} maxLength={max} placeholder={placeholder} data-testid={`goods-${field}`}
      status={field === 'price' && r.price.trim() && parseYuan(r.price) === null ? 'error' : undefined}
      onChange={(e) => set(r.key, { [field]: e.target.value })} />
  );
  return (
    <>
      <Table size="small" rowKey="key" pagination={false} dataSource={rows} data-testid="goods-editor"
        columns={[
          { title: '#', width: 36, render: (_, __, i) => i + 1 },
          { title: t('rounds.goodsNameCol'), width: 170, render: box('name', 40) },
          { title: t('rounds.spec'), width: 130, render: box('spec', 40) },
          { title: t('common.unit'), width: 70, render: box('unit', 8) },
          { title: t('rounds.priceYuan'), width: 100, render: box('price', 14, '0.00') },
          { title: t('rounds.contents'), render: box('contents', 200, t('rounds.contentsHint')) },
          { title: t('rounds.perHousehold'), width: 90, render: box('perHousehold', 4) },
          {
            title: '', width: 56, render: (_, r) => (
              <Button size="small" type="link" danger tabIndex={-1} onClick={() => onChange(rows.length > 1 ? rows.filter((x) => x.key !== r.key) : [newGoodsRow()])}>{t('common.removeLine')}</Button>
            ),
          },
        ]} />
      <Button type="dashed" style={{ marginTop: 8 }} onClick={() => onChange([...rows, newGoodsRow()])} data-testid="goods-add">{t('common.addLine')}</Button>
    </>
  );
}
