import { statSync } from 'node:fs';

/**
 * Files up to this size get their integrity_check before the app opens (about 0.3 s: the full check
 * reads every page, 6.3 s for the 335 MB bench ledger of 1M movements); bigger ones are checked in a
 * worker while reads are served and every write waits.
 */
export const SYNC_CHECK_BYTES = 16 * 1024 * 1024;

export function isLarge(file: string, limit = SYNC_CHECK_BYTES): boolean {
  return statSync(file).size > limit;
}
