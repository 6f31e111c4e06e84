import { Checkbox, Form, Input } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n, type Translate } from '../../i18n';

/** What a donation receipt records beside its lines (捐赠登记). */
export interface Donor {
  donor: string;
  anonymous: boolean;
  contact: string;
  receiptNo: string;
}

/** The chosen source's type ('donation' for 社会捐赠), once the sources are read. */
export function useSourceType(sourceId: number | undefined): string | undefined {
  const { data } = useApi('sources.list', {}, sourceId !== undefined);
  return sourceId === undefined ? undefined : data?.find((s) => s.id === sourceId)?.type;
}

export const donorProblem = (d: Donor, t: Translate): string | null => (!d.anonymous && !d.donor.trim() ? t('donations.needDonor') : null);

/** 捐赠方 (or 匿名), 联系方式 and 捐赠收据号, asked when the receipt's source is a 社会捐赠. */
export function DonorFields({ value, onChange }: { value: Donor; onChange(d: Donor): void }) {
  const { t } = useI18n();
  const set = (patch: Partial<Donor>) => onChange({ ...value, ...patch });
  return (
    <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} data-testid="donor-fields">
      <Form.Item label={t('donations.donor')} required={!value.anonymous} tooltip={t('donations.donorHint')}>
        <Input value={value.donor} onChange={(e) => set({ donor: e.target.value })} maxLength={60} style={{ width: 200 }} data-testid="donor-name" />
      </Form.Item>
      <Form.Item><Checkbox checked={value.anonymous} onChange={(e) => set({ anonymous: e.target.checked })} data-testid="donor-anonymous">{t('donations.anonymous')}</Checkbox></Form.Item>
      <Form.Item label={t('donations.contact')}><Input value={value.contact} onChange={(e) => set({ contact: e.target.value })} maxLength={60} style={{ width: 160 }} data-testid="donor-contact" /></Form.Item>
      <Form.Item label={t('donations.receiptNo')} tooltip={t('donations.receiptNoHint')}><Input value={value.receiptNo} onChange={(e) => set({ receiptNo: e.target.value })} maxLength={40} style={{ width: 150 }} data-testid="donor-receipt-no" /></Form.Item>
    </Form>
  );
}
