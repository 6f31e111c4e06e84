import { afterEach, expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import { handlers, type Method } from '../../db/api/handlers';
import { ACCESS, PUBLIC } from '../../db/auth/access';
import { ROLES } from '../../db/auth/accounts';
import { verifyPassword } from '../../db/auth/password';
import type { Role } from '../../db/schema';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const setup = {
  officeName: '云杉街道办事处',
  officeAddress: '云杉路 1 号',
  officePhone: '0571-1234 5678',
  timeZone: 'Asia/Shanghai',
  cutoffTime: '15:00',
  admin: { username: 'admin', displayName: '林海', password: 'first-admin-9' },
};
const anonymous = (method: string, input?: unknown) => callApi({ ledger: t.ledger, userId: 0 }, method, input);

test('first run: only setup and login answer before anyone can log in; setup creates the office and its administrator once', () => {
  t = tempLedger();
  expect(anonymous('auth.status')).toEqual({ ok: true, data: { needsSetup: true, officeName: '', user: null, office: null } });
  expect(anonymous('items.list')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } });
  const done = anonymous('auth.setup', setup);
  expect(done).toEqual({
    ok: true,
    data: { user: { id: 2, username: 'admin', displayName: '林海', role: 'admin', phone: '', active: true, builtIn: false, locked: false } },
  });
  const row = t.ledger.db.prepare('SELECT * FROM users WHERE id = 2').get() as Record<string, unknown>;
  expect(row).toEqual({
    id: 2, username: 'admin', display_name: '林海', role: 'admin', phone: '', active: 1, created_at: '2026-11-28T02:00:00.000Z',
    password_hash: expect.stringMatching(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/),
    failed_logins: 0, locked_until: null, password_changed_at: '2026-11-28T02:00:00.000Z',
  });
  expect(verifyPassword('first-admin-9', row.password_hash as string)).toBe(true);
  expect(t.ok('settings.get')).toMatchObject({ officeName: '云杉街道办事处', officeAddress: '云杉路 1 号', officePhone: '0571-1234 5678', cutoffTime: '15:00' });
  expect(anonymous('auth.status')).toEqual({ ok: true, data: { needsSetup: false, officeName: '云杉街道办事处', user: null, office: null } });
  expect(callApi({ ledger: t.ledger, userId: 2 }, 'auth.status', undefined)).toMatchObject({ ok: true, data: { user: { id: 2, username: 'admin' }, office: { officeName: '云杉街道办事处', cutoffTime: '15:00' } } });
  const before = snapshot(t.ledger);
  expect(anonymous('auth.setup', { ...setup, admin: { ...setup.admin, username: 'intruder' } })).toEqual({
    ok: false, error: { code: 'SETUP_DONE', message: '本单位已完成初始设置,请登录。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  // The audit trail has the setup, under the new administrator, and never the password.
  const audit = t.ok('audit.list').rows;
  expect(audit.map((a) => [a.method, a.userId])).toEqual([['auth.setup', 2]]);
  expect(JSON.stringify(audit)).not.toContain('first-admin-9');
});

test('weak passwords are refused with the reason', () => {
  t = tempLedger();
  for (const [password, message] of [['short7x', '密码至少 8 位。'], ['aaaaaaaa', '密码不能由同一个字符组成。'], ['admin', '密码至少 8 位。']] as const) {
    expect(anonymous('auth.setup', { ...setup, admin: { ...setup.admin, password } })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
  }
  expect(anonymous('auth.setup', { ...setup, admin: { ...setup.admin, username: 'longname1', password: 'LONGNAME1' } })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '密码不能与用户名相同。' },
  });
  expect(anonymous('auth.status')).toMatchObject({ data: { needsSetup: true } });
});

test('five wrong passwords pause logins to the account from that machine only, doubling; an unknown name is answered alike', () => {
  t = tempLedger();
  anonymous('auth.setup', setup);
  const from = (source: string, username: string, password: string) => callApi({ ledger: t.ledger, userId: 0, source }, 'auth.login', { username, password });
  const left = (n: number) => ({ ok: false, error: { code: 'LOGIN_FAILED', message: `用户名或密码不正确(再错 ${n} 次将暂停登录 5 分钟)。` } });
  const paused = (n: number, minutes: number) => ({ ok: false, error: { code: 'ACCOUNT_LOCKED', message: `密码连续输错 ${n} 次,这台电脑暂停登录该账户 ${minutes} 分钟。` } });
  for (const username of ['admin', 'nobody']) {
    for (let n = 4; n >= 1; n--) expect([username, from('192.0.2.66', username, 'not-the-one')]).toEqual([username, left(n)]);
    expect([username, from('192.0.2.66', username, 'not-the-one')]).toEqual([username, paused(5, 5)]);
  }
  expect(t.ledger.db.prepare('SELECT * FROM login_failures ORDER BY username').all()).toEqual([
    { username: 'admin', source: '192.0.2.66', failures: 5, last_at: '2026-11-28T02:00:00.000Z', locked_until: '2026-11-28T02:05:00.000Z' },
    { username: 'nobody', source: '192.0.2.66', failures: 5, last_at: '2026-11-28T02:00:00.000Z', locked_until: '2026-11-28T02:05:00.000Z' },
  ]);
  expect(t.ok('users.list').find((u) => u.username === 'admin')).toMatchObject({ locked: true });
  // The administrator at this machine (or another LAN machine) is not kept out.
  expect(from('local', 'admin', 'first-admin-9')).toMatchObject({ ok: true, data: { user: { id: 2 } } });
  expect(from('192.0.2.9', 'admin', 'first-admin-9')).toMatchObject({ ok: true, data: { user: { id: 2 } } });
  // The paused machine: even the right password waits; then one more wrong one pauses twice as long.
  t.clock.advance(4 * 60_000);
  expect(from('192.0.2.66', 'admin', 'first-admin-9')).toEqual({
    ok: false, error: { code: 'ACCOUNT_LOCKED', message: '密码连续输错 5 次,这台电脑暂停登录该账户,请 1 分钟后再试。' },
  });
  t.clock.advance(60_000);
  expect(from('192.0.2.66', 'admin', 'wrong-again')).toEqual(paused(6, 10));
  t.clock.advance(10 * 60_000);
  expect(from('192.0.2.66', 'admin', 'first-admin-9')).toMatchObject({ ok: true, data: { user: { id: 2, locked: false } } });
  expect(t.ledger.db.prepare("SELECT COUNT(*) FROM login_failures WHERE username = 'admin'").pluck().get()).toBe(0);
  expect(t.ok('audit.list').rows.map((a) => a.method).reverse()).toEqual([
    'auth.setup', ...Array(5).fill('auth.loginFailed'), 'auth.login', 'auth.login', 'auth.loginFailed', 'auth.login',
  ]);
  expect(t.ok('audit.verify')).toMatchObject({ ok: true });
});

test('a login succeeds when nothing can be written (a full disk, a read-only file): what it would record is left out', () => {
  t = tempLedger();
  anonymous('auth.setup', setup);
  const audited = () => t.ledger.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
  // The file may not grow: logins record themselves until the audit trail's last page is full.
  t.ledger.db.pragma(`max_page_count = ${t.ledger.db.pragma('page_count', { simple: true }) as number}`);
  let rows = audited();
  for (let i = 0; i < 100; i++) {
    expect(anonymous('auth.login', { username: 'admin', password: 'first-admin-9' })).toMatchObject({ ok: true });
    if (audited() === rows) break;
    rows = audited();
  }
  const before = snapshot(t.ledger);
  expect(anonymous('auth.login', { username: 'admin', password: 'first-admin-9' })).toMatchObject({ ok: true, data: { user: { id: 2 } } });
  expect(anonymous('auth.login', { username: 'admin', password: 'wrong-one-1' })).toEqual({ ok: false, error: { code: 'LOGIN_FAILED', message: '用户名或密码不正确(再错 4 次将暂停登录 5 分钟)。' } });
  expect(snapshot(t.ledger)).toEqual(before);
  t.ledger.db.pragma('max_page_count = 1073741823');
  t.ledger.db.pragma('query_only = 1');
  expect(anonymous('auth.login', { username: 'admin', password: 'first-admin-9' })).toMatchObject({ ok: true, data: { user: { id: 2 } } });
  t.ledger.db.pragma('query_only = 0');
  expect(snapshot(t.ledger)).toEqual(before);
});

/** A user per role, and a call as each. */
function staff() {
  anonymous('auth.setup', setup);
  const ids = {} as Record<Role, number>;
  for (const role of ROLES) {
    ids[role] = role === 'admin' ? 2 : t.ok('users.create', { username: `u-${role}`, displayName: `${role} 用户`, role, password: `pass-${role}-123` }).id;
  }
  return ids;
}

test('every method is checked against the caller’s role by the API itself', async () => {
  t = tempLedger();
  seedBasics(t);
  const ids = staff();
  const before = snapshot(t.ledger);
  for (const method of Object.keys(handlers) as Method[]) {
    for (const role of ROLES) {
      // A probe input no schema accepts: an allowed call fails on its input, a refused one on the role.
      const answer = await callApi({ ledger: t.ledger, userId: ids[role] }, method, { probe: '角色检查' });
      const rule = ACCESS[method];
      const allowed = rule === PUBLIC || rule.includes(role);
      expect([method, role, answer.ok ? 'ok' : answer.error.code === 'FORBIDDEN' ? 'forbidden' : 'allowed']).toEqual([method, role, allowed ? 'allowed' : 'forbidden']);
    }
  }
  expect(snapshot(t.ledger)).toEqual(before);
  const as = (role: Role, method: string, input?: unknown) => callApi({ ledger: t.ledger, userId: ids[role] }, method, input);
  const forbidden = (label: string) => ({ ok: false, error: { code: 'FORBIDDEN', message: `当前账户(${label})无权进行此操作。` } });
  expect(await as('clerk', 'reports.daily.submit', { narrative: {} })).toEqual(forbidden('保管员'));
  expect(as('clerk', 'users.create', { username: 'x1', displayName: 'x', role: 'admin', password: 'abcdefgh1' })).toEqual(forbidden('保管员'));
  expect(as('readonly', 'docs.post', { type: 'receipt', lines: [] })).toEqual(forbidden('只读'));
  expect(as('liaison', 'docs.post', { type: 'receipt', lines: [] })).toEqual(forbidden('联络员'));
  expect(as('clerk', 'docs.void', { id: 1, reason: 'x' })).toEqual(forbidden('保管员'));
  expect(as('readonly', 'items.list')).toMatchObject({ ok: true });
  // The audit trail names who did what: for those accountable for the office (issue #20), not every account.
  expect(as('clerk', 'audit.list')).toEqual(forbidden('保管员'));
  expect(as('readonly', 'audit.list')).toEqual(forbidden('只读'));
  expect(as('leader', 'audit.list')).toMatchObject({ ok: true });
  // So is the list of accounts with their phone numbers.
  expect(as('clerk', 'users.list')).toEqual(forbidden('保管员'));
  expect(as('readonly', 'users.list')).toEqual(forbidden('只读'));
  expect(as('leader', 'users.list')).toMatchObject({ ok: true });
  // A stopped account is refused at once, whatever its role.
  t.ok('users.update', { id: ids.clerk, active: false });
  expect(as('clerk', 'items.list')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } });
});

test('the logged-in user is the operator on what they post; passwords change and reset; the last administrator stays', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const ids = staff();
  const asClerk = (method: string, input?: unknown) => callApi({ ledger: t.ledger, userId: ids.clerk }, method, input);
  const posted = asClerk('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  expect(posted).toEqual({ ok: true, data: { id: 1, number: 'RK20261128-001' } });
  expect(t.ok('docs.get', { id: 1 })).toMatchObject({ operatorName: 'clerk 用户' });
  expect(t.ledger.db.prepare('SELECT operator_id FROM documents').all()).toEqual([{ operator_id: ids.clerk }]);

  expect(asClerk('auth.changePassword', { oldPassword: 'wrong-old-1', newPassword: 'new-pass-99' })).toEqual({ ok: false, error: { code: 'LOGIN_FAILED', message: '原密码不正确。' } });
  expect(asClerk('auth.changePassword', { oldPassword: 'pass-clerk-123', newPassword: 'new-pass-99' })).toEqual({ ok: true, data: { changed: true } });
  expect(anonymous('auth.login', { username: 'u-clerk', password: 'pass-clerk-123' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
  expect(anonymous('auth.login', { username: 'u-clerk', password: 'new-pass-99' })).toMatchObject({ ok: true });
  expect(t.ok('users.resetPassword', { id: ids.clerk, newPassword: 'reset-by-admin' })).toMatchObject({ id: ids.clerk, locked: false });
  expect(anonymous('auth.login', { username: 'u-clerk', password: 'reset-by-admin' })).toMatchObject({ ok: true });
  expect(JSON.stringify(t.ledger.db.prepare('SELECT detail FROM audit_log').all())).not.toMatch(/new-pass-99|reset-by-admin|pass-clerk-123/);

  expect(callApi({ ledger: t.ledger, userId: 2 }, 'users.update', { id: 2, role: 'clerk' })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '至少要保留一个可用的管理员账户。' },
  });
  expect(t.ok('users.list').map((u) => u.username)).toEqual(['admin', 'u-clerk', 'u-liaison', 'u-leader', 'u-readonly', 'u-community']);
});
