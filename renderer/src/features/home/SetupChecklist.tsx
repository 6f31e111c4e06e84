import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Card, Steps, Typography } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useScreenHref } from '../../app/routes';
import { useI18n, type MessageKey } from '../../i18n';

type Setup = ApiOutput<'dashboard.get'>['setup'];

/** Each step, the screen where it is done, and what the clerk does there. */
const STEPS: { key: keyof Setup; path: string; title: MessageKey; hint: MessageKey }[] = [
  { key: 'office', path: '/settings', title: 'start.office', hint: 'start.officeHint' },
  { key: 'items', path: '/items', title: 'start.items', hint: 'start.itemsHint' },
  { key: 'places', path: '/items', title: 'start.places', hint: 'start.placesHint' },
  { key: 'accounts', path: '/settings', title: 'start.accounts', hint: 'start.accountsHint' },
  { key: 'opening', path: '/receipt', title: 'start.opening', hint: 'start.openingHint' },
];

/** A step on a screen the role cannot open is named, not linked (入库 is the clerk's and the administrator's). */
function StepTitle({ href, testId, done, children }: { href?: string; testId: string; done: boolean; children: string }) {
  const marks = { 'data-testid': testId, 'data-done': done ? 'yes' : 'no' };
  return href ? <a href={href} {...marks}>{children}</a> : <span {...marks}>{children}</span>;
}

/** 开始使用: a new office (nothing booked yet) sees what to set up, in order, instead of "库存充足". */
export function SetupChecklist({ setup }: { setup: Setup }) {
  const { t } = useI18n();
  const href = useScreenHref();
  const current = Math.max(0, STEPS.findIndex((s) => !setup[s.key]));
  return (
    <Card title={t('start.title')} size="small" data-testid="setup-checklist">
      <Typography.Paragraph type="secondary">{t('start.intro')}</Typography.Paragraph>
      <Steps size="small" current={current}
        items={STEPS.map((s) => ({
          status: setup[s.key] ? 'finish' : 'wait',
          icon: setup[s.key] ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined />,
          title: <StepTitle href={href(s.path)} testId={`setup-${s.key}`} done={setup[s.key]}>{t(s.title)}</StepTitle>,
          description: t(s.hint),
        }))} />
    </Card>
  );
}
