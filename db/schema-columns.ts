import type { DB } from './schema';

/** Exactly the keys of T, each once: a list missing one (or naming one T lacks) does not compile. */
type Exact<T, L extends readonly (keyof T)[]> = Exclude<keyof T, L[number]> extends never ? L : { missing: Exclude<keyof T, L[number]> };
const cols = <T>() => <const L extends readonly (keyof T)[]>(list: Exact<T, L>) => list;

/**
 * The columns of every table as the kysely `DB` interface declares them, checked against the
 * interface by the compiler and against the migrated database by tests/unit/schema.test.ts: the
 * interface and the file cannot drift apart.
 */
export const SCHEMA_COLUMNS: { readonly [T in keyof DB]: readonly string[] } = {
  settings: cols<DB['settings']>()(['key', 'value']),
  report_templates: cols<DB['report_templates']>()(['id', 'name', 'file_name', 'bytes', 'default_dataset', 'export_by_default', 'created_by', 'created_at', 'updated_at']),
  users: cols<DB['users']>()(['id', 'username', 'display_name', 'role', 'phone', 'active', 'created_at', 'password_hash', 'failed_logins', 'locked_until', 'password_changed_at']),
  categories: cols<DB['categories']>()(['id', 'name', 'sort', 'active']),
  items: cols<DB['items']>()(['id', 'code', 'name', 'spec', 'category_id', 'unit', 'pack_unit', 'pack_factor', 'decimals', 'min_stock', 'tracks_batches', 'durable', 'unit_price', 'active', 'pinyin', 'initials', 'created_at']),
  item_units: cols<DB['item_units']>()(['item_id', 'position', 'unit', 'factor']),
  stores: cols<DB['stores']>()(['id', 'name', 'is_default', 'active']),
  sources: cols<DB['sources']>()(['id', 'name', 'type', 'active', 'pinyin', 'initials']),
  checkpoints: cols<DB['checkpoints']>()(['id', 'name', 'type', 'parent_id', 'active', 'pinyin', 'initials']),
  people: cols<DB['people']>()(['id', 'name', 'phone', 'checkpoint_id', 'active', 'pinyin', 'initials']),
  batches: cols<DB['batches']>()(['id', 'item_id', 'batch_no', 'production_date', 'expiry_date']),
  documents: cols<DB['documents']>()(['id', 'type', 'number', 'state', 'occurred_at', 'business_date', 'store_id', 'source_id', 'checkpoint_id', 'person_id', 'counterparty', 'operator_id', 'note', 'reverses_id', 'void_reason', 'created_at', 'expected_return', 'to_store_id']),
  document_lines: cols<DB['document_lines']>()(['id', 'document_id', 'line_no', 'item_id', 'batch_id', 'quantity', 'book_quantity', 'counted_quantity', 'unit_price', 'note', 'reason', 'override_reason', 'entered']),
  movements: cols<DB['movements']>()(['id', 'document_id', 'line_id', 'kind', 'occurred_at', 'item_id', 'batch_id', 'store_id', 'checkpoint_id', 'source_id', 'delta']),
  stock: cols<DB['stock']>()(['item_id', 'batch_id', 'store_id', 'quantity', 'expiry_key']),
  holdings: cols<DB['holdings']>()(['checkpoint_id', 'item_id', 'holding', 'batch_id', 'store_id', 'quantity']),
  doc_counters: cols<DB['doc_counters']>()(['type', 'day', 'last']),
  schema_migrations: cols<DB['schema_migrations']>()(['version', 'name', 'applied_at']),
  print_log: cols<DB['print_log']>()(['id', 'document_id', 'printed_at', 'user_id', 'paper', 'copies', 'print_no']),
  login_failures: cols<DB['login_failures']>()(['username', 'source', 'failures', 'last_at', 'locked_until']),
  catalog_version: cols<DB['catalog_version']>()(['id', 'version']),
  daily_reports: cols<DB['daily_reports']>()(['id', 'period_from', 'period_to', 'state', 'submitted_at', 'submitted_by', 'narrative', 'snapshot', 'previous_lock', 'withdrawn_at', 'withdrawn_by', 'withdraw_reason', 'report_date', 'kind', 'reason', 'partial']),
  report_files: cols<DB['report_files']>()(['id', 'report_id', 'file_name', 'bytes']),
  audit_log: cols<DB['audit_log']>()(['id', 'at', 'user_id', 'method', 'detail', 'prev_hash', 'hash']),
  office_keys: cols<DB['office_keys']>()(['id', 'public_key', 'private_key', 'created_at']),
  sub_units: cols<DB['sub_units']>()(['id', 'code', 'name', 'fingerprint', 'contact', 'phone', 'active', 'created_at']),
  unit_packages: cols<DB['unit_packages']>()(['id', 'unit_id', 'day', 'kind', 'submitted_at', 'sha256', 'file_name', 'body', 'figures', 'imported_at', 'imported_by', 'replaced_by']),
  item_mappings: cols<DB['item_mappings']>()(['id', 'name', 'spec', 'unit', 'item_id', 'factor', 'created_at', 'created_by']),
  consolidations: cols<DB['consolidations']>()(['id', 'day', 'body', 'submitted_at', 'submitted_by']),
  allocation_receipts: cols<DB['allocation_receipts']>()(['document_id', 'from_code', 'from_name', 'allocation_number', 'package', 'lines']),
  allocation_acks: cols<DB['allocation_acks']>()(['id', 'document_id', 'unit_id', 'receipt_number', 'received_at', 'lines', 'body', 'imported_at', 'imported_by']),
  donations: cols<DB['donations']>()(['document_id', 'donor', 'anonymous', 'contact', 'receipt_no']),
  donation_batches: cols<DB['donation_batches']>()(['batch_id', 'document_id']),
  households: cols<DB['households']>()(['id', 'community', 'compound', 'building', 'unit', 'room', 'contact', 'phone', 'pinyin', 'initials', 'elderly_alone', 'limited_mobility', 'chronic', 'medicines', 'needs', 'active', 'created_at']),
  suppliers: cols<DB['suppliers']>()(['id', 'name', 'kind', 'contact', 'phone', 'active']),
  supplier_certificates: cols<DB['supplier_certificates']>()(['supplier_id', 'kind', 'number', 'valid_until']),
  rounds: cols<DB['rounds']>()(['id', 'number', 'kind', 'supplier_id', 'day', 'cutoff_at', 'household_limit', 'state', 'note', 'created_by', 'created_at', 'share_rule', 'handed_over_at', 'handed_over_by', 'extras', 'supplier_bill', 'anonymised_at', 'checkpoint_id', 'person_id', 'document_id']),
  round_compounds: cols<DB['round_compounds']>()(['round_id', 'compound']),
  round_goods: cols<DB['round_goods']>()(['id', 'round_id', 'name', 'spec', 'unit', 'price', 'contents', 'per_household', 'pinyin', 'initials', 'delivered', 'replaces_id', 'item_id']),
  orders: cols<DB['orders']>()(['id', 'round_id', 'household_id', 'requests', 'note', 'created_at', 'created_by', 'updated_at', 'paid_amount', 'pay_method', 'payer', 'paid_at', 'paid_by', 'delivered_at', 'delivered_by', 'delivery_note', 'compound', 'building', 'special']),
  order_lines: cols<DB['order_lines']>()(['id', 'order_id', 'goods_id', 'quantity']),
  order_allotments: cols<DB['order_allotments']>()(['order_id', 'goods_id', 'quantity']),
};
