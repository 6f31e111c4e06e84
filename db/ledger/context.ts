import type { Database } from 'better-sqlite3';
import { DEFAULT_STORE_SQL } from '../reference/catalog';
import { SETTINGS_JSON, settingsFrom, type OfficeSettings } from '../reference/settings';
import { prepare } from '../sql';

// SQL written by hand on a measured hot path: the posting's parties read in one statement (post_slip_ms); figures in docs/performance.md.

export interface PartyIds {
  storeId?: number;
  sourceId?: number;
  checkpointId?: number;
  personId?: number;
}

export interface PartyRow {
  id: number;
  name?: string;
  active: number;
  /** A source's type (社会捐赠 receipts record their donor). */
  type?: string;
}

/** What a posting checks before it writes; a party not named, or not found, is undefined. */
export interface PostingReads {
  settings: OfficeSettings;
  /** The store named, or else the default one in use. */
  store?: PartyRow;
  source?: PartyRow;
  checkpoint?: PartyRow;
  person?: PartyRow;
  operator?: PartyRow;
}

const party = (table: string, where: string, named = true, extra = '') =>
  `json((SELECT json_object('id', id${named ? ", 'name', name" : ''}, 'active', active${extra}) FROM ${table} WHERE id = ${where}))`;

const READS_SQL = `SELECT json_object(
  'settings', json((${SETTINGS_JSON})),
  'store', ${party('stores', `COALESCE(?, (${DEFAULT_STORE_SQL}))`)},
  'source', ${party('sources', '?', true, ", 'type', type")},
  'checkpoint', ${party('checkpoints', '?')},
  'person', ${party('people', '?')},
  'operator', ${party('users', '?', false)})`;

/**
 * The office settings, the store, source, checkpoint and person named and the operator, in one
 * statement: six statements cost a posting more than the few values in them. The caller checks them.
 */
export function readForPosting(db: Database, ids: PartyIds, operatorId: number): PostingReads {
  const text = prepare(db, READS_SQL).pluck().get(ids.storeId ?? null, ids.sourceId ?? null, ids.checkpointId ?? null, ids.personId ?? null, operatorId) as string;
  const { settings, ...rows } = JSON.parse(text) as Record<string, PartyRow | null> & { settings: Record<string, string> };
  const row = (r: PartyRow | null) => r ?? undefined;
  return {
    settings: settingsFrom(settings),
    store: row(rows.store),
    source: row(rows.source),
    checkpoint: row(rows.checkpoint),
    person: row(rows.person),
    operator: row(rows.operator),
  };
}
