import type { Ledger } from '../db/open';

/** Until accounts exist, every call runs as the built-in local operator. */
export function localOperatorId(ledger: Ledger): number {
  const row = ledger.db.prepare("SELECT id FROM users WHERE username = 'local'").get() as { id: number } | undefined;
  if (!row) throw new Error('local operator missing');
  return row.id;
}
