import { Alert, App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { toApiError, useMutation } from '../../api/hooks';
import { useScreenHref } from '../../app/routes';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { DeliveryPrint } from './DeliveryPrint';
import type { FreeFacts, freeTotals } from './free';
import type { Round } from './round-choice';

interface Props {
  round: Round;
  totals: ReturnType<typeof freeTotals>;
  /** Households still on the list (with something to get). */
  households: number;
  facts: FreeFacts | undefined;
}

/**
 * 发放出库: one issue slip for the sum over the households, to the round's checkpoint and signed by
 * its pickup person; asked first, naming all three. Then the slip (a link to it where the role may
 * open 单据) and the sheets and labels for the doors. A refusal (stock short) is the ledger's words.
 */
export function FreeDistribute({ round, totals, households, facts }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const may = useSession().can('rounds.distribute');
  const href = useScreenHref();
  const distribute = useMutation('rounds.distribute');
  const [refused, setRefused] = useState<string | null>(null);
  const lines = totals.filter((g) => g.quantity > 0);

  const confirm = () => modal.confirm({
    title: t('roundsFree.distributeTitle', { number: round.number }), width: 560,
    okText: t('roundsFree.distribute'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'free-distribute-ok' },
    content: (
      <div data-testid="free-distribute-text">
        <p>{facts?.checkpoint ? t('roundsFree.distributeTo', { checkpoint: facts.checkpoint, person: facts.person }) : t('roundsFree.distributeToUnknown')}</p>
        <ul style={{ paddingLeft: 20, margin: '0 0 8px' }}>
          {lines.map((g) => <li key={g.goodsId} data-testid="free-distribute-line">{t('roundsFree.slipLine', { name: `${g.name}${g.spec ? ` ${g.spec}` : ''}`, n: g.quantity, unit: g.unit })}</li>)}
        </ul>
        <p>{t('roundsFree.distributeHint', { n: households })}</p>
      </div>
    ),
    onOk: async () => {
      setRefused(null);
      try {
        await distribute.run({ roundId: round.id });
      } catch (err) {
        setRefused(toApiError(err).message);
      }
    },
  });

  if (round.state === 'closed') {
    const slip = facts?.document;
    const link = slip && href('/documents', { open: slip.id });
    return (
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Alert type="success" showIcon data-testid="free-slip"
          title={slip ? t('roundsFree.slipPosted', { number: slip.number }) : t('roundsFree.handedOutHint')}
          action={link ? <Button size="small" href={link} data-testid="free-slip-link">{t('roundsFree.slipOpen')}</Button> : undefined} />
        <DeliveryPrint round={round} />
      </Space>
    );
  }
  const button = (
    <Button type="primary" disabled={!may || households === 0} loading={distribute.busy} onClick={confirm} data-testid="free-distribute">{t('roundsFree.distribute')}</Button>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {refused && <Alert type="error" showIcon closable onClose={() => setRefused(null)} title={refused} data-testid="free-refused" />}
      {may ? button : <Tooltip title={t('roundsFree.onlyClerk')}>{button}</Tooltip>}
    </Space>
  );
}
