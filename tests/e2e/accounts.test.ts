/// <reference lib="dom" />
import { afterEach, expect, test } from 'vitest';
import { createBackup } from '../../db/backup/backup';
import { DEMO_PASSWORD } from '../../scripts/demo-data';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

let app: App | undefined;
let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  await app?.stop();
  s = undefined;
  app = undefined;
});

const visibleMenu = (session: Session) => session.page.locator('.ant-menu-item').allTextContents();

test('first run: the office and its administrator are set up on screen, then the app opens as that administrator', async () => {
  app = await startApp({ setup: true });
  s = await openBrowser(app, { as: null });
  const { page } = s;
  await page.goto(app.url);
  await page.getByTestId('setup-office').waitFor();
  await screenshot(page, 'setup');
  await page.getByTestId('setup-office').fill('云杉街道办事处');
  await page.getByTestId('setup-username').fill('chief');
  await page.getByTestId('setup-display').fill('林海');
  await page.getByTestId('setup-password').fill('short');
  await page.getByTestId('setup-confirm').fill('short');
  await page.getByTestId('setup-submit').click();
  await page.getByText('密码至少 8 位').first().waitFor();
  await page.getByTestId('setup-password').fill('chief-pass-8');
  await page.getByTestId('setup-confirm').fill('chief-pass-8');
  await page.getByTestId('setup-submit').click();
  await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 10_000 }).toBe('云杉街道办事处');
  await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('林海 · 管理员');
  expect(app.api('users.list').map((u) => [u.username, u.role])).toEqual([['chief', 'admin']]);
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('login: a wrong password is said plainly and counted; the right one opens the app; logout returns to login', async () => {
  app = await startApp({ demo: true });
  s = await openBrowser(app, { as: null });
  const { page } = s;
  await page.goto(app.url);
  await page.getByTestId('login-username').fill('clerk');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('用户名或密码不正确(再错 4 次将暂停登录 5 分钟)。');
  await screenshot(page, 'login-error');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-password').press('Enter');
  await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('孙晓梅 · 保管员');
  await page.getByTestId('user-menu').click();
  await page.getByText('退出登录').click();
  await page.getByTestId('login-username').waitFor();
  expect(s.errors).toEqual([]);
});

test('roles: a clerk cannot submit a report or manage users; a read-only user cannot post — on screen and at the API', async () => {
  app = await startApp({ demo: true });
  s = await openBrowser(app, { as: 'clerk' });
  await s.page.goto(`${app.url}#/settings`);
  await expect.poll(() => visibleMenu(s!)).toEqual(['首页', '物资', '入库', '出库发放', '退库/归还', '报损/调出', '盘点', '库存', '台账', '单据', '捐赠公示', '居民代购', '设置']);
  await s.page.getByTestId('office-name').waitFor();
  expect(await s.page.getByTestId('users-card').count()).toBe(0);
  // The API refuses what the screen does not offer, even when called by hand from the page.
  const asClerk = await s.page.evaluate(async () => {
    const post = (m: string, body: unknown) => fetch(`./api/${m}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
    return [await post('reports.daily.submit', { narrative: {} }), await post('users.create', { username: 'x', displayName: 'x', role: 'admin', password: 'abcdefgh9' })];
  });
  expect(asClerk).toEqual([
    [403, { ok: false, error: { code: 'FORBIDDEN', message: '当前账户(保管员)无权进行此操作。' } }],
    [403, { ok: false, error: { code: 'FORBIDDEN', message: '当前账户(保管员)无权进行此操作。' } }],
  ]);
  await s.close();

  s = await openBrowser(app, { as: 'viewer' });
  await s.page.goto(`${app.url}#/issue`);
  await expect.poll(() => visibleMenu(s!)).toEqual(['首页', '物资', '库存', '台账', '单据', '设置']);
  await screenshot(s.page, 'role-readonly');
  const asViewer = await s.page.evaluate(async () => {
    const r = await fetch('./api/docs.post', { method: 'POST', body: JSON.stringify({ type: 'issue', checkpointId: 1, lines: [{ itemId: 1, quantity: 1 }] }) });
    return [r.status, (await r.json()).error.code];
  });
  expect(asViewer).toEqual([403, 'FORBIDDEN']);
  expect(s.errors).toEqual([]);
});

test('the administrator manages users and restores a backup through the 备份与恢复 card', async () => {
  app = await startApp({ demo: true });
  const before = app.api('docs.list', { limit: 1 }).total;
  await createBackup(app.ledger, 'manual');
  s = await openBrowser(app, { as: 'admin' });
  const { page } = s;
  // A document posted after the backup: the restore takes it away.
  const s0 = app.api('sources.list', {})[0];
  app.api('docs.post', { type: 'receipt', sourceId: s0.id, time: new Date().toISOString(), lines: [{ itemId: 1, quantity: '5' }] });
  expect(app.api('docs.list', { limit: 1 }).total).toBe(before + 1);

  await page.goto(`${app.url}#/settings`);
  await page.getByTestId('users-add').click();
  await page.getByTestId('user-username').fill('clerk2');
  await page.getByTestId('user-display').fill('赵春燕');
  await page.getByTestId('user-password').fill('clerk2-pass');
  await page.locator('.ant-modal').getByRole('button', { name: '保 存' }).click();
  await page.getByTestId('users-card').getByText('赵春燕').waitFor();
  expect(app.api('users.list').find((u) => u.username === 'clerk2')).toMatchObject({ displayName: '赵春燕', role: 'clerk', active: true });

  await page.getByTestId('backups-card').getByText('完好').first().waitFor();
  await screenshot(page, 'settings-admin');
  await page.getByTestId('backup-restore').first().click();
  await page.locator('.ant-modal-confirm-title', { hasText: '确定要从这个备份恢复吗?' }).first().waitFor();
  await page.locator('.ant-modal-confirm-btns').getByRole('button', { name: '恢 复' }).click();
  // Everyone is logged out: the login screen comes back, and the ledger is the backup's.
  await page.getByTestId('login-username').waitFor({ timeout: 20_000 });
  const restored = app.host.ledger!;
  expect(restored.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(before);
  expect(restored.db.prepare("SELECT COUNT(*) FROM users WHERE username = 'clerk2'").pluck().get()).toBe(0);
  expect(s.errors).toEqual([]);
});
