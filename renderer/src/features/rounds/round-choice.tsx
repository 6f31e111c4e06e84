import { Descriptions, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { freeName } from './free';
import { money } from './money';

export type Round = ApiOutput<'rounds.list'>[number];

/** The open round with the latest cut-off: the one staff are taking orders for. */
export function latestOpen(rounds: readonly Round[]): Round | undefined {
  return rounds.filter((r) => r.state === 'open').sort((a, b) => Date.parse(b.cutoffAt) - Date.parse(a.cutoffAt) || b.id - a.id)[0];
}

/** The round asked for when it is among these, else the latest open one (else the newest). */
export function chosenRound(rounds: readonly Round[], id: number | undefined): Round | undefined {
  return rounds.find((r) => r.id === id) ?? latestOpen(rounds) ?? rounds[0];
}

/**
 * The ledger's clock, not the PC's: a countdown on a PC whose clock is off would tell staff the
 * wrong time to stop taking orders. The offset is measured once per page, from settings.get's
 * `now` against the middle of the call (an answer read later would be off by its age).
 */
let skew = 0;
let measured: Promise<void> | undefined;
function measureSkew(): Promise<void> {
  measured ??= (async () => {
    const sent = Date.now();
    const { now } = await call('settings.get');
    skew = Date.parse(now) - (sent + Date.now()) / 2;
  })().catch(() => undefined);
  return measured;
}

export function useLedgerNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    void measureSkew().then(() => setNow(Date.now() + skew));
    const timer = setInterval(() => setNow(Date.now() + skew), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** 距截单 1 小时 05 分 12 秒, or 已截单 once the cut-off has passed (its own component: it re-renders every second). */
export function Countdown({ cutoffAt }: { cutoffAt: string }) {
  const { t } = useI18n();
  const left = Math.floor((Date.parse(cutoffAt) - useLedgerNow(1000)) / 1000);
  if (left <= 0) return <Tag color="red" data-testid="round-countdown">{t('rounds.cutOff')}</Tag>;
  const two = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(left / 3600), Math.floor(left / 60) % 60, left % 60];
  return <Tag color={left < 1800 ? 'orange' : 'green'} data-testid="round-countdown">{t('rounds.countdown', { h, m: two(m), s: two(s) })}</Tag>;
}

export function RoundSelect({ rounds, value, onChange, testId }: { rounds: readonly Round[]; value?: number; onChange(id: number): void; testId: string }) {
  const { t } = useI18n();
  const tz = useOffice()?.timeZone;
  return (
    <Select<number> value={value} onChange={onChange} style={{ width: 460 }} data-testid={testId} placeholder={t('rounds.pickRound')}
      showSearch={{ optionFilterProp: 'label' }}
      options={rounds.map((r) => ({
        value: r.id,
        label: r.kind === 'free'
          ? t('roundsFree.roundOption', { number: r.number, name: freeName(r), day: r.day })
          : t('rounds.roundOption', { number: r.number, supplier: r.supplierName, cutoff: officeTime(r.cutoffAt, tz).slice(5) }),
      }))} />
  );
}

/** A round's facts in one band: number, supplier, day, cut-off (with its countdown), compounds, limit. */
export function RoundFacts({ round }: { round: Round }) {
  const { t } = useI18n();
  const tz = useOffice()?.timeZone;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3, xxl: 6 }} style={{ marginBottom: 12 }} data-testid="round-facts"
      items={[
        { label: t('rounds.number'), children: <Typography.Text strong>{round.number}</Typography.Text> },
        { label: t('rounds.supplier'), children: round.supplierName },
        { label: t('rounds.day'), children: round.day },
        {
          label: t('rounds.cutoff'), children: (
            <span>{officeTime(round.cutoffAt, tz)} {round.state === 'closed' ? <Tag>{t('rounds.closed')}</Tag> : <Countdown cutoffAt={round.cutoffAt} />}</span>
          ),
        },
        { label: t('rounds.compounds'), children: round.compounds.join(t('rounds.sep')) },
        { label: t('rounds.householdLimit'), children: round.householdLimit === null ? t('rounds.noLimit') : money(round.householdLimit) },
      ]} />
  );
}
