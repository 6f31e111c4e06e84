import type { Generated } from 'kysely';
import type { Flag } from './schema';

/**
 * 居民代购保供 (migration 0018): households of sealed compounds, their suppliers, and order rounds.
 * Resident purchases are not the office's stock: nothing here writes a movement.
 */
export interface RoundsDB {
  households: HouseholdsTable;
  suppliers: SuppliersTable;
  supplier_certificates: SupplierCertificatesTable;
  rounds: RoundsTable;
  round_compounds: RoundCompoundsTable;
  round_goods: RoundGoodsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_allotments: OrderAllotmentsTable;
}

/** 住户: 社区 → 小区 → 楼栋 → 单元 → 房号, one per address in a compound. */
export interface HouseholdsTable {
  id: Generated<number>;
  community: string;
  compound: string;
  building: string;
  /** '' when the building has no units. */
  unit: string;
  room: string;
  contact: string;
  phone: string;
  /** The contact's pinyin, for search. */
  pinyin: string;
  initials: string;
  elderly_alone: Flag;
  limited_mobility: Flag;
  chronic: Flag;
  /** The usual medicines of a chronic patient (为慢性病患者代买常用药品). */
  medicines: string;
  needs: string;
  active: Generated<Flag>;
  created_at: string;
}

export type SupplierKind = 'supermarket' | 'pharmacy';
export type CertificateKind = 'license' | 'supply' | 'pass';

/** 保供超市 / 药店. */
export interface SuppliersTable {
  id: Generated<number>;
  name: string;
  kind: SupplierKind;
  contact: string;
  phone: string;
  active: Generated<Flag>;
}

/** What a community checks before it orders: 营业执照, 保供企业证明, 通行证, each valid until an office date. */
export interface SupplierCertificatesTable {
  supplier_id: number;
  kind: CertificateKind;
  number: string;
  valid_until: string;
}

export type RoundKind = 'purchase' | 'free';
export type RoundState = 'open' | 'closed';

/** 采购批次: a supplier's goods for some compounds on one day, with a cut-off. */
export interface RoundsTable {
  id: Generated<number>;
  /** DG20261203-01: the office day and its sequence. */
  number: string;
  kind: RoundKind;
  supplier_id: number | null;
  /** The office day the round delivers. */
  day: string;
  /** UTC instant after which orders go to the next round unless the person entering overrides it. */
  cutoff_at: string;
  /** 每户限额: at most this many fen per household's order; null for none. */
  household_limit: number | null;
  state: RoundState;
  note: string;
  created_by: number;
  created_at: string;
  /** How a shortage is shared out at the gate: first order first served, or pro rata. */
  share_rule: Generated<ShareRule>;
  /** 收货核对 done (what arrived is entered and shared out). */
  handed_over_at: string | null;
  handed_over_by: number | null;
  /** Goods that came beyond the order, as noted at the gate. */
  extras: Generated<string>;
  /** The supplier's bill for the round, in fen, for 对账. */
  supplier_bill: number | null;
  /** When its orders let go of their households (隐私). */
  anonymised_at: string | null;
  /** A free distribution: the compound's checkpoint, its pickup person, and the issue slip it posted. */
  checkpoint_id: number | null;
  person_id: number | null;
  document_id: number | null;
}

export type ShareRule = 'first' | 'prorata';
export type PayMethod = 'wechat' | 'alipay' | 'cash' | 'proxy';

export interface RoundCompoundsTable {
  round_id: number;
  compound: string;
}

/** A line of the round's price list: a good or a 套餐 (bundle, with its contents). */
export interface RoundGoodsTable {
  id: Generated<number>;
  round_id: number;
  name: string;
  spec: string;
  unit: string;
  /** 分. */
  price: number;
  /** A bundle's contents (蔬菜包: 白菜 1 棵、土豆 1 斤…); '' for a single good. */
  contents: string;
  /** 每户限购: at most this many per household; null for none. */
  per_household: number | null;
  pinyin: string;
  initials: string;
  /** What arrived at the gate; null until the hand-over. */
  delivered: number | null;
  /** A substitute brought instead of this good of the round. */
  replaces_id: number | null;
  /** A free distribution's good: the warehouse item it is. */
  item_id: number | null;
}

/** 住户订单: one per household and round; a second request merges into it. */
export interface OrdersTable {
  id: Generated<number>;
  round_id: number;
  /** Null once the round is anonymised (its compound, building and special-needs flag stay below). */
  household_id: number | null;
  /** How many requests were merged into this order (1 for the first). */
  requests: number;
  /** The requests' notes, one per line, each with its time ("14:05 追加:…"). */
  note: string;
  created_at: string;
  created_by: number;
  updated_at: string;
  paid_amount: number | null;
  pay_method: PayMethod | null;
  /** Who paid, when not the household itself (代付: a neighbour, the community). */
  payer: Generated<string>;
  paid_at: string | null;
  paid_by: number | null;
  delivered_at: string | null;
  delivered_by: number | null;
  delivery_note: Generated<string>;
  /** Kept when the round is anonymised, for its totals ('' and 0 until then). */
  compound: Generated<string>;
  building: Generated<string>;
  special: Generated<Flag>;
}

export interface OrderLinesTable {
  id: Generated<number>;
  order_id: number;
  goods_id: number;
  quantity: number;
}

/** What a household really gets of a good after the hand-over (shortages shared, substitutes accepted). */
export interface OrderAllotmentsTable {
  order_id: number;
  goods_id: number;
  quantity: number;
}
