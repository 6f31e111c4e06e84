import type { Database } from 'better-sqlite3';
import type { Tx } from '../open';
import type { Paper } from '../schema';
import { prepare, qb, run } from '../sql';

// SQL written by hand on a measured hot path: every setting in one statement, read by every posting (post_slip_ms); figures in docs/performance.md.

export interface OfficeSettings {
  officeName: string;
  officeAddress: string;
  officePhone: string;
  timeZone: string;
  /** "HH:mm", office-local. */
  cutoffTime: string;
  nearExpiryDays: number;
  /** ISO UTC instant; nothing may be posted or voided at or before it. Empty: nothing locked. */
  lockedUntil: string;
  /** "YYYY-MM-DD": the first office day a daily report is owed for. Empty: the day of the first movement. */
  reportStartDay: string;
  /** Issue slips: default paper, copies per print (carbon paper: 1), prices shown, title. */
  slipPaper: Paper;
  slipCopies: number;
  slipShowPrices: boolean;
  slipTitle: string;
  /** Desktop app: the remembered printer, and whether to print to it without the dialog. */
  slipPrinter: string;
  slipSilent: boolean;
  /** A second folder (a USB drive) that receives a copy of every backup; empty: none. */
  backupSecondDir: string;
  /** 区划代码 (12 digits) or 统一社会信用代码 (18): who the office is in its report packages. */
  unitCode: string;
  /** 上级单位: who its reports go to. */
  superiorName: string;
  /** 本单位汇总下级单位报送: the 下级报送 screens are shown. */
  consolidates: boolean;
  /** "HH:mm": when the units' daily reports are due (a package submitted later is 迟报). */
  unitDeadline: string;
}

/** The settings table as one JSON object (key → value): a row per key would cost more, and postings read it every time. */
export const SETTINGS_JSON = 'SELECT json_group_object(key, value) FROM settings';

export function readSettings(db: Database): OfficeSettings {
  return settingsFrom(JSON.parse(prepare(db, SETTINGS_JSON).pluck().get() as string) as Record<string, string>);
}

/** The office settings from the stored key → value pairs, with the defaults for keys never set. */
export function settingsFrom(stored: Record<string, string>): OfficeSettings {
  const map = new Map(Object.entries(stored));
  return {
    officeName: map.get('office_name') ?? '',
    officeAddress: map.get('office_address') ?? '',
    officePhone: map.get('office_phone') ?? '',
    timeZone: map.get('time_zone') || 'Asia/Shanghai',
    cutoffTime: map.get('cutoff_time') || '15:00',
    nearExpiryDays: Number(map.get('near_expiry_days') || 30),
    lockedUntil: map.get('locked_until') ?? '',
    reportStartDay: map.get('report_start_day') ?? '',
    slipPaper: (map.get('slip_paper') as Paper) || 'a5',
    slipCopies: Number(map.get('slip_copies') || 1),
    slipShowPrices: map.get('slip_show_prices') === '1',
    slipTitle: map.get('slip_title') || '物资发放单',
    slipPrinter: map.get('slip_printer') ?? '',
    slipSilent: map.get('slip_silent') === '1',
    backupSecondDir: map.get('backup_second_dir') ?? '',
    unitCode: map.get('unit_code') ?? '',
    superiorName: map.get('superior_name') ?? '',
    consolidates: map.get('consolidates') === '1',
    unitDeadline: map.get('unit_deadline') || '15:00',
  };
}

const KEYS: Record<keyof OfficeSettings, string> = {
  officeName: 'office_name',
  officeAddress: 'office_address',
  officePhone: 'office_phone',
  timeZone: 'time_zone',
  cutoffTime: 'cutoff_time',
  nearExpiryDays: 'near_expiry_days',
  lockedUntil: 'locked_until',
  reportStartDay: 'report_start_day',
  slipPaper: 'slip_paper',
  slipCopies: 'slip_copies',
  slipShowPrices: 'slip_show_prices',
  slipTitle: 'slip_title',
  slipPrinter: 'slip_printer',
  slipSilent: 'slip_silent',
  backupSecondDir: 'backup_second_dir',
  unitCode: 'unit_code',
  superiorName: 'superior_name',
  consolidates: 'consolidates',
  unitDeadline: 'unit_deadline',
};

export function writeSettings(tx: Tx, patch: Partial<OfficeSettings>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const value = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    run(tx.db, qb.insertInto('settings').values({ key: KEYS[k as keyof OfficeSettings], value }).onConflict((c) => c.column('key').doUpdateSet((e) => ({ value: e.ref('excluded.value') }))));
  }
}
