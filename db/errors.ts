/** Error codes that cross the API. Messages are Chinese sentences a clerk understands. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'INACTIVE'
  | 'INSUFFICIENT_STOCK'
  | 'BATCH_EXPIRED'
  | 'BATCH_REQUIRED'
  | 'NOT_DURABLE'
  | 'LOAN_RETURN_EXCEEDS'
  | 'RETURN_EXCEEDS_ISSUED'
  | 'PERIOD_LOCKED'
  | 'FUTURE_TIME'
  | 'ALREADY_VOIDED'
  | 'CANNOT_VOID'
  /** A change dated before a later stocktake of the same goods. */
  | 'COUNTED_LATER'
  | 'DATABASE_TOO_NEW'
  | 'DISK_FULL'
  | 'DATABASE_BUSY'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'LOGIN_FAILED'
  | 'ACCOUNT_LOCKED'
  | 'SETUP_DONE'
  /** A daily report would now differ from the one the user confirmed (the ledger moved, the cutoff passed, or someone sent it). */
  | 'REPORT_CHANGED'
  | 'LEDGER_DAMAGED'
  /** Another program already serves this data folder. */
  | 'FOLDER_IN_USE'
  | 'BACKUP_FAILED'
  /** 居民代购: a supplier's certificate expired or missing on the round's day (asked before a round opens). */
  | 'CERTIFICATE_PROBLEM'
  /** An order after the round's cut-off, with no later round to take it. */
  | 'AFTER_CUTOFF'
  /** A round already closed (its purchase order sent). */
  | 'ROUND_CLOSED'
  /** An order over the round's per-household limit. */
  | 'LIMIT_EXCEEDED'
  | 'INTERNAL';

export class LedgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new LedgerError(code, message);
}

/** Maps driver errors (SQLITE_FULL, constraint violations…) to ledger errors; anything else is INTERNAL. */
export function toLedgerError(err: unknown): LedgerError {
  if (err instanceof LedgerError) return err;
  const code = (err as { code?: unknown })?.code;
  if (code === 'SQLITE_FULL') return new LedgerError('DISK_FULL', '磁盘空间不足,本次操作未保存。请清理磁盘后重试。');
  if (code === 'SQLITE_BUSY') return new LedgerError('DATABASE_BUSY', '数据文件正被其他程序占用,请稍后重试。');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new LedgerError('DUPLICATE', '名称或编码已存在,请换一个。');
  }
  return new LedgerError('INTERNAL', '程序内部错误,本次操作未保存。请重试或联系技术支持。');
}
