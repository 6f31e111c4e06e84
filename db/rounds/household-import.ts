import type { Database } from 'better-sqlite3';
import type { CellValue } from '../../excel/read-table';
import { fail } from '../errors';
import { findHeaderRow, normalizeHeader } from '../import/mapping';
import type { Tx } from '../open';
import { all, qb, run } from '../sql';
import { householdCreateInput, plainAddress, rowValues, splitAddress } from './households';

/*
 * 住户导入: the grid worker's sheet (网格员住户台账), all or nothing like the catalogue import. A row
 * is checked with the same schema as households.create; an address already registered is updated
 * (the grid worker's list is the newer one), an address twice in the file is an error on the later row.
 */

const FIELDS = ['community', 'compound', 'building', 'unit', 'room', 'address', 'contact', 'phone', 'elderlyAlone', 'limitedMobility', 'chronic', 'medicines', 'needs'] as const;
type Field = (typeof FIELDS)[number];

const SYNONYMS: Record<Field, string[]> = {
  community: ['社区', '所属社区'],
  compound: ['小区', '小区名称', '所属小区'],
  building: ['楼栋', '楼号', '栋', '幢', '楼栋号'],
  unit: ['单元', '单元号'],
  room: ['房号', '门牌号', '室', '房间号', '户号'],
  address: ['地址', '住址', '楼栋单元房号', '门牌'],
  contact: ['联系人', '户主', '姓名', '户主姓名', '居民姓名'],
  phone: ['电话', '联系电话', '手机', '手机号', '手机号码'],
  elderlyAlone: ['独居老人', '独居'],
  limitedMobility: ['行动不便'],
  chronic: ['慢性病', '慢病', '慢性病患者'],
  medicines: ['常用药品', '药品', '常用药'],
  needs: ['其他需求', '特殊需求', '备注'],
};

const LABELS: Record<Field, string> = {
  community: '社区', compound: '小区', building: '楼栋', unit: '单元', room: '房号', address: '地址', contact: '联系人', phone: '电话',
  elderlyAlone: '独居老人', limitedMobility: '行动不便', chronic: '慢性病', medicines: '常用药品', needs: '其他需求',
};

const YES = new Set(['是', '√', '✓', '✔', '1', 'y', 'yes', '有', 'true']);
const NO = new Set(['', '否', '×', '0', 'n', 'no', '无', 'false']);


export interface ImportRow {
  /** 1-based row of the sheet. */
  row: number;
  values: Record<string, string | boolean>;
  errors: string[];
  /** An address already registered: the row updates it. */
  existingId: number | null;
}

export interface HouseholdPlan {
  headerRow: number;
  mapping: Partial<Record<Field, number>>;
  rows: ImportRow[];
  errorCount: number;
  creates: number;
  updates: number;
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

export function planHouseholdImport(db: Database, table: CellValue[][]): HouseholdPlan {
  const headerRow = findHeaderRow(table, (h) => FIELDS.some((f) => SYNONYMS[f].includes(h)));
  const headers = (table[headerRow] ?? []).map(normalizeHeader);
  const mapping: Partial<Record<Field, number>> = {};
  for (const f of FIELDS) {
    const at = headers.findIndex((h, i) => h && SYNONYMS[f].includes(h) && !Object.values(mapping).includes(i));
    if (at >= 0) mapping[f] = at;
  }
  const existing = new Map(all(db, qb.selectFrom('households').select(['id', 'compound', 'building', 'unit', 'room'])).map((h) => [key(h), h.id]));
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const missing = (['compound'] as Field[]).filter((f) => mapping[f] === undefined);
  if (mapping.room === undefined && mapping.address === undefined) missing.push('room');
  table.slice(headerRow + 1).forEach((cells, i) => {
    const row = headerRow + 2 + i;
    const cell = (f: Field) => (mapping[f] === undefined ? '' : text(cells[mapping[f]!]));
    if (FIELDS.every((f) => cell(f) === '')) return;
    // A 合计 line at the foot of the grid worker's sheet is not a household.
    if (cells.some((c) => /^(合计|总计|小计)/.test(text(c))) && !cell('room') && !cell('address')) return;
    const errors: string[] = missing.map((f) => `表格中没有“${LABELS[f]}”列`);
    const flag = (f: Field) => {
      const v = cell(f).toLowerCase();
      if (YES.has(v)) return true;
      if (!NO.has(v)) errors.push(`${LABELS[f]}“${cell(f)}”应填“是”或留空`);
      return false;
    };
    let [building, unit, room] = [cell('building'), cell('unit'), cell('room')];
    if (!building && !room && cell('address')) {
      // "3-2-602", "3栋2单元602", "3号楼602室", as the order screen reads them (no compound before it: that is its own column).
      const said = splitAddress(cell('address'));
      if (said && !said.place) [building, unit, room] = [said.building, said.unit ?? '', said.room];
      else errors.push(`地址“${cell('address')}”无法识别,请写成 3-2-602 或 3栋2单元602`);
    }
    // 慢性病 is often filled with the illness itself ("高血压"): it says yes, and what it is goes with the medicines.
    const illness = cell('chronic') && !YES.has(cell('chronic').toLowerCase()) && !NO.has(cell('chronic').toLowerCase()) ? cell('chronic') : '';
    const values = {
      community: cell('community'), compound: cell('compound'), building, unit, room, contact: cell('contact'), phone: cell('phone'),
      elderlyAlone: flag('elderlyAlone'), limitedMobility: flag('limitedMobility'), chronic: illness ? true : flag('chronic'),
      medicines: [illness, cell('medicines')].filter(Boolean).join(':'), needs: cell('needs'),
    };
    const parsed = householdCreateInput.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${LABELS[String(issue.path[0]) as Field] ?? String(issue.path[0])}:${issue.message}`);
    }
    const k = key(values);
    if (seen.has(k)) errors.push(`与第 ${seen.get(k)} 行地址相同(${values.compound} ${[building, unit, room].filter(Boolean).join('-')})`);
    else seen.set(k, row);
    rows.push({ row, values, errors, existingId: existing.get(k) ?? null });
  });
  const good = rows.filter((r) => r.errors.length === 0);
  return {
    headerRow: headerRow + 1, mapping, rows, errorCount: rows.length - good.length,
    creates: good.filter((r) => r.existingId === null).length, updates: good.filter((r) => r.existingId !== null).length,
  };
}

/** Everything or nothing: a plan with an error is refused whole. */
export function commitHouseholdImport(tx: Tx, plan: HouseholdPlan): { created: number; updated: number } {
  if (plan.rows.length === 0) fail('INVALID_INPUT', '表格中没有住户。');
  if (plan.errorCount > 0) fail('INVALID_INPUT', `共 ${plan.rows.length} 行,其中 ${plan.errorCount} 行有错误,未导入任何住户。请修改表格后重新导入。`);
  const at = tx.clock.now().toISOString();
  for (const r of plan.rows) {
    const values = rowValues(householdCreateInput.parse(r.values));
    if (r.existingId === null) run(tx.db, qb.insertInto('households').values({ ...values, created_at: at }));
    else run(tx.db, qb.updateTable('households').set({ ...values, active: 1 }).where('id', '=', r.existingId));
  }
  return { created: plan.creates, updated: plan.updates };
}

function key(h: { compound: string; building: string; unit: string; room: string }): string {
  const a = plainAddress(h);
  return [h.compound, a.building, a.unit, a.room].join('\u0000');
}
