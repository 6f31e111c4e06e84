import type { Database } from 'better-sqlite3';
import { first, qb } from './sql';

// The audit trail as work a person did: "过账 出库单 CK20261201-009(东风社区采样点,5 项)". The raw
// entry (method and JSON detail) stays beside it, as the chain hashes it.

const DOC_LABEL: Record<string, string> = {
  receipt: '入库单', issue: '出库单', return: '退库单', loan: '借用单', loan_return: '归还单',
  stocktake: '盘点单', loss: '报损单', transfer_out: '调拨出库单', move: '移库单', void: '冲销单',
};

/** What each write is called, for the entries that need no lookup. */
const ACTION: Record<string, string> = {
  'auth.setup': '首次设置,建立管理员账户', 'auth.login': '登录', 'auth.loginFailed': '登录失败', 'auth.logout': '退出登录',
  'auth.changePassword': '修改自己的密码', 'users.create': '新建账户', 'users.update': '修改账户', 'users.resetPassword': '重置密码',
  'items.create': '新增物资', 'items.update': '修改物资', 'categories.create': '新增类别', 'categories.update': '修改类别',
  'sources.create': '新增来源', 'sources.update': '修改来源', 'checkpoints.create': '新增点位', 'checkpoints.update': '修改点位',
  'stores.create': '新增库房', 'stores.update': '修改库房', 'people.create': '新增领取人', 'people.update': '修改领取人', 'catalog.importCommit': '从 Excel 导入物资目录',
  'print.slip': '打印单据', 'print.slips': '批量打印单据', 'reports.daily.submit': '报送日报', 'reports.daily.withdraw': '撤回日报',
  'reports.export': '导出报表', 'settings.update': '修改单位设置', 'templates.create': '上传报表模板', 'templates.update': '修改报表模板',
  'templates.setDefaults': '设置默认模板', 'templates.delete': '删除报表模板', 'backups.create': '备份数据', 'backups.restore': '从备份恢复',
  'households.create': '登记住户', 'households.importCommit': '从 Excel 导入住户', 'households.update': '修改住户', 'suppliers.create': '新增供货单位', 'suppliers.update': '修改供货单位',
  'rounds.create': '新开采购批次', 'rounds.update': '修改采购批次', 'rounds.close': '采购批次结单', 'orders.record': '登记住户订单', 'orders.change': '修改住户订单',
  'rounds.handover': '收货核对', 'rounds.reconcile': '与供货单位对账', 'orders.allot': '调整住户分配', 'orders.pay': '登记收款', 'orders.unpay': '撤销收款', 'orders.deliver': '登记入户配送', 'rounds.anonymise': '匿名化已结束的采购批次', 'rounds.createFree': '新开免费发放批次', 'keys.create': '生成数据包签名密钥', 'rounds.distribute': '免费发放出库', 'rounds.freeExclude': '调整免费发放名单',
};

interface Detail {
  input?: Record<string, unknown> | null;
  result?: Record<string, unknown> | null;
}

/** A document's type, number, party and line count, and what it reverses. */
function docFacts(db: Database, documentId: number) {
  return first(
    db,
    qb.selectFrom('documents as d')
      .leftJoin('checkpoints as cp', 'cp.id', 'd.checkpoint_id')
      .leftJoin('sources as s', 's.id', 'd.source_id')
      .select((e) => [
        'd.type', 'd.number', 'cp.name as checkpointName', 's.name as sourceName', 'd.counterparty',
        e.selectFrom('document_lines as l').select((l) => l.fn.countAll<number>().as('n')).whereRef('l.document_id', '=', 'd.id').as('lines'),
      ])
      .where('d.id', '=', documentId),
  );
}

type Named = 'items' | 'checkpoints' | 'people' | 'sources' | 'categories' | 'stores';
const NAMED: readonly string[] = ['items', 'checkpoints', 'people', 'sources', 'categories', 'stores'];

function nameOf(db: Database, table: string, rowId: number): string | undefined {
  if (table === 'users') return first(db, qb.selectFrom('users').select('display_name').where('id', '=', rowId))?.display_name;
  if (!NAMED.includes(table)) return undefined;
  return first(db, qb.selectFrom(table as Named).select('name').where('id', '=', rowId))?.name;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function docText(db: Database, verb: string, documentId: unknown): string | null {
  if (typeof documentId !== 'number') return null;
  const d = docFacts(db, documentId);
  if (!d) return null;
  const what = [d.checkpointName ?? d.sourceName ?? d.counterparty, `${d.lines ?? 0} 项`].filter(Boolean).join(',');
  return `${verb} ${DOC_LABEL[d.type] ?? d.type} ${d.number}(${what})`;
}

/** One entry as a sentence (without the person: the screen shows who beside it). */
export function auditText(db: Database, method: string, detailJson: string): string {
  let detail: Detail = {};
  try {
    detail = JSON.parse(detailJson) as Detail;
  } catch {
    // An entry that is not JSON is shown by its method name.
  }
  const input = detail.input ?? {};
  const result = detail.result ?? {};
  if (method === 'docs.post') return docText(db, '过账', result.id) ?? `过账 ${str(result.number)}`;
  if (method === 'docs.void') {
    const original = typeof input.documentId === 'number' ? docFacts(db, input.documentId) : undefined;
    const label = original ? `${DOC_LABEL[original.type] ?? original.type} ${original.number}` : '';
    return `作废 ${label}(原因:${str(input.reason)})${result.number ? `,冲销单 ${str(result.number)}` : ''}`;
  }
  if (method === 'print.slip') return docText(db, '打印', input.documentId) ?? '打印单据';
  const table = method.split('.')[0];
  const base = ACTION[method] ?? method;
  const named = str(input.name) || str(input.displayName) || str(input.officeName);
  if (named) return `${base} ${named}`;
  if (typeof input.id === 'number') {
    const row = nameOf(db, table, input.id);
    const toggled = input.active === false ? '(停用)' : input.active === true && Object.keys(input).length === 2 ? '(启用)' : '';
    if (row) return `${base} ${row}${toggled}`;
  }
  return base;
}
