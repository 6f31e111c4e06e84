import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { flag, id } from '../reference/common';
import { readSettings } from '../reference/settings';
import { getRoundRow } from '../rounds/rounds';
import { PAY_METHODS, settle, type SettledOrder } from '../rounds/settlement';
import { localDateTime } from '../time';
import { yuan } from './money';
import { sheetPageHtml, type SheetColumn, type SheetRow } from './sheet-pages';

/*
 * 入户配送单 and bag labels of a round: per building, 楼号 → 房号, what each household gets (after the
 * hand-over; before it, what it ordered), what it owes and whether it paid, a box to tick and a line
 * to sign, the building's subtotal per good, and a tear line before the next building. Phones masked.
 */

export const deliveryInput = z.strictObject({ roundId: id, autoPrint: flag.optional() });

const COLUMNS: SheetColumn[] = [
  { header: '房号', width: 10, align: 'c' }, { header: '联系人', width: 9 }, { header: '电话', width: 12, align: 'c' },
  { header: '配送物资', width: 35 }, { header: '应付', width: 9, align: 'r' }, { header: '付款', width: 8, align: 'c' },
  { header: '送达', width: 6, align: 'c' }, { header: '签收', width: 11 },
];


type Line = SettledOrder['lines'][number];
const named = (l: Pick<Line, 'name' | 'spec'>) => `${l.name}${l.spec ? ` ${l.spec}` : ''}`;

/** What goes into the bag (the label): each good it holds, a substitute under its own name. */
const bagOf = (o: SettledOrder) => o.lines.filter((l) => l.gets > 0).map((l) => `${named(l)} ×${l.gets}${l.unit}`).join('、') || '(本次无货)';

/**
 * What the household gets, good by good, and where that is not what it ordered, what it ordered and
 * what it was short of, with what came instead ("鸡蛋 30枚 ×1盒(订2盒,缺1盒)", "牛奶 缺货(订1箱,以酸奶 ×1箱替代)"),
 * so that the resident is told at the door. `replaces`: each substitute's good → the good it stands in for.
 */
function itemsOf(o: SettledOrder, replaces: ReadonlyMap<number, number>): string {
  const instead = (l: Line) => o.lines.filter((x) => replaces.get(x.goodsId) === l.goodsId && x.gets > 0).map((x) => `以${named(x)} ×${x.gets}${x.unit}替代`);
  const words = o.lines.flatMap((l) => {
    const original = replaces.get(l.goodsId);
    if (original !== undefined) {
      // A substitute is said with the good it replaces, unless this household did not order that good.
      return o.lines.some((x) => x.goodsId === original) || l.gets === 0 ? [] : [`${named(l)} ×${l.gets}${l.unit}(替代${l.replaces})`];
    }
    if (l.gets === l.ordered) return l.gets > 0 ? [`${named(l)} ×${l.gets}${l.unit}`] : [];
    if (l.gets > l.ordered) return [`${named(l)} ×${l.gets}${l.unit}(${l.ordered ? `订${l.ordered}${l.unit},` : '未订,'}多送${l.gets - l.ordered}${l.unit})`];
    const note = [`订${l.ordered}${l.unit}`, ...(l.gets > 0 ? [`缺${l.ordered - l.gets}${l.unit}`] : []), ...instead(l)].join(',');
    return [l.gets > 0 ? `${named(l)} ×${l.gets}${l.unit}(${note})` : `${named(l)} 缺货(${note})`];
  });
  return words.join('、') || '(本次无货)';
}

/** A household's flags, for a mark beside its room: 独居老人 and the like are delivered first. */
const special = (o: SettledOrder) => (o.specialNeeds ? '★' : '');

export function deliverySheetHtml(db: Database, input: z.infer<typeof deliveryInput>, now: Date, printedBy: string): string {
  const round = getRoundRow(db, input.roundId);
  const s = settle(db, round.id);
  const settings = readSettings(db);
  const free = round.kind === 'free';
  const rows: SheetRow[] = [];
  const buildingAt: string[] = [];
  const replaces = new Map(s.substitutes.map((x) => [x.goodsId, x.replacesGoodsId]));
  const groups = new Map<string, SettledOrder[]>();
  for (const o of s.orders) {
    const k = `${o.compound} ${o.building} 栋`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  const push = (row: SheetRow, building: string) => (rows.push(row), buildingAt.push(building));
  [...groups].forEach(([building, orders], g) => {
    const amount = yuan(orders.reduce((n, o) => n + o.due, 0));
    push({ cells: [`${building}(${orders.length} 户${free ? '' : `,应付合计 ${amount}`})`], kind: 'band' }, building);
    for (const o of orders) {
      const gap = o.paid === null ? 0 : o.due - o.paid;
      const pay = free ? '免费' : o.paid === null ? '未付' : `${PAY_METHODS[o.method!]}${gap > 0 ? ` 少收${yuan(gap)}` : gap < 0 ? ` 应退${yuan(-gap)}` : ''}`;
      push({ cells: [`${special(o)}${o.address}`, o.contact, o.phone, itemsOf(o, replaces), free ? '—' : yuan(o.due), pay, o.deliveredAt ? '✓' : '☐', ''] }, building);
    }
    // Per good, in the price list's order.
    const subtotal = s.goods.map((g) => ({ g, q: orders.reduce((n, o) => n + (o.lines.find((l) => l.goodsId === g.goodsId)?.gets ?? 0), 0) })).filter((x) => x.q > 0);
    const words = subtotal.map(({ g, q }) => `${g.name}${g.spec ? ` ${g.spec}` : ''}(${g.unit}) ${q}`).join('、');
    push({ cells: ['本栋小计', '', '', words, free ? '—' : amount, '', '', ''], kind: 'total' }, building);
    if (g < groups.size - 1) push({ cells: ['✂ - - - - 沿虚线撕开,交下一栋楼长 - - - -'], kind: 'tear' }, building);
  });
  const title = `${settings.officeName}${free ? `${round.note.split(':')[0]}入户发放单` : '居民生活物资入户配送单'}`;
  return sheetPageHtml({
    name: `${title} ${round.number}`,
    title,
    meta: [[`批次:${round.number}`, `配送日期:${round.day}`, `户数:${s.orders.length}`, s.handedOver ? '按收货核对后的实到数量' : '按订购数量(尚未收货核对)'],
      ['★ 独居老人、行动不便、慢性病住户,请优先送达', '居民信息仅用于疫情期间生活物资保供,电话已隐去中间四位']],
    columns: COLUMNS,
    rows,
    carry: (_, next) => (rows[next].kind === 'band' ? {} : { top: { cells: [`${buildingAt[next]}(续)`], kind: 'band' } }),
    signs: ['配送人', '楼长', '日期'],
    printed: `打印:${printedBy} ${localDateTime(now, settings.timeZone)}`,
    autoPrint: input.autoPrint === true,
  });
}

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** 王建华 → 王*华, 李明 → 李*: a label on a bag in a corridor names the household without spelling it out. */
const maskName = (name: string) => {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
};

/** Bag labels, 2 × 5 to an A4 sheet (95 × 55 mm each): 楼-单元-房 in large print, the round, what is in the bag. */
export function deliveryLabelsHtml(db: Database, input: z.infer<typeof deliveryInput>): string {
  const round = getRoundRow(db, input.roundId);
  const s = settle(db, round.id);
  const labels = s.orders.map((o) => `<div class="label">
  <div class="top"><span>${esc(o.compound)}</span><span>${esc(round.number)}</span></div>
  <div class="addr">${esc(o.address)}</div>
  <div class="who">${esc(maskName(o.contact))}${o.specialNeeds ? ' <b>★ 优先送达</b>' : ''}</div>
  <div class="items">${esc(bagOf(o))}</div>
</div>`);
  const sheets: string[] = [];
  for (let i = 0; i < labels.length; i += 10) sheets.push(`<section class="sheet">${labels.slice(i, i + 10).join('')}</section>`);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"/><title>${esc(`配送标签 ${round.number}`)}</title>
<style>
@page { size: 210mm 297mm; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "SimHei", "黑体", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.sheet { width: 210mm; height: 297mm; padding: 10mm 8mm; display: grid; grid-template-columns: 95mm 95mm; grid-auto-rows: 55mm; column-gap: 4mm; page-break-after: always; break-after: page; overflow: hidden; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
.label { border: 0.3mm dashed #555; padding: 3mm 4mm; display: flex; flex-direction: column; overflow: hidden; }
.top { display: flex; justify-content: space-between; font-size: 9pt; color: #333; }
.addr { font-size: 30pt; font-weight: bold; line-height: 1.15; margin: 1mm 0; letter-spacing: 0.02em; }
.who { font-size: 11pt; }
.items { font-size: 9pt; line-height: 1.25; margin-top: 1mm; overflow: hidden; overflow-wrap: anywhere; }
@media screen { body { background: #888; } .sheet { background: #fff; margin: 6mm auto; } }
</style>
${input.autoPrint ? '<script src="/print/auto-print.js"></script>' : ''}
</head><body>
${sheets.join('\n')}
</body></html>`;
}
