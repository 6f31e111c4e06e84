import { z } from 'zod';
import { ensureOfficeKey } from '../district/keys';
import { appendAudit, auditDetail } from '../audit';
import {
  changePassword, changePasswordInput, createUser, listUsers, needsSetup, resetPassword, resetPasswordInput,
  updateUser, userCreateInput, userUpdateInput,
} from '../auth/accounts';
import { fail } from '../errors';
import { login, loginInput } from '../auth/login';
import { name, text } from '../reference/common';
import { readSettings, writeSettings } from '../reference/settings';
import { isValidTimeZone } from '../time';
import { command, job, noInput, query } from './handler';

export const officeFields = {
  officeName: name(60),
  officeAddress: text(100).optional(),
  officePhone: text(30).optional(),
  timeZone: text(60).refine(isValidTimeZone, '未知的时区').optional(),
  cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '截止时间格式应为 HH:mm').optional(),
};

const setupInput = z.strictObject({
  ...officeFields,
  admin: userCreateInput.omit({ role: true }),
});

/** Login, first-run setup and the user accounts. Sessions are the transports' business. */
export const authHandlers = {
  // With a valid session also the user and the office settings: the app opens with one round trip.
  'auth.status': query(noInput, ({ ledger, userId }) => {
    const user = listUsers(ledger.db).find((u) => u.id === userId && u.active && !u.builtIn) ?? null;
    const settings = readSettings(ledger.db);
    return {
      needsSetup: needsSetup(ledger.db),
      officeName: settings.officeName,
      user,
      office: user ? { ...settings, now: ledger.clock.now().toISOString() } : null,
    };
  }),
  // Audited by hand: the entry belongs to the administrator being created, not to the anonymous caller.
  'auth.setup': command(
    setupInput,
    (tx, input) => {
      if (!needsSetup(tx.db)) fail('SETUP_DONE', '本单位已完成初始设置,请登录。');
      writeSettings(tx, {
        officeName: input.officeName,
        officeAddress: input.officeAddress ?? '',
        officePhone: input.officePhone ?? '',
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        ...(input.cutoffTime ? { cutoffTime: input.cutoffTime } : {}),
      });
      const user = createUser(tx, { ...input.admin, role: 'admin' });
      // The key its report packages are signed with, made once with the office.
      ensureOfficeKey(tx);
      appendAudit(tx, user.id, 'auth.setup', auditDetail(input, { id: user.id }));
      return { user };
    },
    () => false,
  ),
  // A job whose one commit only records the attempt: it runs while writes are held (the start-up check)
  // and on a full disk, and succeeds without the record then.
  'auth.login': job(loginInput, (ctx, input) => ({ user: login(ctx, input, ctx.source) }), { mayRunReadOnly: true }),
  'auth.logout': query(noInput, () => ({ loggedOut: true })),
  'auth.me': query(noInput, ({ ledger, userId }) => {
    const user = listUsers(ledger.db).find((u) => u.id === userId);
    if (!user) fail('UNAUTHENTICATED', '请先登录。');
    return user;
  }),
  'auth.changePassword': command(changePasswordInput, (tx, input, ctx) => changePassword(tx, ctx.userId, input)),

  'users.list': query(noInput, ({ ledger }) => listUsers(ledger.db, ledger.clock.now()).filter((u) => !u.builtIn)),
  'users.create': command(userCreateInput, (tx, input) => createUser(tx, input)),
  'users.update': command(userUpdateInput, (tx, input, ctx) => updateUser(tx, input, ctx.userId)),
  'users.resetPassword': command(resetPasswordInput, (tx, input) => resetPassword(tx, input)),
};
