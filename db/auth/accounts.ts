import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { fail } from '../errors';
import type { Tx } from '../open';
import type { Role } from '../schema';
import { all, first, prepare, qb, run, sqlOf } from '../sql';
import { change, id, name, text } from '../reference/common';
import { hashPassword, passwordProblem, verifyPassword } from './password';

export const ROLES = ['admin', 'clerk', 'liaison', 'leader', 'readonly', 'community'] as const satisfies readonly Role[];

const username = name(32).refine((s) => /^[A-Za-z0-9_.-]+$/.test(s), '用户名只能包含字母、数字和 _ . -');
const password = z.string().max(128);

export const userCreateInput = z.strictObject({
  username,
  displayName: name(30),
  role: z.enum(ROLES),
  phone: text(20).optional(),
  password,
});
export const userUpdateInput = change(z.strictObject({
  id,
  displayName: name(30).optional(),
  role: z.enum(ROLES).optional(),
  phone: text(20).optional(),
  active: z.boolean().optional(),
}));
export const changePasswordInput = z.strictObject({ oldPassword: password, newPassword: password });
export const resetPasswordInput = z.strictObject({ id, newPassword: password });

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  phone: string;
  active: boolean;
  /** The built-in local operator: no password, never logs in. */
  builtIn: boolean;
  locked: boolean;
}

export function listUsers(db: Database, now = new Date()): UserRow[] {
  const locked = all(db, qb.selectFrom('login_failures').select('username').distinct().where('locked_until', '>', now.toISOString()));
  const lockedNames = new Set(locked.map((r) => r.username));
  return all(db, qb.selectFrom('users').selectAll().orderBy('id')).map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    phone: r.phone,
    active: r.active === 1,
    builtIn: r.password_hash === null,
    locked: lockedNames.has(r.username),
  }));
}

export function userById(db: Database, userId: number): UserRow {
  const user = listUsers(db).find((u) => u.id === userId);
  if (!user) fail('NOT_FOUND', '用户不存在。');
  return user;
}

// Read before every call, a posting included (post_slip_ms in docs/performance.md): built once.
const ACTIVE_ROLE = sqlOf(qb.selectFrom('users').select('role').where('id', '=', 0).where('active', '=', 1));

/** The role of an active user, or null: what callApi checks each method against. */
export function activeRole(db: Database, userId: number): Role | null {
  const row = prepare(db, ACTIVE_ROLE).get(userId, 1) as { role: Role } | undefined;
  return row?.role ?? null;
}

/** First run: no one can log in yet (only the built-in operator, without a password, exists). */
export function needsSetup(db: Database): boolean {
  return !first(db, qb.selectFrom('users').select('id').where('password_hash', 'is not', null).limit(1));
}

function checkPassword(pw: string, user: string): void {
  const problem = passwordProblem(pw, user);
  if (problem) fail('INVALID_INPUT', problem);
}

export function createUser(tx: Tx, input: z.infer<typeof userCreateInput>): UserRow {
  if (first(tx.db, qb.selectFrom('users').select('id').where('username', '=', input.username))) {
    fail('DUPLICATE', `用户名“${input.username}”已存在。`);
  }
  checkPassword(input.password, input.username);
  const now = tx.clock.now().toISOString();
  const { id: newId } = run(
    tx.db,
    qb.insertInto('users').values({
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      phone: input.phone ?? '',
      created_at: now,
      password_hash: hashPassword(input.password),
      password_changed_at: now,
    }),
  );
  return userById(tx.db, newId);
}

export function updateUser(tx: Tx, input: z.infer<typeof userUpdateInput>, actorId: number): UserRow {
  const user = userById(tx.db, input.id);
  if (user.builtIn) fail('INVALID_INPUT', '本机操作员是内置账户,不能修改。');
  const demotes = (input.role !== undefined && input.role !== 'admin') || input.active === false;
  if (user.role === 'admin' && user.active && demotes && otherActiveAdmins(tx.db, user.id) === 0) {
    fail('INVALID_INPUT', '至少要保留一个可用的管理员账户。');
  }
  if (input.id === actorId && input.active === false) fail('INVALID_INPUT', '不能停用自己正在使用的账户。');
  run(
    tx.db,
    qb.updateTable('users').where('id', '=', input.id).set({
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
    }),
  );
  return userById(tx.db, input.id);
}

function otherActiveAdmins(db: Database, except: number): number {
  const row = first(
    db,
    qb.selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .where('password_hash', 'is not', null)
      .where('id', '<>', except),
  );
  return row!.n;
}

/** A new password also lifts every pause on the account's logins. */
function setPassword(tx: Tx, userId: number, pw: string): void {
  run(tx.db, qb.updateTable('users').set({ password_hash: hashPassword(pw), password_changed_at: tx.clock.now().toISOString() }).where('id', '=', userId));
  run(tx.db, qb.deleteFrom('login_failures').where('username', '=', (eb) => eb.selectFrom('users').select('username').where('id', '=', userId)));
}

export function changePassword(tx: Tx, userId: number, input: z.infer<typeof changePasswordInput>): { changed: true } {
  const row = first(tx.db, qb.selectFrom('users').select(['username', 'password_hash']).where('id', '=', userId));
  if (!row?.password_hash || !verifyPassword(input.oldPassword, row.password_hash)) fail('LOGIN_FAILED', '原密码不正确。');
  checkPassword(input.newPassword, row.username);
  setPassword(tx, userId, input.newPassword);
  return { changed: true };
}

export function resetPassword(tx: Tx, input: z.infer<typeof resetPasswordInput>): UserRow {
  const user = userById(tx.db, input.id);
  if (user.builtIn) fail('INVALID_INPUT', '本机操作员是内置账户,不能设置密码。');
  checkPassword(input.newPassword, user.username);
  setPassword(tx, user.id, input.newPassword);
  return userById(tx.db, user.id);
}

/** A user's display name, for messages and reports ('' for an unknown id). */
export function displayNameOf(db: Database, userId: number): string {
  return first(db, qb.selectFrom('users').select('display_name').where('id', '=', userId))?.display_name ?? '';
}
