import { Alert, App, Button, Col, Empty, Form, Input, Row, Space, Tooltip, Typography, type RefSelectProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { toApiError, useApi, useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { DraftNotice, useDraft } from '../../shared/draft';
import { useShowError } from '../../shared/errors';
import { countOf, newOrderLine, orderLines, type OrderLine } from './goods';
import { HouseholdPicker, type Household } from './HouseholdPicker';
import { money } from './money';
import { ExistingOrder, RecordedNotice, type Order } from './order-notices';
import { OrderLines, type OrderLinesHandle } from './OrderLines';
import { OrdersTable } from './OrdersTable';
import { chosenRound, RoundFacts, RoundSelect, type Round } from './round-choice';

/**
 * 订单登记: a resident's request as it comes in by phone, by keyboard alone — household → Enter →
 * good → Enter → quantity → Enter → … → Ctrl+Enter records it and reads it back.
 */
export function OrderEntry({ rounds, roundId, onRound }: { rounds: readonly Round[]; roundId?: number; onRound(id: number): void }) {
  const { t } = useI18n();
  // A free distribution lists its households itself: no orders are taken for it.
  const open = rounds.filter((r) => r.state === 'open' && r.kind === 'purchase');
  const round = chosenRound(open, roundId);
  if (!round) return <Empty description={t('rounds.noOpenRound')} data-testid="order-no-round" />;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('rounds.round')}</Typography.Text>
        <RoundSelect rounds={open} value={round.id} onChange={onRound} testId="order-round" />
      </Space>
      <RoundFacts round={round} />
      <EntryForm key={round.id} round={round} />
    </div>
  );
}

function EntryForm({ round }: { round: Round }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const showError = useShowError();
  const writes = useSession().can('orders.record');
  const orders = useApi('orders.list', { roundId: round.id });
  const record = useMutation('orders.record');
  const [household, setHousehold] = useState<Household>();
  const [lines, setLines] = useState<OrderLine[]>(() => [newOrderLine()]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Order | null>(null);
  const householdRef = useRef<RefSelectProps>(null);
  const linesRef = useRef<OrderLinesHandle>(null);
  const existing = household ? orders.data?.find((o) => o.householdId === household.id) : undefined;
  const byId = new Map(round.goods.map((g) => [g.id, g]));
  // A call half taken survives a reload: kept per round and user, gone once recorded (or cleared).
  const draft = useDraft(`round-order.${round.id}`, { household: household ?? null, note, lines: lines.map(({ goodsId, qty }) => ({ goodsId, qty })) },
    (d) => !d.household && !d.note.trim() && d.lines.every((l) => l.goodsId === undefined && !l.qty.trim()),
    (d) => {
      // A good taken off the price list since is not brought back.
      const kept = d.lines.filter((l) => l.goodsId === undefined || byId.has(l.goodsId));
      setHousehold(d.household ?? undefined);
      setNote(d.note ?? '');
      setLines(kept.length ? kept.map((l) => newOrderLine(l)) : [newOrderLine()]);
    });
  const clearAll = () => { setHousehold(undefined); setLines([newOrderLine()]); setNote(''); setProblem(null); householdRef.current?.focus(); };

  // Another PC may add to the same household meanwhile (LAN mode): the orders are read again as a
  // household is looked up (the answer is in before the goods are typed: a list re-drawn while a good
  // is being picked may lose the cursor), when this window comes back into focus, and every 20 seconds.
  const reloadOrders = orders.reload;
  useEffect(() => {
    window.addEventListener('focus', reloadOrders);
    const timer = setInterval(reloadOrders, 20_000);
    return () => {
      window.removeEventListener('focus', reloadOrders);
      clearInterval(timer);
    };
  }, [reloadOrders]);
  const total = orderLines(lines).reduce((sum, l) => sum + byId.get(l.goodsId)!.price * l.quantity, 0);

  // Focus moves after the render that follows a pick (the pick may come from an effect, when Enter waited for the search).
  const [picked, setPicked] = useState(0);
  useEffect(() => {
    if (picked) linesRef.current?.focusFirst();
  }, [picked]);
  useEffect(() => householdRef.current?.focus(), []);

  const problemOf = (): string | null => {
    if (!household) return t('rounds.pickHousehold');
    const used = lines.filter((l) => l.goodsId !== undefined || l.qty.trim());
    if (!used.some((l) => l.goodsId !== undefined)) return t('rounds.pickGoods');
    for (const [i, l] of used.entries()) {
      if (l.goodsId === undefined) return t('rounds.linePickGoods', { n: i + 1 });
      if (countOf(l.qty) === null) return t('rounds.lineCount', { n: i + 1, goods: byId.get(l.goodsId)!.name });
    }
    return null;
  };

  const submit = async (afterCutoff = false): Promise<void> => {
    const p = problemOf();
    setProblem(p);
    if (p || !household) return;
    try {
      const order = await record.run({ roundId: round.id, householdId: household.id, lines: orderLines(lines), ...(note.trim() ? { note: note.trim() } : {}), ...(afterCutoff ? { afterCutoff } : {}) });
      setRecorded(order);
      draft.clear();
      setHousehold(undefined);
      setLines([newOrderLine()]);
      setNote('');
      householdRef.current?.focus();
    } catch (err) {
      const e = toApiError(err);
      if (e.code !== 'AFTER_CUTOFF' || afterCutoff) {
        // The last order's read-back goes: staff must not read it to the next caller; the refusal stays beside the form.
        setRecorded(null);
        setProblem(e.message);
        return showError(err);
      }
      // No next round to take it: the person decides whether it still goes on this round's purchase order.
      modal.confirm({
        title: t('rounds.afterCutoffTitle'), content: e.message, okText: t('rounds.afterCutoffKeep'), cancelText: t('common.cancel'),
        onOk: () => submit(true), onCancel: () => householdRef.current?.focus(),
      });
    }
  };

  const recordButton = (
    <Button type="primary" loading={record.busy} disabled={!writes} onClick={() => void submit()} data-testid="order-record">{t('rounds.record')}(Ctrl+Enter)</Button>
  );
  return (
    <div onKeyDownCapture={(e) => {
      // Caught before any list sees it: in an open goods list Ctrl+Enter would otherwise also pick a good.
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && writes) {
        e.preventDefault();
        e.stopPropagation();
        void submit();
      }
    }}>
      {recorded && <RecordedNotice order={recorded} onClose={() => setRecorded(null)} />}
      <DraftNotice draft={draft} onClear={clearAll} title={t('rounds.draftRestored')} />
      <Row gutter={16}>
        <Col flex="1 1 640px" style={{ minWidth: 0 }}>
          <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
            <Form.Item label={t('rounds.household')} required>
              <div style={{ width: 380 }}>
                <HouseholdPicker ref={householdRef} compounds={round.compounds} value={household} disabled={!writes}
                  onLookup={reloadOrders} onPick={(h) => { setHousehold(h); setProblem(null); setPicked((n) => n + 1); }} />
              </div>
            </Form.Item>
            <Form.Item label={t('common.note')}>
              <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={100} style={{ width: 200 }} disabled={!writes} data-testid="order-note" />
            </Form.Item>
          </Form>
          <OrderLines ref={linesRef} goods={round.goods} lines={lines} onChange={setLines} disabled={!writes} />
          {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="order-problem" />}
          <Space style={{ marginTop: 12 }} wrap>
            {writes ? recordButton : <Tooltip title={t('rounds.onlyCommunity')}>{recordButton}</Tooltip>}
            <Typography.Text strong data-testid="order-total">{t('rounds.orderTotal', { total: money(total) })}</Typography.Text>
            {round.householdLimit !== null && <Typography.Text type="secondary">{t('rounds.limitText', { limit: money(round.householdLimit) })}</Typography.Text>}
            <Typography.Text type="secondary">{t('rounds.keysHint')}</Typography.Text>
          </Space>
        </Col>
        <Col flex="0 1 360px" style={{ minWidth: 0 }}>
          {existing ? <ExistingOrder order={existing} /> : household && <Typography.Paragraph type="secondary" data-testid="order-first">{t('rounds.firstOrder')}</Typography.Paragraph>}
        </Col>
      </Row>
      {/* Only the first read shows as loading: a re-read every 20 seconds must not flash the list. */}
      <OrdersTable round={round} orders={orders.data} loading={orders.loading && !orders.data} />
    </div>
  );
}
