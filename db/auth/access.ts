import type { Kind } from '../api/handler';
import type { Method } from '../api/handlers';
import type { Role } from '../schema';

/**
 * Who may call what, checked by callApi for every method whatever the transport. 管理员 can do
 * everything (a small office's administrator is often also its clerk); the others get their duties.
 */
const ANYONE: readonly Role[] = ['admin', 'clerk', 'liaison', 'leader', 'readonly'];
const STOCK: readonly Role[] = ['admin', 'clerk'];
const REPORT: readonly Role[] = ['admin', 'liaison', 'leader'];
const APPROVE: readonly Role[] = ['admin', 'leader'];
const ADMIN: readonly Role[] = ['admin'];
/** Everyone with an account, the 社区工作人员 too: their own session and the office's name. */
const EVERYONE: readonly Role[] = [...ANYONE, 'community'];
/** 居民代购保供: the community staff run it (LAN mode, several at once); the leader and the clerk see it. */
const ROUNDS: readonly Role[] = ['admin', 'community'];
const ROUNDS_READ: readonly Role[] = ['admin', 'community', 'leader', 'clerk'];
/** 爱心菜包: the warehouse's own goods given to households go out through an issue slip, the clerk's act. */
const FREE_ROUNDS: readonly Role[] = ['admin', 'clerk'];
/** 下级报送: the liaison imports its units' packages and sends the 汇总 upward; the leader sees it. */
const DISTRICT_SEND: readonly Role[] = ['admin', 'liaison'];
/** 捐赠公示: the register of donations (with donors' contacts) and the public table, for the office's staff. */
const DONATIONS: readonly Role[] = ['admin', 'clerk', 'liaison', 'leader'];
/** Before login: the first-run setup, the login itself, and whether either is needed. */
export const PUBLIC = 'public';

export const ACCESS: Record<Method, readonly Role[] | typeof PUBLIC> = {
  'auth.status': PUBLIC,
  'auth.setup': PUBLIC,
  'auth.login': PUBLIC,
  'auth.logout': EVERYONE,
  'auth.me': EVERYONE,
  'auth.changePassword': EVERYONE,
  // Phone numbers of the office's people: for the leader and the administrator only.
  'users.list': APPROVE,
  'users.create': ADMIN,
  'users.update': ADMIN,
  'users.resetPassword': ADMIN,

  'items.list': ANYONE,
  'items.get': ANYONE,
  'items.create': STOCK,
  'items.update': STOCK,
  'categories.list': ANYONE,
  'categories.create': STOCK,
  'categories.update': STOCK,
  'stores.list': ANYONE,
  'stores.create': STOCK,
  'stores.update': STOCK,
  'sources.list': ANYONE,
  'sources.create': STOCK,
  'sources.update': STOCK,
  'checkpoints.list': ANYONE,
  'checkpoints.create': STOCK,
  'checkpoints.update': STOCK,
  'people.list': ANYONE,
  'people.create': STOCK,
  'people.update': STOCK,
  'catalog.importPreview': STOCK,
  'catalog.importCommit': STOCK,
  'catalog.importErrors': STOCK,
  'catalog.importTemplate': STOCK,
  'catalog.export': ANYONE,

  'docs.post': STOCK,
  'docs.void': APPROVE,
  'docs.get': ANYONE,
  'docs.list': ANYONE,
  'stock.list': ANYONE,
  'stock.card': ANYONE,
  'stock.recent': ANYONE,
  'stock.cardExport': ANYONE,
  'loans.outstanding': ANYONE,
  'loans.open': ANYONE,
  'holdings.list': ANYONE,
  'ledger.verify': ANYONE,
  'dashboard.get': ANYONE,
  'print.slip': STOCK,
  'print.slips': STOCK,
  'print.history': ANYONE,
  'print.card': ANYONE,
  'print.countSheet': ANYONE,
  'audit.verify': ANYONE,
  'audit.list': APPROVE,

  'reports.daily.status': ANYONE,
  'reports.daily.preview': REPORT,
  'reports.daily.submit': REPORT,
  'reports.daily.list': ANYONE,
  'reports.daily.get': ANYONE,
  'reports.daily.withdraw': APPROVE,
  'reports.range': REPORT,
  'reports.export': REPORT,
  'templates.list': ANYONE,
  'templates.vocabulary': ANYONE,
  'templates.inspect': REPORT,
  'templates.create': REPORT,
  'templates.update': REPORT,
  'templates.setDefaults': REPORT,
  'templates.delete': REPORT,
  'templates.download': REPORT,
  'templates.preview': REPORT,

  'settings.get': EVERYONE,
  'settings.update': ADMIN,
  'backups.list': ADMIN,
  'backups.create': ADMIN,
  'backups.restore': ADMIN,
  'archive.export': APPROVE,

  'households.list': ROUNDS_READ,
  'households.compounds': ROUNDS_READ,
  // One household whole, its phone unmasked: for those who edit the register.
  'households.get': ROUNDS,
  'households.create': ROUNDS,
  'households.update': ROUNDS,
  'households.importPreview': ROUNDS,
  'households.importCommit': ROUNDS,
  'suppliers.list': ROUNDS_READ,
  'suppliers.create': ROUNDS,
  'suppliers.update': ROUNDS,
  'rounds.list': ROUNDS_READ,
  'rounds.get': ROUNDS_READ,
  'rounds.create': ROUNDS,
  'rounds.update': ROUNDS,
  'rounds.close': ROUNDS,
  'rounds.consolidation': ROUNDS_READ,
  'rounds.purchaseOrderExport': ROUNDS_READ,
  'orders.list': ROUNDS_READ,
  'orders.get': ROUNDS_READ,
  'orders.record': ROUNDS,
  'orders.change': ROUNDS,
  'rounds.handover': ROUNDS,
  'rounds.settlement': ROUNDS_READ,
  'rounds.reconcile': ROUNDS,
  'orders.allot': ROUNDS,
  'orders.pay': ROUNDS,
  'orders.unpay': ROUNDS,
  'orders.deliver': ROUNDS,
  'print.deliverySheets': ROUNDS_READ,
  'print.deliveryLabels': ROUNDS_READ,
  'rounds.anonymise': ROUNDS,
  'rounds.goodsPreview': ROUNDS,
  'rounds.createFree': FREE_ROUNDS,
  'rounds.freeExclude': FREE_ROUNDS,
  'rounds.distribute': FREE_ROUNDS,

  // 数据包: the key's fingerprint is read out to the district; packages go with the reports.
  'keys.get': REPORT,
  'keys.create': ADMIN,
  'reports.package': REPORT,
  'packages.verify': REPORT,

  'donations.list': DONATIONS,
  'donations.disclosure': DONATIONS,
  'donations.export': DONATIONS,
  'print.donations': DONATIONS,
  // 下级报送: registering a unit's key is trusting its seal, the administrator's act.
  'subUnits.list': REPORT,
  'subUnits.create': ADMIN,
  'subUnits.update': ADMIN,
  'packages.import': DISTRICT_SEND,
  'packages.history': REPORT,
  'district.matrix': REPORT,
  'district.summary': REPORT,
  'district.summaryExport': REPORT,
  'mappings.list': REPORT,
  'mappings.create': DISTRICT_SEND,
  'mappings.delete': DISTRICT_SEND,
  'consolidations.submit': DISTRICT_SEND,
  'consolidations.list': REPORT,
  'consolidations.package': REPORT,
  // 调拨单: the district's 调拨出库 goes out as a file; the unit's clerk takes it in as a receipt and sends back the 签收.
  'allocations.package': STOCK,
  'allocations.list': REPORT,
  'allocations.preview': STOCK,
  'allocations.receive': STOCK,
  'allocations.received': STOCK,
  'allocations.ack': STOCK,
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  clerk: '保管员',
  liaison: '联络员',
  leader: '负责人',
  readonly: '只读',
  community: '社区工作人员',
};

/** What a read-only account may still do that is not a query: its own login, logout and password. */
const SELF_SERVICE: readonly Method[] = ['auth.login', 'auth.logout', 'auth.changePassword'];

/** The table above (the screens use it to show what a role can do). */
export function mayCall(role: Role, method: Method): boolean {
  const rule = ACCESS[method];
  return rule === PUBLIC || rule.includes(role);
}

/** And by kind, on the server: a read-only account never runs a command or a job, whatever the table says. */
export function mayRun(role: Role, method: Method, kind: Kind): boolean {
  if (role === 'readonly' && kind !== 'query' && !SELF_SERVICE.includes(method)) return false;
  return mayCall(role, method);
}
