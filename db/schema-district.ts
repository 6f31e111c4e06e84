import type { Generated } from 'kysely';
import type { Flag } from './schema';

/** 下级报送 (migration 0023): the units a consolidating office knows, their packages, goods mapped by hand, reports sent upward. */
export interface DistrictDB {
  sub_units: SubUnitsTable;
  unit_packages: UnitPackagesTable;
  item_mappings: ItemMappingsTable;
  consolidations: ConsolidationsTable;
  allocation_receipts: AllocationReceiptsTable;
  allocation_acks: AllocationAcksTable;
}

export interface SubUnitsTable {
  id: Generated<number>;
  /** 区划代码 (12 digits) or 统一社会信用代码 (18), as in the unit's packages. */
  code: string;
  name: string;
  /** The key's fingerprint, 32 hex digits without spaces. */
  fingerprint: string;
  contact: string;
  phone: string;
  active: Flag;
  created_at: string;
}

export interface UnitPackagesTable {
  id: Generated<number>;
  unit_id: number;
  day: string;
  kind: 'daily' | 'supplement' | 'correction';
  submitted_at: string;
  sha256: string;
  file_name: string;
  /** The package as it arrived (its JSON, signature included). */
  body: string;
  /** The package's figures, a row per good (db/district/figures.ts), for the 汇总表. */
  figures: string;
  imported_at: string;
  imported_by: number;
  /** The resubmission that replaced it; null for the unit's current package of the day. */
  replaced_by: number | null;
}

/** A unit's good (name + spec + unit of measure) that is the district's item `item_id`; `factor` of the district's unit per one of theirs. */
export interface ItemMappingsTable {
  id: Generated<number>;
  name: string;
  spec: string;
  unit: string;
  item_id: number;
  factor: number;
  created_at: string;
  created_by: number;
}

export interface ConsolidationsTable {
  id: Generated<number>;
  day: string;
  /** The consolidated package as signed (its JSON). */
  body: string;
  submitted_at: string;
  submitted_by: number;
}

/** At the unit: the receipt that took in an allocation package of its superior (migration 0025). */
export interface AllocationReceiptsTable {
  document_id: number;
  from_code: string;
  from_name: string;
  allocation_number: string;
  /** The 调拨单 package as it arrived. */
  package: string;
  /** JSON: per line of the allocation, what was sent, what came, and why they differ. */
  lines: string;
}

/** At the district: a unit's 签收 of one of its 调拨出库 documents. */
export interface AllocationAcksTable {
  id: Generated<number>;
  document_id: number;
  unit_id: number;
  receipt_number: string;
  received_at: string;
  lines: string;
  body: string;
  imported_at: string;
  imported_by: number;
}
