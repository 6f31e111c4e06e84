import { Alert, App, Button, Card, Input, Radio, Space, Table, Tooltip, Typography, type InputRef } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { goodsLabel, type RoundGoods } from './goods';
import { money } from './money';
import type { Round } from './round-choice';
import { orderedGoods, shortHouseholds, type Settlement, type ShareRule } from './settle';
import { earlierSubstitutes, SubstitutesEditor, substitutesOf, type SubstituteRow } from './SubstitutesEditor';

const arrivedOf = (typed: string | undefined): number | null => (typed !== undefined && /^\d{1,7}$/.test(typed.trim()) ? Number(typed) : null);

/**
 * 收货核对 at the gate: what arrived of each good against the purchase order (Enter goes to the
 * next good), how a shortage is shared, the substitutes brought and who takes them. The ledger
 * shares it out; it can be done again until someone pays.
 */
export function HandoverForm({ round, s }: { round: Round; s: Settlement }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const writes = useSession().can('rounds.handover');
  const tz = useOffice()?.timeZone;
  const handover = useMutation('rounds.handover');
  const ordered = useMemo(() => new Map(s.goods.map((g) => [g.goodsId, g.ordered])), [s.goods]);
  const goods = orderedGoods(round).filter((g) => (ordered.get(g.id) ?? 0) > 0);
  const [arrived, setArrived] = useState<Record<number, string>>(() =>
    Object.fromEntries(goods.map((g) => [g.id, String(g.delivered ?? ordered.get(g.id) ?? 0)])));
  // A redo starts from the hand-over as it was done: its rule, its extras, its substitutes and who took them.
  const [rule, setRule] = useState<ShareRule>(s.handover?.rule ?? 'first');
  const [subs, setSubs] = useState<SubstituteRow[]>(() => earlierSubstitutes(round.goods, s.substitutes));
  const [extras, setExtras] = useState(s.handover?.extras ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const boxes = useRef(new Map<number, InputRef | null>());
  const confirmRef = useRef<HTMLButtonElement>(null);
  const paid = s.orders.filter((o) => o.paid !== null).length;
  const locked = !writes || paid > 0;

  const count = (g: RoundGoods) => arrivedOf(arrived[g.id]) ?? ordered.get(g.id) ?? 0;
  const short = new Map(goods.filter((g) => count(g) < (ordered.get(g.id) ?? 0)).map((g) => [g.id, g]));
  // 多送: more than was ordered; the rest is nobody's order (the ledger gives each household its own and charges nobody for it).
  const extra = goods.filter((g) => count(g) > (ordered.get(g.id) ?? 0));
  const extraOf = (g: RoundGoods) => t('gate.extraText', { n: count(g) - (ordered.get(g.id) ?? 0), unit: g.unit });
  const takers = (goodsId: number) => shortHouseholds(s, goodsId, count(short.get(goodsId) ?? goods.find((g) => g.id === goodsId)!), rule);

  const submit = () => {
    const bad = goods.find((g) => arrivedOf(arrived[g.id]) === null);
    if (bad) return setProblem(t('gate.arrivedBad', { name: bad.name }));
    const checked = substitutesOf(subs, short, takers, t);
    if ('problem' in checked) return setProblem(checked.problem ?? null);
    setProblem(null);
    const list = [...short.values()].map((g) => `${g.name} ${t('gate.shortText', { n: (ordered.get(g.id) ?? 0) - count(g), unit: g.unit })}`).join(t('rounds.sep'));
    modal.confirm({
      title: t('gate.confirmTitle', { number: round.number }), width: 520, okText: t('gate.confirm'), cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'handover-ok' },
      content: (
        <div data-testid="handover-confirm-text">
          <p>{short.size ? t('gate.confirmShort', { n: short.size, list, rule: t(`gate.rule.${rule}`) }) : t('gate.confirmFull')}</p>
          {extra.length > 0 && <p>{t('gate.confirmExtra', { n: extra.length, list: extra.map((g) => `${g.name} ${extraOf(g)}`).join(t('rounds.sep')) })}</p>}
          <p>{t('gate.confirmRedo')}</p>
        </div>
      ),
      onOk: async () => {
        try {
          const r = await handover.run({
            roundId: round.id, rule, delivered: goods.map((g) => ({ goodsId: g.id, quantity: count(g) })),
            ...(checked.substitutes.length ? { substitutes: checked.substitutes } : {}), ...(extras.trim() ? { extras: extras.trim() } : {}),
          });
          message.success(r.extra.length ? t('gate.doneExtra', { n: r.short.length, m: r.extra.length }) : t('gate.done', { n: r.short.length }));
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  const focusNext = (i: number) => (i + 1 < goods.length ? boxes.current.get(goods[i + 1].id)?.focus({ cursor: 'all' }) : confirmRef.current?.focus());
  const confirmButton = (
    <Button ref={confirmRef} type="primary" disabled={locked} loading={handover.busy} onClick={submit} data-testid="handover-confirm">
      {s.handedOver ? t('gate.redo') : t('gate.confirm')}
    </Button>
  );
  return (
    <Card size="small" title={t('gate.goodsTitle')} style={{ marginBottom: 16 }} data-testid="gate-form"
      extra={(
        <Typography.Text type={s.handover ? 'success' : 'warning'} data-testid="gate-state">
          {s.handover ? t('gate.handedOverAt', { at: officeTime(s.handover.at, tz).slice(5), by: s.handover.by || '—' }) : t('gate.notYet')}
        </Typography.Text>
      )}>
      {paid > 0 && <Alert type="warning" showIcon title={t('gate.paidLock', { n: paid })} style={{ marginBottom: 12 }} data-testid="gate-locked" />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('gate.goodsHint')}</Typography.Paragraph>
      <Table<RoundGoods> size="small" rowKey="id" pagination={false} dataSource={goods} data-testid="gate-goods"
        columns={[
          { title: t('rounds.seq'), width: 56, render: (_, __, i) => i + 1 },
          { title: t('rounds.goods'), render: (_, g) => goodsLabel(g) },
          { title: t('rounds.price'), width: 100, align: 'right', render: (_, g) => money(g.price) },
          { title: t('gate.ordered'), width: 90, align: 'right', render: (_, g) => ordered.get(g.id) },
          {
            title: t('gate.arrived'), width: 120, render: (_, g, i) => (
              <Input ref={(r) => void boxes.current.set(g.id, r)} value={arrived[g.id]} maxLength={7} disabled={locked} suffix={g.unit} data-testid="gate-arrived"
                status={arrivedOf(arrived[g.id]) === null ? 'error' : undefined} onFocus={(e) => e.target.select()}
                onChange={(e) => setArrived({ ...arrived, [g.id]: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  focusNext(i);
                }} />
            ),
          },
          {
            title: t('gate.gap'), width: 200, render: (_, g) => {
              if (extra.includes(g)) return <Typography.Text type="warning" strong data-testid="gate-extra">{extraOf(g)} · {t('gate.extraNobody')}</Typography.Text>;
              if (!short.has(g.id)) return <Typography.Text type="success">{t('gate.complete')}</Typography.Text>;
              return (
                <Typography.Text type="danger" data-testid="gate-short">
                  {t('gate.shortText', { n: (ordered.get(g.id) ?? 0) - count(g), unit: g.unit })} · {t('gate.shortHouseholds', { n: takers(g.id).length })}
                </Typography.Text>
              );
            },
          },
        ]} />
      <Space wrap style={{ margin: '12px 0' }} size={[24, 8]}>
        <Space>
          <Typography.Text>{t('gate.rule')}</Typography.Text>
          <Radio.Group value={rule} disabled={locked} onChange={(e) => setRule(e.target.value as ShareRule)} data-testid="gate-rule"
            options={(['first', 'prorata'] as const).map((r) => ({ value: r, label: <Tooltip title={t(`gate.ruleHint.${r}`)}>{t(`gate.rule.${r}`)}</Tooltip> }))} />
        </Space>
        <Space>
          <Typography.Text>{t('gate.extras')}</Typography.Text>
          <Input value={extras} onChange={(e) => setExtras(e.target.value)} maxLength={200} placeholder={t('gate.extrasHint')} disabled={locked} style={{ width: 320 }} data-testid="gate-extras" />
        </Space>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('gate.substitutes')}</Typography.Title>
      <SubstitutesEditor rows={subs} onChange={setSubs} short={short} takers={takers} disabled={locked} t={t} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="gate-problem" />}
      <div style={{ marginTop: 12 }}>{writes ? confirmButton : <Tooltip title={t('rounds.onlyCommunity')}>{confirmButton}</Tooltip>}</div>
    </Card>
  );
}
