import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';

type Done = ApiOutput<'rounds.anonymise'>['anonymised'];

/**
 * 匿名化已结束批次: finished rounds delivered 30 or more days ago let go of their households, asked
 * first in plain words; then which rounds it took, or that none were due. The button and the result.
 */
export function useAnonymise() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const showError = useShowError();
  const may = useSession().can('rounds.anonymise');
  const anonymise = useMutation('rounds.anonymise');
  const [done, setDone] = useState<Done | null>(null);
  const ask = () => modal.confirm({
    title: t('roundsFree.anonymiseTitle'), width: 560, okText: t('roundsFree.anonymise'), cancelText: t('common.cancel'),
    okButtonProps: { danger: true, 'data-testid': 'rounds-anonymise-ok' },
    content: (
      <div data-testid="rounds-anonymise-text">
        <p>{t('roundsFree.anonymiseWhat')}</p>
        <p>{t('roundsFree.anonymiseKept')}</p>
        <p>{t('roundsFree.anonymiseAuto')}</p>
      </div>
    ),
    onOk: () => anonymise.run({}).then((r) => setDone(r.anonymised), showError),
  });
  const button = may
    ? <Button onClick={ask} loading={anonymise.busy} data-testid="rounds-anonymise">{t('roundsFree.anonymiseOpen')}</Button>
    : null;
  const result = done && (
    <Alert type={done.rounds.length ? 'success' : 'info'} showIcon closable onClose={() => setDone(null)} style={{ marginBottom: 12 }} data-testid="rounds-anonymise-result"
      title={done.rounds.length
        ? t('roundsFree.anonymised', { n: done.rounds.length, rounds: done.rounds.join(t('rounds.sep')), orders: done.orders })
        : t('roundsFree.anonymisedNone')} />
  );
  return { button, result };
}
