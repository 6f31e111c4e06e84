import { afterEach, expect, test } from 'vitest';
import { gateCall } from '../../db/host/gate';
import { LedgerHost } from '../../db/host/host';
import { callerOf } from '../../server/http';
import { isInsideFolderUrl } from '../../server/paths';
import { snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const setup = { officeName: '云杉街道办事处', admin: { username: 'admin', displayName: '林海', password: 'first-admin-9' } };

test('first-run setup is refused from another machine, with nothing written, and accepted from this one', async () => {
  t = tempLedger();
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  const before = snapshot(t.ledger);
  const lan = { local: false, address: '192.0.2.10' };
  expect((await gateCall(host, lan, 'auth.setup', setup)).result).toEqual({
    ok: false, error: { code: 'FORBIDDEN', message: '初始设置只能在运行本程序的电脑上进行,请到这台电脑上操作。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  expect((await gateCall(host, lan, 'auth.status', undefined)).result).toMatchObject({ ok: true, data: { needsSetup: true } });
  const done = await gateCall(host, { local: true }, 'auth.setup', setup);
  expect(done.result).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });
  expect(typeof done.token).toBe('string');
});

test('the caller as the HTTP transport sees it: loopback is this machine, anything else a LAN address', () => {
  const req = (remoteAddress: string, cookie?: string) => ({ headers: cookie ? { cookie } : {}, socket: { remoteAddress } }) as Parameters<typeof callerOf>[0];
  expect(callerOf(req('::ffff:192.0.2.10', 'sl_session=abc'))).toEqual({ token: 'abc', local: false, address: '192.0.2.10' });
  expect(callerOf(req('127.0.0.1'))).toEqual({ token: undefined, local: true, address: '127.0.0.1' });
  expect(callerOf(req('::1'))).toEqual({ token: undefined, local: true, address: '::1' });
  expect(callerOf(req('2001:db8::5'))).toEqual({ token: undefined, local: false, address: '2001:db8::5' });
});

test('changing your own password ends your other sessions, keeps this one, and leaves other users logged in', async () => {
  t = tempLedger();
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  await gateCall(host, { local: true }, 'auth.setup', setup);
  t.ok('users.create', { username: 'clerk', displayName: '保管员', role: 'clerk', password: 'clerk-pass-1' });
  const login = async (username: string, password: string, address: string) =>
    (await gateCall(host, { local: false, address }, 'auth.login', { username, password })).token!;
  const here = await login('admin', 'first-admin-9', '192.0.2.1');
  const elsewhere = await login('admin', 'first-admin-9', '192.0.2.2');
  const clerk = await login('clerk', 'clerk-pass-1', '192.0.2.3');
  const me = (token: string) => gateCall(host, { token, local: false }, 'auth.me', undefined).then((a) => a.result.ok);
  expect(await Promise.all([me(here), me(elsewhere), me(clerk)])).toEqual([true, true, true]);
  expect((await gateCall(host, { token: here, local: false }, 'auth.changePassword', { oldPassword: 'first-admin-9', newPassword: 'second-admin-9' })).result).toEqual({ ok: true, data: { changed: true } });
  expect(await Promise.all([me(here), me(elsewhere), me(clerk)])).toEqual([true, false, true]);
});

test('the desktop shell trusts pages inside the renderer folder only, by whole path segments', () => {
  const root = 'file:///opt/%E7%89%A9%E8%B5%84/resources/app.asar/dist/renderer';
  expect(isInsideFolderUrl(`${root}/index.html`, root)).toBe(true);
  expect(isInsideFolderUrl(`${root}/assets/a.js`, root)).toBe(true);
  expect(isInsideFolderUrl(`${root}/index.html#/issue`, root)).toBe(true);
  expect(isInsideFolderUrl(`${root}-x/index.html`, root)).toBe(false);
  expect(isInsideFolderUrl(`${root}.evil/index.html`, root)).toBe(false);
  expect(isInsideFolderUrl(`${root}/%2E%2E/%2E%2E/secret.html`, root)).toBe(false);
  expect(isInsideFolderUrl('https://example.com/dist/renderer/index.html', root)).toBe(false);
  expect(isInsideFolderUrl('not a url', root)).toBe(false);
});
