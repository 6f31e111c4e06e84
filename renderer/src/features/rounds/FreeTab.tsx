import { App, Button, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useApi, useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { byText, paging } from '../../shared/table';
import { freeFactsOf, freeName, freeRounds, freeTotals, type FreeOrder } from './free';
import { FreeDistribute } from './FreeDistribute';
import { chosenRound, RoundSelect, type Round } from './round-choice';

/** 免费发放: a free distribution's households and what each gets, the sums per item, and 发放出库. */
export function FreeTab({ rounds, roundId, onRound }: { rounds: readonly Round[]; roundId?: number; onRound(id: number): void }) {
  const { t } = useI18n();
  const free = freeRounds(rounds);
  const round = chosenRound(free, roundId);
  if (!round) return <Empty description={t('roundsFree.none')} data-testid="free-none" />;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('rounds.round')}</Typography.Text>
        <RoundSelect rounds={free} value={round.id} onChange={onRound} testId="free-round" />
      </Space>
      <FreeRound key={round.id} round={round} />
    </div>
  );
}

function FreeRound({ round }: { round: Round }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const orders = useApi('orders.list', { roundId: round.id });
  const change = useMutation('rounds.freeExclude');
  const list = orders.data ?? [];
  const taking = list.filter((o) => o.lines.length > 0);
  const totals = freeTotals(round, list);
  const facts = freeFactsOf(round);
  const open = round.state === 'open';
  const where = (o: FreeOrder) => `${o.compound} ${o.address}`;
  const what = (o: FreeOrder) => o.lines.map((l) => `${l.name}${l.spec ? ` ${l.spec}` : ''} ×${l.quantity} ${l.unit}`).join(t('rounds.sep'));

  const takeOut = (o: FreeOrder) => modal.confirm({
    title: t('roundsFree.takeOutTitle', { where: where(o), contact: o.contact }), content: t('roundsFree.takeOutHint', { what: what(o) }),
    okText: t('roundsFree.takeOut'), okButtonProps: { danger: true, 'data-testid': 'free-takeout-ok' }, cancelText: t('common.cancel'),
    onOk: () => change.run({ orderId: o.id, out: true }).catch(showError),
  });
  const putBack = (o: FreeOrder) => change.run({ orderId: o.id, out: false }).catch(showError);

  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3, xxl: 6 }} style={{ marginBottom: 12 }} data-testid="free-facts"
        items={[
          { label: t('rounds.number'), children: <Space size={4}><Typography.Text strong>{round.number}</Typography.Text><Tag color="magenta">{t('roundsFree.tag')}</Tag></Space> },
          { label: t('roundsFree.name'), children: freeName(round) },
          { label: t('roundsFree.day'), children: round.day },
          { label: t('rounds.compounds'), children: round.compounds.join(t('rounds.sep')) },
          { label: t('roundsFree.goesTo'), children: facts?.checkpoint ? `${facts.checkpoint} · ${facts.person}` : t('roundsFree.goesToUnknown') },
          {
            label: t('common.state'),
            // Ended without a slip (结单 of a list that could not go out) is not a distribution.
            children: open ? <Tag color="gold">{t('roundsFree.waiting')}</Tag>
              : round.documentId ? <Tag color="green" data-testid="free-done-tag">{t('roundsFree.handedOut')}</Tag>
                : <Tag data-testid="free-ended-tag">{t('roundsFree.endedUnsent')}</Tag>,
          },
        ]} />
      <FreeDistribute round={round} totals={totals} households={taking.length} facts={facts} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('roundsFree.totalsTitle')}</Typography.Title>
      <Table size="small" rowKey="goodsId" pagination={false} dataSource={totals} data-testid="free-totals" style={{ marginBottom: 16 }}
        columns={[
          { title: t('common.item'), key: 'name', render: (_, g) => `${g.name}${g.spec ? ` ${g.spec}` : ''}` },
          { title: t('common.unit'), dataIndex: 'unit', width: 70 },
          { title: t('roundsFree.perHousehold'), dataIndex: 'perHousehold', width: 110, align: 'right' },
          { title: t('rounds.households'), dataIndex: 'households', width: 80, align: 'right' },
          { title: t('roundsFree.sum'), dataIndex: 'quantity', width: 110, align: 'right', render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
        ]} />
      <Typography.Title level={5}>{t('roundsFree.householdsTitle', { n: taking.length, out: list.length - taking.length })}</Typography.Title>
      <Table<FreeOrder> size="small" rowKey="id" loading={orders.loading} dataSource={list} pagination={paging(t, { pageSize: 50 })} data-testid="free-households"
        columns={[
          { title: t('rounds.household'), key: 'address', width: 180, render: (_, o) => where(o), sorter: byText(where) },
          { title: t('rounds.contact'), dataIndex: 'contact', width: 90 },
          { title: t('common.phone'), dataIndex: 'phone', width: 120 },
          { title: t('roundsFree.gets'), key: 'lines', render: (_, o) => what(o) || <Tag data-testid="free-out-tag">{t('roundsFree.out')}</Tag> },
          {
            title: t('common.actions'), key: 'actions', width: 80, hidden: !open || !can('rounds.freeExclude'),
            render: (_, o) => (o.lines.length
              ? <Button size="small" type="link" danger onClick={() => takeOut(o)} data-testid="free-takeout">{t('roundsFree.takeOut')}</Button>
              : <Button size="small" type="link" onClick={() => void putBack(o)} data-testid="free-putback">{t('roundsFree.putBack')}</Button>),
          },
        ]} />
    </>
  );
}
