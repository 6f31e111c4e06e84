import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../i18n';
import { officeInstant } from './format';
import { useOffice } from './office';

/** Document time: empty means "now"; a chosen wall time is read in the office zone. */
export function TimeField({ value, onChange, placeholder }: { value?: Dayjs | null; onChange(v: Dayjs | null): void; placeholder?: string }) {
  const { language } = useI18n();
  return (
    <DatePicker
      showTime={{ format: 'HH:mm:ss' }}
      // Typed with or without seconds; kept to the second. No OK button: a typed time counts on Enter or leaving the box.
      format={['YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm']}
      needConfirm={false}
      data-testid="doc-time"
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? (language === 'en' ? 'Now' : '现在(可补录以前的时间)')}
      style={{ width: 250 }}
    />
  );
}

export function useTimeToIso() {
  const office = useOffice();
  return (v: Dayjs | null | undefined) =>
    v ? officeInstant(v.format('YYYY-MM-DD'), v.format('HH:mm:ss'), office?.timeZone ?? 'Asia/Shanghai') : undefined;
}
