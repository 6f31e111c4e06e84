import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { tempLedger, type TestLedger } from '../helpers/ledger';
import { random } from '../helpers/random';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

interface Request { household: number; goods: number; quantity: number }

test.each([1, 2, 3, 4, 5])('the purchase order and the building sheets equal the requests summed by hand (seed %i)', (seed) => {
  t = tempLedger('2026-12-03T08:00:00+08:00');
  const rnd = random(seed);
  const { shop, rice, veg, eggs, homes: seeded } = seedRound(t);
  // A round over two compounds whose building numbers overlap (东湖小区 1 栋 is not 青禾苑 1 栋), with more households, some with special needs.
  const round = t.ok('rounds.create', {
    supplierId: shop.id, day: '2026-12-03', cutoff: '2026-12-03T14:30:00+08:00', compounds: ['东湖小区', '青禾苑'],
    goods: [rice, veg, eggs].map((g) => ({ name: g.name, spec: g.spec, unit: g.unit, price: g.price, contents: g.contents, ...(g.perHousehold ? { perHousehold: g.perHousehold } : {}) })),
  });
  const homes = seeded.map((h) => ({ id: h.id, compound: h.compound, building: h.building, special: h.elderlyAlone || h.chronic }));
  for (let i = 0; i < 40; i++) {
    const compound = rnd() < 0.5 ? '东湖小区' : '青禾苑';
    const building = String(1 + Math.floor(rnd() * 6));
    const special = rnd() < 0.2;
    const h = t.ok('households.create', { compound, building, unit: '1', room: String(1000 + i), contact: `住户${i}`, elderlyAlone: special });
    homes.push({ id: h.id, compound, building, special });
  }
  // Requests as they come in: repeated households (merged), repeated goods; the per-household cap of 蔬菜包 (2) is kept by the model too.
  const requests: Request[] = [];
  const taken = new Map<string, number>();
  for (let i = 0; i < 120; i++) {
    const household = homes[Math.floor(rnd() * homes.length)];
    const goods = round.goods[Math.floor(rnd() * round.goods.length)];
    const quantity = 1 + Math.floor(rnd() * 3);
    const key = `${household.id}/${goods.id}`;
    const answer = t.call('orders.record', { roundId: round.id, householdId: household.id, lines: [{ goodsId: goods.id, quantity }] });
    const over = goods.perHousehold !== null && (taken.get(key) ?? 0) + quantity > goods.perHousehold;
    expect([i, answer.ok]).toEqual([i, !over]);
    if (!answer.ok) continue;
    taken.set(key, (taken.get(key) ?? 0) + quantity);
    requests.push({ household: household.id, goods: goods.id, quantity });
  }
  // The model: plain sums over the accepted requests.
  const price = new Map(round.goods.map((g) => [g.id, g.price]));
  const byGoods = round.goods.flatMap((g) => {
    const mine = requests.filter((r) => r.goods === g.id);
    if (!mine.length) return [];
    const quantity = mine.reduce((n, r) => n + r.quantity, 0);
    return [{ name: g.name, quantity, amount: quantity * g.price, households: new Set(mine.map((r) => r.household)).size }];
  });
  const home = new Map(homes.map((h) => [h.id, h]));
  const buildingOf = (household: number) => `${home.get(household)!.compound} ${home.get(household)!.building}`;
  // Compounds in Chinese collation (东 before 青), buildings by number.
  const order = (key: string) => [key.startsWith('东湖小区') ? 0 : 1, Number(key.split(' ')[1])];
  const keys = [...new Set(requests.map((r) => buildingOf(r.household)))].sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
  const buildings = keys.map((building) => {
    const mine = requests.filter((r) => buildingOf(r.household) === building);
    return {
      building,
      households: new Set(mine.map((r) => r.household)).size,
      amount: mine.reduce((n, r) => n + r.quantity * price.get(r.goods)!, 0),
      lines: round.goods.filter((g) => mine.some((r) => r.goods === g.id)).map((g) => [g.name, mine.filter((r) => r.goods === g.id).reduce((n, r) => n + r.quantity, 0)]),
    };
  });
  const served = new Set(requests.map((r) => r.household));
  const c = t.ok('rounds.consolidation', { roundId: round.id });
  expect(c.lines.map((l) => ({ name: l.name, quantity: l.quantity, amount: l.amount, households: l.households }))).toEqual(byGoods);
  expect(c.buildings.map((b) => ({ building: `${b.compound} ${b.building}`, households: b.households, amount: b.amount, lines: b.lines.map((l) => [l.name, l.quantity]) }))).toEqual(buildings);
  expect([c.households, c.specialNeeds, c.amount]).toEqual([
    served.size, homes.filter((h) => served.has(h.id) && h.special).length, requests.reduce((n, r) => n + r.quantity * price.get(r.goods)!, 0),
  ]);
  // Each household's order is what it asked for, in total.
  const orders = t.ok('orders.list', { roundId: round.id });
  expect(orders.length).toBe(served.size);
  for (const o of orders) {
    const mine = requests.filter((r) => r.household === o.householdId);
    expect([o.householdId, o.requests, o.total]).toEqual([o.householdId, mine.length, mine.reduce((n, r) => n + r.quantity * price.get(r.goods)!, 0)]);
  }
});

test('the purchase order workbook, read back by openpyxl: title, lines, live formulas with their values, per-building sheet', async () => {
  t = tempLedger('2026-12-03T08:00:00+08:00');
  const { round, homes, rice, veg } = seedRound(t);
  t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 2 }, { goodsId: veg.id, quantity: 1 }] });
  t.ok('orders.record', { roundId: round.id, householdId: homes[2].id, lines: [{ goodsId: rice.id, quantity: 1 }] });
  const file = await t.okAsync('rounds.purchaseOrderExport', { roundId: round.id });
  expect(file.fileName).toBe('采购单-DG20261203-01-惠民超市东湖店-2026-12-03.xlsx');
  const path = join(t.dir, 'po.xlsx');
  writeFileSync(path, Buffer.from(file.data, 'base64'));
  const sheets = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), path], { encoding: 'utf8' })) as Record<string, { rows: unknown[][]; cached: unknown[][]; merged: string[] }>;
  const po = sheets['采购单'];
  expect(po.rows[0][0]).toBe(`${t.ok('settings.get').officeName}居民生活物资采购单`);
  expect(po.rows[1][0]).toBe('批次:DG20261203-01    供货单位:惠民超市东湖店    配送日期:2026-12-03    截单时间:2026-12-03 14:30    小区:东湖小区');
  expect(po.rows[2]).toEqual(['序号', '商品名称', '规格', '单位', '单价(元)', '数量', '金额(元)', '订购户数', '套餐内容']);
  expect(po.rows.slice(3, 5)).toEqual([
    [1, '大米', '5kg', '袋', 45, 3, '=ROUND(E4*F4,2)', 2, null],
    [2, '蔬菜包', null, '份', 30, 1, '=ROUND(E5*F5,2)', 1, '白菜 1 棵、土豆 2 斤、西红柿 1 斤'],
  ]);
  // 3 袋 and 1 份 are not 4 of anything: 合计 sums the money only.
  expect(po.rows[5].slice(0, 9)).toEqual(['合计', null, null, null, null, null, '=SUM(G4:G5)', null, '订购户数 2 户']);
  expect(po.cached[5].slice(0, 9)).toEqual(['合计', null, null, null, null, null, 165, null, '订购户数 2 户']);
  expect(po.cached.slice(3, 5).map((r) => r[6])).toEqual([135, 30]);
  const byBuilding = sheets['分楼栋汇总'];
  const labels = byBuilding.rows.map((r) => r[0]).filter((v) => typeof v === 'string' && v.startsWith('东湖小区'));
  expect(labels).toEqual(['东湖小区 3 栋    1 户    120.00 元', '东湖小区 10 栋    1 户    45.00 元']);
});
