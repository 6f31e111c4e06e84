import type { Generated, Insertable, Selectable } from 'kysely';
import type { RoundsDB } from './schema-rounds';
import type { DistrictDB } from './schema-district';
import type { DonationsDB } from './schema-donations';

/** The kysely view of the tables. Rows stay separate from the shapes the API returns. */
export interface DB extends RoundsDB, DistrictDB, DonationsDB {
  settings: SettingsTable;
  report_templates: ReportTemplatesTable;
  users: UsersTable;
  categories: CategoriesTable;
  items: ItemsTable;
  item_units: ItemUnitsTable;
  stores: StoresTable;
  sources: SourcesTable;
  checkpoints: CheckpointsTable;
  people: PeopleTable;
  batches: BatchesTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  movements: MovementsTable;
  stock: StockTable;
  holdings: HoldingsTable;
  doc_counters: DocCountersTable;
  schema_migrations: SchemaMigrationsTable;
  print_log: PrintLogTable;
  login_failures: LoginFailuresTable;
  catalog_version: CatalogVersionTable;
  daily_reports: DailyReportsTable;
  report_files: ReportFilesTable;
  audit_log: AuditLogTable;
  office_keys: OfficeKeysTable;
}

/** 社区工作人员 (community): resident purchase rounds only, nothing of the warehouse. */
export type Role = 'admin' | 'clerk' | 'liaison' | 'leader' | 'readonly' | 'community';
export type SourceType = 'allocation' | 'purchase' | 'donation' | 'other';
export type DocType =
  | 'receipt'
  | 'issue'
  | 'return'
  | 'loan'
  | 'loan_return'
  | 'stocktake'
  | 'loss'
  | 'transfer_out'
  | 'move'
  | 'void';
export type DocState = 'posted' | 'voided';
/** SQLite booleans. */
export type Flag = 0 | 1;

export interface SettingsTable {
  key: string;
  value: string;
}
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  phone: string;
  active: Generated<Flag>;
  created_at: string;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  password_changed_at: string | null;
}
export interface LoginFailuresTable {
  username: string;
  /** Where the attempts came from: 'local' (this machine, the desktop window) or the LAN address. */
  source: string;
  failures: number;
  last_at: string;
  locked_until: string | null;
}
export interface CategoriesTable {
  id: Generated<number>;
  name: string;
  sort: Generated<number>;
  active: Generated<Flag>;
}
export interface ItemsTable {
  id: Generated<number>;
  code: string;
  name: string;
  spec: string;
  category_id: number;
  unit: string;
  pack_unit: string | null;
  pack_factor: number | null;
  decimals: number;
  min_stock: number;
  tracks_batches: Flag;
  durable: Flag;
  unit_price: number;
  active: Generated<Flag>;
  pinyin: string;
  initials: string;
  created_at: string;
}
/** An item's pack units, smallest first; `factor` in scaled base units (migration 0016). */
export interface ItemUnitsTable {
  item_id: number;
  position: number;
  unit: string;
  factor: number;
}
export interface StoresTable {
  id: Generated<number>;
  name: string;
  is_default: Flag;
  active: Generated<Flag>;
}
export interface SourcesTable {
  id: Generated<number>;
  name: string;
  type: SourceType;
  active: Generated<Flag>;
  pinyin: string;
  initials: string;
}
export interface CheckpointsTable {
  id: Generated<number>;
  name: string;
  type: string;
  parent_id: number | null;
  active: Generated<Flag>;
  pinyin: string;
  initials: string;
}
export interface PeopleTable {
  id: Generated<number>;
  name: string;
  phone: string;
  checkpoint_id: number | null;
  active: Generated<Flag>;
  pinyin: string;
  initials: string;
}
export interface BatchesTable {
  id: Generated<number>;
  item_id: number;
  batch_no: string;
  production_date: string | null;
  expiry_date: string | null;
}
export interface DocumentsTable {
  id: Generated<number>;
  type: DocType;
  number: string;
  state: DocState;
  occurred_at: string;
  business_date: string;
  store_id: number;
  source_id: number | null;
  checkpoint_id: number | null;
  person_id: number | null;
  counterparty: string;
  operator_id: number;
  note: string;
  reverses_id: number | null;
  void_reason: string | null;
  created_at: string;
  /** A loan's promised return day (office date), '' when none. */
  expected_return: Generated<string>;
  /** 移库: the store the goods go to (the document's store_id is where they leave); null otherwise. */
  to_store_id: number | null;
}
export interface DocumentLinesTable {
  id: Generated<number>;
  document_id: number;
  line_no: number;
  item_id: number;
  batch_id: number;
  quantity: number;
  book_quantity: number | null;
  counted_quantity: number | null;
  unit_price: number;
  note: string;
  reason: string;
  override_reason: string;
  /** What the clerk typed when it named a pack unit ("2盒10只"), '' otherwise: display only. */
  entered: Generated<string>;
}
export interface MovementsTable {
  id: Generated<number>;
  document_id: number;
  line_id: number;
  kind: DocType;
  occurred_at: string;
  item_id: number;
  batch_id: number;
  store_id: number;
  checkpoint_id: number | null;
  source_id: number | null;
  delta: number;
}
/** What a checkpoint holds: issued less returned ('issue'), lent less given back ('loan'). */
export interface HoldingsTable {
  checkpoint_id: number;
  item_id: number;
  holding: 'issue' | 'loan';
  batch_id: number;
  store_id: number;
  quantity: number;
}

export interface StockTable {
  item_id: number;
  batch_id: number;
  store_id: number;
  quantity: number;
  /** The batch's expiry date, or '9999-12-31' without one: first-expiry-first-out reads in this order. */
  expiry_key: Generated<string>;
}
export interface DocCountersTable {
  type: string;
  day: string;
  last: number;
}
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export type ItemRow = Selectable<ItemsTable>;
export type BatchRow = Selectable<BatchesTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentLineRow = Selectable<DocumentLinesTable>;
export type MovementRow = Selectable<MovementsTable>;
export type NewMovement = Insertable<MovementsTable>;
export type Paper = 'a4' | 'a5' | '241x93' | '241x140';
export interface PrintLogTable {
  id: Generated<number>;
  document_id: number;
  printed_at: string;
  user_id: number;
  paper: Paper;
  copies: number;
  print_no: number;
}

export interface ReportTemplatesTable {
  id: Generated<number>;
  name: string;
  file_name: string;
  bytes: Buffer;
  default_dataset: string | null;
  export_by_default: Generated<Flag>;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface CatalogVersionTable {
  id: number;
  version: number;
}
export interface DailyReportsTable {
  id: Generated<number>;
  period_from: string | null;
  period_to: string;
  state: 'submitted' | 'withdrawn';
  submitted_at: string;
  submitted_by: number;
  narrative: string;
  /** The report as submitted, JSON: its numbers are frozen. */
  snapshot: string;
  previous_lock: string;
  withdrawn_at: string | null;
  withdrawn_by: number | null;
  withdraw_reason: string | null;
  /** The office day "YYYY-MM-DD" the report is for (always set; the column came later, so SQLite itself allows null). */
  report_date: string | null;
  kind: Generated<'daily' | 'supplement' | 'correction'>;
  /** Why a second report of the same day was sent. */
  reason: string | null;
  /** 1: sent before the day's cutoff (提前报送). */
  partial: Generated<number>;
}
export interface ReportFilesTable {
  id: Generated<number>;
  report_id: number;
  file_name: string;
  bytes: Buffer;
}
export interface AuditLogTable {
  id: number;
  at: string;
  user_id: number;
  method: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The office's Ed25519 signing key for report packages (one row, id 1); DER, base64. */
export interface OfficeKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: string;
}
