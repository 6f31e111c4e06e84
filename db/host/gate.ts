import type { ApiResult } from '../api/call';
import { callApi, isMethod } from '../api/call';
import { handlers } from '../api/handlers';
import type { Kind } from '../api/handler';
import { listBackups } from '../backup/backup';
import { toLedgerError, type ErrorCode } from '../errors';
import type { LedgerHost } from './host';
import { LOCAL_SOURCE } from '../auth/login';

/** Who is calling, as the transport knows it. */
export interface Caller {
  /** The session token (HTTP cookie, or the window's token in Electron). */
  token?: string;
  /** A call from this machine (always true for Electron): only it may set the office up, or restore a damaged ledger unauthenticated. */
  local: boolean;
  /** The caller's network address (HTTP from another machine), for counting wrong passwords per source. */
  address?: string;
}

export interface GateAnswer {
  result: ApiResult<unknown>;
  /** A new session token to hand to the caller, or null to end the caller's session. */
  token?: string | null;
}

/**
 * The door both transports use: resolves the session to a user, refuses writes while the start-up
 * check runs, serves only status and restore when the ledger is damaged, then calls the API (which
 * checks the user's role for the method) and starts or ends sessions on login, setup and logout.
 */
export async function gateCall(host: LedgerHost, caller: Caller, method: string, input: unknown): Promise<GateAnswer> {
  try {
    if (!host.ledger) return { result: await whenDamaged(host, caller, method, input) };
    const userId = host.sessions.userOf(caller.token) ?? 0;
    if (method === 'auth.setup' && !caller.local) {
      return fail('FORBIDDEN', '初始设置只能在运行本程序的电脑上进行,请到这台电脑上操作。');
    }
    if (host.checking && host.stale && method !== 'auth.status') {
      return fail('DATABASE_BUSY', '正在检查数据文件的完整性,检查通过后将升级数据文件,请稍候。');
    }
    if (host.checking && isMethod(method) && holdsWrites(handlers[method])) {
      return fail('DATABASE_BUSY', '正在检查数据文件的完整性,请稍候再保存(查看不受影响)。');
    }
    const source = caller.local ? LOCAL_SOURCE : (caller.address ?? 'lan');
    const result = await callApi({ ledger: host.ledger, userId, host, source }, method, input);
    if (!result.ok) return { result };
    switch (method) {
      case 'auth.login':
      case 'auth.setup': {
        host.sessions.end(caller.token);
        const user = (result.data as { user: { id: number } }).user;
        return { result, token: host.sessions.create(user.id) };
      }
      case 'auth.logout':
        host.sessions.end(caller.token);
        return { result, token: null };
      // A new password ends the account's other sessions (a stolen one too).
      case 'auth.changePassword':
        host.sessions.endUser(userId, caller.token);
        return { result };
      case 'users.update':
      case 'users.resetPassword':
        host.sessions.endUser((input as { id: number }).id, caller.token);
        return { result };
      case 'backups.restore':
        return { result, token: null };
      default:
        return { result };
    }
  } catch (err) {
    const e = toLedgerError(err);
    return fail(e.code, e.message);
  }
}

/** What waits while writes are held: every command and job, but a job that only records (a login). */
function holdsWrites(h: { kind: Kind; mayRunReadOnly?: boolean }): boolean {
  return h.kind !== 'query' && !h.mayRunReadOnly;
}

function fail(code: ErrorCode, message: string): GateAnswer {
  return { result: { ok: false, error: { code, message } } };
}

export const LAN_DAMAGED = '数据文件暂时无法使用,请到运行本程序的电脑上从备份恢复。';

/** With a damaged ledger: the status (with the backups to restore from) and, from this machine, restore. */
async function whenDamaged(host: LedgerHost, caller: Caller, method: string, input: unknown): Promise<ApiResult<unknown>> {
  // Another machine learns only that the ledger is unavailable: no file paths, no backup list.
  const message = caller.local ? host.damage : LAN_DAMAGED;
  if (method === 'auth.status') {
    return { ok: true, data: { needsSetup: false, officeName: '', damaged: { message, backups: caller.local ? listBackups(host.dir) : [], canRestore: caller.local } } };
  }
  if (method !== 'backups.restore' || !caller.local) return { ok: false, error: { code: 'LEDGER_DAMAGED', message: message ?? '数据文件未打开。' } };
  const name = (input as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: '请选择要恢复的备份。' } };
  return { ok: true, data: await host.restore(name) };
}
