import { z } from 'zod';
import { appendAudit, auditDetail } from '../audit';
import { fail } from '../errors';
import type { ReadLedger, Tx } from '../open';
import { first, qb, run } from '../sql';
import { text } from '../reference/common';
import { userById, type UserRow } from './accounts';
import { verifyNobody, verifyPassword } from './password';

/** Wrong passwords in a row, from one source, before that source's logins to the account pause. */
export const MAX_FAILURES = 5;
/** The first pause; each further wrong password after it doubles the next, up to MAX_PAUSE_MINUTES. */
export const PAUSE_MINUTES = 5;
export const MAX_PAUSE_MINUTES = 60;
/** What the calling machine is, for counting: 'local' for this machine and the desktop window. */
export const LOCAL_SOURCE = 'local';

export const loginInput = z.strictObject({ username: text(32), password: z.string().max(128) });

const WRONG = '用户名或密码不正确';

/**
 * Checks a username and password. Wrong ones are counted per typed name and per source, for names
 * that exist and names that do not alike, so the answer never tells which; after MAX_FAILURES the
 * source's logins to that name pause (5, 10, 20 … minutes, kept in the file). Other machines are
 * not affected. What a login records (the count, the audit entry) is written if it can be: on a
 * full disk, or while the start-up check holds writes, the login still succeeds.
 */
export function login(ctx: Recorder, input: z.infer<typeof loginInput>, source = LOCAL_SOURCE): UserRow {
  const { ledger } = ctx;
  const now = ledger.clock.now();
  const account = first(ledger.db, qb.selectFrom('users').select(['id', 'username', 'active', 'password_hash']).where('username', '=', input.username));
  const counted = first(
    ledger.db,
    qb.selectFrom('login_failures').select(['failures', 'locked_until']).where('username', '=', input.username).where('source', '=', source),
  );
  if (counted?.locked_until && counted.locked_until > now.toISOString()) {
    const minutes = Math.max(1, Math.ceil((Date.parse(counted.locked_until) - now.getTime()) / 60000));
    fail('ACCOUNT_LOCKED', `密码连续输错 ${counted.failures} 次,这台电脑暂停登录该账户,请 ${minutes} 分钟后再试。`);
  }
  const usable = account && account.active === 1 && account.password_hash;
  const right = usable ? verifyPassword(input.password, account.password_hash!) : (verifyNobody(input.password), false);
  if (!right) {
    const failures = (counted?.failures ?? 0) + 1;
    const pause = failures >= MAX_FAILURES ? Math.min(MAX_PAUSE_MINUTES, PAUSE_MINUTES * 2 ** (failures - MAX_FAILURES)) : 0;
    record(ctx, (tx) => {
      run(tx.db, qb.deleteFrom('login_failures').where('last_at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString()));
      run(
        tx.db,
        qb.replaceInto('login_failures').values({
          username: input.username,
          source,
          failures,
          last_at: now.toISOString(),
          locked_until: pause ? new Date(now.getTime() + pause * 60000).toISOString() : null,
        }),
      );
      if (account) appendAudit(tx, account.id, 'auth.loginFailed', auditDetail({ username: account.username, source }, { paused: pause }));
    });
    if (pause) fail('ACCOUNT_LOCKED', `密码连续输错 ${failures} 次,这台电脑暂停登录该账户 ${pause} 分钟。`);
    fail('LOGIN_FAILED', `${WRONG}(再错 ${MAX_FAILURES - failures} 次将暂停登录 ${PAUSE_MINUTES} 分钟)。`);
  }
  record(ctx, (tx) => {
    run(tx.db, qb.deleteFrom('login_failures').where('username', '=', account!.username).where('source', '=', source));
    appendAudit(tx, account!.id, 'auth.login', auditDetail({ username: account!.username, source }));
  });
  return userById(ledger.db, account!.id);
}

/** The read side a login checks against, and the one commit that records it. */
export interface Recorder {
  ledger: ReadLedger;
  commit(fn: (tx: Tx) => void, options?: { audited?: boolean }): void;
}

/** Writes what a login records, or, when nothing can be written now, says so in the log and goes on. */
function record(ctx: Recorder, fn: (tx: Tx) => void): void {
  try {
    ctx.commit(fn, { audited: false });
  } catch (err) {
    console.warn(`[auth] 登录记录未能写入(${(err as { code?: string }).code ?? (err as Error).message}),登录不受影响。`);
  }
}
