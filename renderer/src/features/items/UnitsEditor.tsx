import { Button, Form, Input, InputNumber, Select, Space, Typography, type FormInstance } from 'antd';
import { chainText, decimalText, readUnitList, scaleUnitList, unitListText, type PackUnit } from '../../../../db/units';
import { useI18n, type Translate } from '../../i18n';
import { unitsOf, type EntryItem } from '../../shared/quantity';

/** One row of the editor: 1 箱 = 40 盒 (`of` is the base unit or a unit above it in the list). */
export interface UnitRow {
  unit?: string;
  count?: number;
  of?: string;
}

/** An item's units as rows, each relative to the next smaller unit where it is whole: 盒 = 50 只, 箱 = 40 盒. */
export function unitRows(item: EntryItem): UnitRow[] {
  return (readUnitList(unitListText(unitsOf(item))) ?? []).map((s) => ({ unit: s.unit, count: Number(s.count), of: s.of }));
}

/** The rows scaled to base units, smallest first, or the reason they cannot stand (the unit list's own checks as the ledger words them). */
export function scaledRows(rows: UnitRow[] | undefined, base: string, decimals: number, t: Translate): { ok: true; packs: PackUnit[] } | { ok: false; error: string } {
  const filled = (rows ?? []).filter((r) => r.unit || r.count);
  if (filled.some((r) => !r.unit?.trim() || !r.count)) return { ok: false, error: t('units.incomplete') };
  return scaleUnitList(filled.map((r) => ({ unit: r.unit!.trim(), count: String(r.count), of: r.of && r.of !== base ? r.of : '' })), base, decimals);
}

/** The rows as items.create/update take them: factors in base units as exact decimals. */
export function apiUnits(packs: PackUnit[], decimals: number): { unit: string; factor: string }[] {
  return packs.map((p) => ({ unit: p.unit, factor: decimalText(p.factor, decimals) }));
}

/**
 * The item's pack units (管家婆 辅助单位, 金蝶 多计量单位): each a name and how many of the base unit
 * or of a unit above it one holds, with its whole chain shown ("箱 = 40 盒 = 2000 只"). A change here
 * never changes a posted quantity: the ledger keeps base units.
 */
export function UnitsEditor({ form, decimals }: { form: FormInstance; decimals: number }) {
  const { t } = useI18n();
  const base: string = Form.useWatch('unit', form) ?? '';
  const rows: UnitRow[] | undefined = Form.useWatch('units', form);
  const scaled = base ? scaledRows(rows, base, decimals, t) : null;
  const chain = (name?: string) => {
    if (!scaled?.ok || !name) return '';
    const i = scaled.packs.findIndex((p) => p.unit === name.trim());
    return i < 0 ? '' : chainText({ unit: base, decimals, packs: scaled.packs }, i);
  };
  return (
    <Form.Item label={t('items.units')} extra={scaled && !scaled.ok ? <Typography.Text type="danger">{scaled.error}</Typography.Text> : t('items.unitsHint')}>
      <Form.List name="units">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }} data-testid="unit-row">
                <span>1</span>
                <Form.Item name={[field.name, 'unit']} noStyle>
                  <Input maxLength={8} style={{ width: 80 }} placeholder={t(i === 0 ? 'units.smallExample' : 'units.largeExample')} data-testid="unit-name" />
                </Form.Item>
                <span>=</span>
                <Form.Item name={[field.name, 'count']} noStyle>
                  <InputNumber min={0} style={{ width: 100 }} data-testid="unit-count" />
                </Form.Item>
                <Form.Item name={[field.name, 'of']} noStyle>
                  <Select
                    style={{ width: 90 }}
                    placeholder={base}
                    options={[base, ...(rows ?? []).slice(0, i).map((r) => r?.unit?.trim() ?? '')].filter(Boolean).map((u) => ({ value: u, label: u }))}
                  />
                </Form.Item>
                <Typography.Text type="secondary" data-testid="unit-chain">{chain(rows?.[i]?.unit)}</Typography.Text>
                <Button type="link" size="small" danger onClick={() => remove(field.name)}>{t('common.removeLine')}</Button>
              </Space>
            ))}
            <Button type="dashed" size="small" onClick={() => add({ of: (rows ?? []).at(-1)?.unit?.trim() || base })}>{t('items.addUnit')}</Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
