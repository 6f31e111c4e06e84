import { Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { zh } from '../i18n/parts/forms';
import { officeInstant } from './format';
import { useOffice } from './office';

const WALL = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-12-01 10:00" or "2026-12-01 10:00:05" (office wall time) → a time, or null when it is not one. */
export function parseWallTime(text: string): Dayjs | null {
  const m = WALL.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const v = dayjs(new Date(y, mo - 1, d, h, mi, s));
  // 2026-02-30 or 25:00 are refused, not rolled over.
  return v.year() === y && v.month() === mo - 1 && v.date() === d && v.hour() === h && v.minute() === mi && h < 24 && mi < 60 && s < 60 ? v : null;
}

const show = (v: Dayjs) => v.format(v.second() ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');

/**
 * Document time, typed: empty means "now"; "2026-12-01 10:00" or with seconds, read in the office
 * zone. Anything else is said at once and keeps the document from posting (it never falls back to now).
 */
export function TimeField({ value, onChange, placeholder }: { value?: Dayjs | null; onChange(v: Dayjs | null): void; placeholder?: string }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => (value?.isValid() ? show(value) : ''));
  // A value set from outside (cleared after posting, a restored draft) shows as its text.
  useEffect(() => {
    if (value === null || value === undefined) {
      if (parseWallTime(text) || !text.trim()) setText('');
    } else if (value.isValid() && parseWallTime(text)?.valueOf() !== value.valueOf()) setText(show(value));
  }, [value]);
  const bad = text.trim() !== '' && !parseWallTime(text);
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <Input
        value={text}
        status={bad ? 'error' : undefined}
        data-testid="doc-time"
        placeholder={placeholder ?? t('form.timeNow')}
        style={{ width: 250 }}
        allowClear
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          onChange(typed.trim() === '' ? null : (parseWallTime(typed) ?? dayjs(NaN)));
        }}
      />
      {bad && <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="doc-time-error">{t('form.timeFormat')}</Typography.Text>}
    </span>
  );
}

/** The Chinese text of the format error (the screens show t('form.timeFormat'), which is this in Chinese). */
export const TIME_FORMAT_ERROR: string = zh['form.timeFormat'];

/** The chosen wall time as an instant in the office zone; undefined for "now"; a mistyped time is refused, never read as now. */
export function useTimeToIso() {
  const office = useOffice();
  const { t } = useI18n();
  return (v: Dayjs | null | undefined) => {
    if (!v) return undefined;
    if (!v.isValid()) throw new Error(t('form.timeFormat'));
    return officeInstant(v.format('YYYY-MM-DD'), v.format('HH:mm:ss'), office?.timeZone ?? 'Asia/Shanghai');
  };
}
