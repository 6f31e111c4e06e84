import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { packsByItem } from '../reference/item-units';
import { baseText, parseAmount, type PackUnit } from '../units';
import type { ItemFacts } from './item-facts';
import type { PostLineInput } from './input';

/**
 * What the clerk typed on a line ("2盒10只"), checked against the base quantity sent with it: the
 * server parses it with the item's own units and refuses a line where the two disagree. The units
 * are read only for a document that has such lines, once (posting without them costs nothing more:
 * post_slip_ms in docs/performance.md).
 */
export class EnteredText {
  private packs: Map<number, PackUnit[]> | null = null;

  constructor(
    private readonly db: Database,
    private readonly lines: readonly PostLineInput[],
  ) {}

  /** The text kept on the line: '' for none or a plain base quantity, else as typed without spaces. */
  check(item: ItemFacts, entered: string | undefined, scaled: number, allowZero: boolean): string {
    if (!entered) return '';
    this.packs ??= packsByItem(this.db, [...new Set(this.lines.filter((l) => l.entered).map((l) => l.itemId))]);
    const units = { unit: item.unit, decimals: item.decimals, packs: this.packs.get(item.id) ?? [] };
    const parsed = parseAmount(entered, units, allowZero);
    if (!parsed.ok) fail('INVALID_INPUT', `${item.name}:${parsed.error}`);
    if (parsed.scaled !== scaled) {
      fail('INVALID_INPUT', `${item.name}:“${entered}”折合 ${baseText(parsed.scaled, units)},与数量 ${baseText(scaled, units)}不符。`);
    }
    return parsed.entered;
  }
}
