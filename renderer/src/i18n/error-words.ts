import type { ErrorCode } from '../../../db/errors';
import { currentLanguage } from './translate';

/**
 * The ledger refuses in Chinese, with the numbers that matter ("医用外科口罩 库存不足:现有 120 只,申请 200 只").
 * In English mode a refusal is headed by what its code means, the ledger's sentence after it for the details.
 */
const HEADLINES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Please check the input', UNKNOWN_METHOD: 'Unknown request', NOT_FOUND: 'Not found', DUPLICATE: 'Already exists',
  INACTIVE: 'Deactivated', INSUFFICIENT_STOCK: 'Not enough stock', BATCH_EXPIRED: 'Expired batch', BATCH_REQUIRED: 'Batch number required',
  NOT_DURABLE: 'Not a durable item', LOAN_RETURN_EXCEEDS: 'More returned than is on loan', RETURN_EXCEEDS_ISSUED: 'More returned than was issued',
  PERIOD_LOCKED: 'Period locked (its report was sent)', FUTURE_TIME: 'Time is in the future', ALREADY_VOIDED: 'Already voided',
  CANNOT_VOID: 'Cannot be voided', COUNTED_LATER: 'A later stocktake counted these goods', DATABASE_TOO_NEW: 'Data file made by a newer version',
  DISK_FULL: 'Disk full, nothing saved', DATABASE_BUSY: 'Data file busy, try again', UNAUTHENTICATED: 'Please log in',
  FORBIDDEN: 'Not allowed for your role', LOGIN_FAILED: 'Wrong username or password', ACCOUNT_LOCKED: 'Logins paused',
  SETUP_DONE: 'Already set up', REPORT_CHANGED: 'The report changed since you checked it', LEDGER_DAMAGED: 'Data file damaged',
  FOLDER_IN_USE: 'Data folder in use by another program', BACKUP_FAILED: 'Backup failed', CERTIFICATE_PROBLEM: 'Supplier certificate missing or expired',
  AFTER_CUTOFF: 'After the round’s cut-off', ROUND_CLOSED: 'Round closed', LIMIT_EXCEEDED: 'Over the household limit', INTERNAL: 'Internal error, nothing saved',
};

/** A refusal as the screens show it: the ledger's own words, headed in English in English mode. */
export function refusalText(code: string, message: string): string {
  if (currentLanguage() !== 'en') return message;
  const headline = HEADLINES[code as ErrorCode];
  return headline ? `${headline}: ${message}` : message;
}
