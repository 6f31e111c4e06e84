/**
 * A fictional office with a living week of work: goods, checkpoints, pickup persons, receipts,
 * slips, returns, loans, a stocktake and a loss. Every name here is invented.
 */
import { callApiSync } from '../db/api/call';
import { buildDemoRound } from './demo-rounds';
import type { ApiInput, ApiOutput, Method } from '../db/api/handlers';
import { FixedClock } from '../db/clock';
import type { Ledger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';
import { officeDayOf } from '../db/reports/days';
import { addDays, businessDate, zonedInstant } from '../db/time';

const ITEMS = [
  { code: 'FH001', name: '医用外科口罩', spec: '17.5×9.5cm 独立包装', cat: '防护用品', unit: '只', packUnit: '盒', packFactor: 50, minStock: 2000, price: 50 },
  { code: 'FH002', name: 'KN95防护口罩', spec: '折叠式', cat: '防护用品', unit: '只', packUnit: '盒', packFactor: 20, minStock: 500, price: 180 },
  { code: 'FH003', name: '医用防护服', spec: '连体带帽 L', cat: '防护用品', unit: '件', packUnit: '箱', packFactor: 20, minStock: 100, price: 3500 },
  { code: 'FH004', name: '一次性乳胶手套', spec: 'M号', cat: '防护用品', unit: '双', packUnit: '盒', packFactor: 50, minStock: 500, price: 60 },
  { code: 'FH005', name: '防护面屏', spec: '', cat: '防护用品', unit: '个', minStock: 50, price: 400 },
  { code: 'XS001', name: '84消毒液', spec: '5L/桶', cat: '消杀用品', unit: '桶', packUnit: '箱', packFactor: 4, minStock: 20, price: 3000, batches: true },
  { code: 'XS002', name: '75%酒精消毒液', spec: '500ml/瓶', cat: '消杀用品', unit: '瓶', packUnit: '箱', packFactor: 24, minStock: 48, price: 1200, batches: true },
  { code: 'XS003', name: '免洗手消毒凝胶', spec: '300ml', cat: '消杀用品', unit: '瓶', minStock: 30, price: 1500 },
  { code: 'JC001', name: '核酸采样管', spec: '单采 3ml', cat: '检测试剂', unit: '支', packUnit: '盒', packFactor: 100, minStock: 1000, price: 120, batches: true },
  { code: 'JC002', name: '抗原检测试剂', spec: '单人份', cat: '检测试剂', unit: '人份', packUnit: '盒', packFactor: 20, minStock: 400, price: 350, batches: true },
  { code: 'SB001', name: '额温枪', spec: '红外非接触', cat: '医疗器械/设备', unit: '把', minStock: 5, price: 9800, durable: true },
  { code: 'SB002', name: '手持扩音器', spec: '可录音', cat: '医疗器械/设备', unit: '台', minStock: 3, price: 12000, durable: true },
  { code: 'SB003', name: '电动喷雾器', spec: '16L 背负式', cat: '医疗器械/设备', unit: '台', minStock: 2, price: 26000, durable: true },
  { code: 'SH001', name: '大米', spec: '5公斤/袋', cat: '生活物资', unit: '公斤', packUnit: '袋', packFactor: 5, decimals: 1, minStock: 200, price: 600 },
  { code: 'SH002', name: '食用油', spec: '5L/桶', cat: '生活物资', unit: '桶', minStock: 20, price: 7500 },
  { code: 'SH003', name: '鸡蛋', spec: '30枚/盒', cat: '生活物资', unit: '盒', minStock: 30, price: 2500, batches: true },
  { code: 'SH004', name: '纯牛奶', spec: '250ml×24盒', cat: '生活物资', unit: '箱', minStock: 20, price: 6000, batches: true },
  { code: 'XC001', name: '防疫宣传海报', spec: 'A2', cat: '宣传物资', unit: '张', minStock: 100, price: 150 },
  { code: 'QT001', name: '警戒隔离带', spec: '100米/卷', cat: '其他', unit: '卷', minStock: 10, price: 1800 },
] as const;

const CHECKPOINTS: [string, string, string?][] = [
  ['青禾社区', '社区'], ['青禾花园小区', '小区', '青禾社区'], ['柳岸社区', '社区'], ['柳岸新村小区', '小区', '柳岸社区'],
  ['桥东社区', '社区'], ['南门卡口', '卡口'], ['北环路卡口', '卡口'], ['第一核酸采样点', '核酸采样点', '青禾社区'],
  ['第二核酸采样点', '核酸采样点', '柳岸社区'], ['健康驿站隔离点', '隔离点'], ['青禾敬老院', '养老机构'], ['农贸市场体温监测点', '监测点'],
];
/** Goods that start below their minimum and get no restock this week. */
const THIN: string[] = ['FH005', 'XS003'];
const SURNAMES = '张王李赵陈杨黄周吴徐孙马朱胡郭何林罗高梁';
const GIVEN = ['建华', '晓梅', '志强', '丽娟', '海涛', '文静', '国庆', '春燕', '子轩', '雨桐', '明辉', '秀英', '立新', '佳怡', '俊杰', '淑芬', '振宇', '慧敏', '永刚', '思远', '红霞', '德明', '欣然', '卫东'];

/** Small deterministic generator, so every demo ledger looks the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One account per role so anyone can try each; the passwords are in the README. Demo only. */
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_USERS = [
  { username: 'admin', displayName: '韩立新', role: 'admin' },
  { username: 'clerk', displayName: '孙晓梅', role: 'clerk' },
  { username: 'liaison', displayName: '马文静', role: 'liaison' },
  { username: 'leader', displayName: '高振宇', role: 'leader' },
  { username: 'viewer', displayName: '罗欣然', role: 'readonly' },
  { username: 'grid', displayName: '周丽', role: 'community' },
] as const;

export interface DemoOptions {
  /** The moment the demo ends (default: now); the week before it is filled. */
  now?: Date;
  officeName?: string;
}

export function buildDemo(ledger: Ledger, options: DemoOptions = {}): { documents: number } {
  const end = options.now ?? new Date();
  const clock = new FixedClock(end);
  const live = { ...ledger, clock };
  // Set up by the built-in operator; the week's documents are then posted by the demo clerk.
  let userId = localOperatorId(ledger.db);
  const ok = <M extends Method>(method: M, input?: ApiInput<M>): ApiOutput<M> => {
    const r = callApiSync({ ledger: live, userId }, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.data;
  };
  const random = rng(20261128);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  // The key its report packages are signed with, as a real setup makes it.
  ok('keys.create');
  const tz = 'Asia/Shanghai';

  ok('settings.update', { officeName: options.officeName ?? '青禾街道办事处', officeAddress: '青禾路 88 号', officePhone: '0571-8800 1234', timeZone: tz, cutoffTime: '15:00',
    // The office starts reporting today: the week before is in the ledger, not owed as reports.
    reportStartDay: officeDayOf(end, { timeZone: tz, cutoffTime: '15:00' }) });
  const staff = DEMO_USERS.map((u) => ok('users.create', { ...u, password: DEMO_PASSWORD }));
  userId = staff.find((u) => u.role === 'clerk')!.id;
  const cats = new Map(ok('categories.list').map((c) => [c.name, c.id]));
  const items = ITEMS.map((i) =>
    ok('items.create', {
      code: i.code, name: i.name, spec: i.spec, categoryId: cats.get(i.cat)!, unit: i.unit,
      ...('packUnit' in i ? { packUnit: i.packUnit, packFactor: i.packFactor } : {}),
      decimals: 'decimals' in i ? i.decimals : 0, minStock: i.minStock, unitPrice: i.price,
      tracksBatches: 'batches' in i, durable: 'durable' in i,
    }),
  );
  const sources = [
    ok('sources.create', { name: '区物资保障组', type: 'allocation' }),
    ok('sources.create', { name: '区卫生健康委员会', type: 'allocation' }),
    ok('sources.create', { name: '青禾大药房', type: 'purchase' }),
    ok('sources.create', { name: '禾丰粮油商行', type: 'purchase' }),
    ok('sources.create', { name: '晨光爱心企业联合会', type: 'donation' }),
  ];
  const cpIds = new Map<string, number>();
  for (const [name, type, parent] of CHECKPOINTS) {
    cpIds.set(name, ok('checkpoints.create', { name, type: type as '社区', ...(parent ? { parentId: cpIds.get(parent)! } : {}) }).id);
  }
  const people: { id: number; cp: number }[] = [];
  let g = 0;
  for (const cp of cpIds.values()) {
    for (let k = 0; k < 2; k++) {
      const name = SURNAMES[(g * 7) % SURNAMES.length] + GIVEN[g % GIVEN.length];
      people.push({ id: ok('people.create', { name, phone: `139${String(10000000 + g * 7919).slice(0, 8)}`, checkpointId: cp }).id, cp });
      g++;
    }
  }

  let documents = 0;
  const today = businessDate(end, tz);
  const at = (day: string, hhmm: string) => zonedInstant(day, hhmm, tz);
  const post = (when: Date, input: ApiInput<'docs.post'>) => {
    if (when.getTime() > end.getTime()) return;
    clock.set(when);
    ok('docs.post', input);
    documents++;
  };
  const byCode = (code: string) => items.find((i) => i.code === code)!;
  const batch = (code: string, day: string, months: number) => ({ batchNo: `${code.slice(0, 2)}${day.replaceAll('-', '').slice(2)}`, expiryDate: addDays(day, months * 30) });

  /** A donation, then a slip to the person's checkpoint from each of its batches (a tenth of each line). */
  const donate = (when: Date, donation: NonNullable<ApiInput<'docs.post'>['donation']>, lines: { itemId: number; quantity: string }[], to: { id: number; cp: number }) => {
    if (when.getTime() > end.getTime()) return;
    clock.set(when);
    const doc = ok('docs.get', { id: ok('docs.post', { type: 'receipt', sourceId: sources[4].id, note: '爱心捐赠', donation, lines }).id });
    documents++;
    post(new Date(when.getTime() + 3600_000), { type: 'issue', checkpointId: to.cp, personId: to.id, lines: doc.lines.map((l) => ({ itemId: l.itemId, batchId: l.batchId, quantity: String(Number(l.quantity) / 10) })) });
  };
  const first = addDays(today, -7);
  post(at(first, '08:30'), {
    type: 'receipt', sourceId: sources[0].id, note: '首批调拨',
    lines: items.map((i) => ({
      // A few goods start thin, so the dashboard has something to warn about.
      itemId: i.id, quantity: String((i.minStock * (i.durable ? 30 : THIN.includes(i.code) ? 9 : 40)) / 10),
      ...(i.tracksBatches ? batch(i.code, first, i.code.startsWith('SH') ? 1 : 12) : {}),
    })),
  });
  const consumables = items.filter((i) => !i.durable);
  for (let d = 7; d >= 0; d--) {
    const day = addDays(today, -d);
    if (d % 3 === 1 && d < 7) {
      const src = pick(sources);
      const chosen = consumables.filter((i) => !THIN.includes(i.code) && random() < 0.3);
      if (chosen.length) post(at(day, '09:10'), { type: 'receipt', sourceId: src.id, lines: chosen.map((i) => ({ itemId: i.id, quantity: String(i.minStock), ...(i.tracksBatches ? batch(i.code, day, 10) : {}) })) });
    }
    const slips = 8 + Math.floor(random() * 6);
    for (let s = 0; s < slips; s++) {
      const person = pick(people);
      const minutes = 8 * 60 + Math.floor(((s + random()) / slips) * 9 * 60);
      const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const lines = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(consumables)))].map((i) => ({
        itemId: i.id, quantity: String(Math.max(1, Math.round((i.minStock / 25) * (0.5 + random())))),
      }));
      try {
        post(at(day, hhmm), { type: 'issue', checkpointId: person.cp, personId: person.id, lines });
      } catch {
        /* stock ran low in the generated week: skip this slip, as a clerk would */
      }
    }
    if (d === 5) post(at(day, '10:30'), { type: 'loan', checkpointId: cpIds.get('南门卡口')!, personId: people[10].id, lines: [{ itemId: byCode('SB002').id, quantity: '2' }, { itemId: byCode('SB001').id, quantity: '3' }] });
    if (d === 4) post(at(day, '11:00'), { type: 'loan', checkpointId: cpIds.get('第一核酸采样点')!, personId: people[14].id, lines: [{ itemId: byCode('SB001').id, quantity: '2' }, { itemId: byCode('SB003').id, quantity: '1' }] });
    if (d === 2) post(at(day, '16:00'), { type: 'loan_return', checkpointId: cpIds.get('南门卡口')!, lines: [{ itemId: byCode('SB002').id, quantity: '1' }] });
    if (d === 3) {
      const mask = byCode('FH001').id;
      const last = ok('docs.list', { type: 'issue', itemId: mask, limit: 1 }).rows[0];
      if (last?.checkpointId) post(at(day, '17:00'), { type: 'return', checkpointId: last.checkpointId, ...(last.personId ? { personId: last.personId } : {}), note: '采样点撤点退回', lines: [{ itemId: mask, quantity: '20' }] });
    }
    // 社会捐赠 with their donors (捐赠公示): one named with its 捐赠收据, one anonymous; part of each handed out from its own batch
    // (goods the office is not short of: the thin ones stay below their minimum for the dashboard).
    if (d === 6) donate(at(day, '10:00'), { donor: '晨光爱心企业联合会', contact: '0571-88886666', receiptNo: 'JZ2026-0012' }, [{ itemId: byCode('FH002').id, quantity: '2000' }, { itemId: byCode('SH004').id, quantity: '40', ...batch('SH004', day, 6) }], people[3]);
    if (d === 4) donate(at(day, '14:20'), { anonymous: true, contact: '13900001234' }, [{ itemId: byCode('FH004').id, quantity: '1000' }], people[8]);
    if (d === 2) post(at(day, '17:30'), { type: 'loss', lines: [{ itemId: byCode('XS002').id, quantity: '2', reason: '搬运时破损' }] });
  }
  // Resident purchase orders are taken by the community worker.
  userId = staff.find((u) => u.role === 'community')!.id;
  buildDemoRound(ok, clock, today, tz, end);
  clock.set(end);
  return { documents };
}
