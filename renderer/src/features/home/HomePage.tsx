import { Card, Col, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useApi } from '../../api/hooks';
import { navigate } from '../../app/router';
import { useScreenHref } from '../../app/routes';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { docTypeKey } from '../../shared/labels';
import { useOffice } from '../../shared/office';
import { Chart } from '../../shared/Chart';
import { coverItems, coverOption, slipsOption } from './charts';
import { ReportCard } from './ReportCard';
import { ConsumptionCard } from './ConsumptionCard';
import { OverdueLoans } from './OverdueLoans';
import { SetupChecklist } from './SetupChecklist';

/** A tile that leads to its screen when there is one for the role (`href`), or only shows its figure. */
function Tile({ href, children }: { href?: string; children: ReactNode }) {
  return href ? <a href={href} style={{ display: 'block', color: 'inherit' }}><Card hoverable>{children}</Card></a> : <Card>{children}</Card>;
}

/** Every link and shortcut here goes through `href`: it is offered only when the role can open its screen (the menu's rule). */
export function HomePage() {
  const { t } = useI18n();
  const href = useScreenHref();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const stock = useApi('stock.list');
  const recent = useApi('docs.list', { limit: 8 });
  const dash = useApi('dashboard.get');
  const report = useApi('reports.daily.status');
  const loans = useApi('loans.open');
  const slipsChart = useMemo(() => (dash.data ? slipsOption(dash.data, (d) => d.slice(5)) : null), [dash.data]);
  const coverChart = useMemo(() => (dash.data ? coverOption(dash.data, t('home.days')) : null), [dash.data, t]);
  const low = (stock.data ?? []).filter((s) => s.low);
  // A new office (nothing booked yet) sees its start checklist where the empty charts would be.
  const newOffice = !!dash.data && !dash.data.setup.opening;
  const expiring = (stock.data ?? []).flatMap((s) => s.batches.filter((b) => b.nearExpiry || b.expired).map((b) => ({ ...b, item: s })));
  return (
    <div>
      <Row gutter={16}>
        <Col span={6}><Tile href={href('/stock', { filter: 'low' })}><Statistic title={t('home.low')} value={low.length} styles={{ content: { color: low.length ? '#cf1322' : undefined } }} /></Tile></Col>
        <Col span={6}><Tile href={href('/stock', { filter: 'expiry' })}><Statistic title={t('home.expiring')} value={expiring.length} styles={{ content: { color: expiring.length ? '#d46b08' : undefined } }} /></Tile></Col>
        <Col span={6}><Tile href={href('/documents', { type: 'issue' })}><Statistic title={t('home.todaySlips')} value={dash.data?.today.slips ?? 0} data-testid="today-slips" />
          {dash.data && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('home.todaySince', { from: officeTime(dash.data.today.from, tz) })}</Typography.Text>}</Tile></Col>
        <Col span={6}>{report.data ? <ReportCard status={report.data} timeZone={tz} /> : <Card loading />}</Col>
      </Row>
      {newOffice && <div style={{ marginTop: 16 }}><SetupChecklist setup={dash.data!.setup} /></div>}
      {!newOffice && <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={14}>
          <Card title={t('home.slipsChart')} size="small">
            {slipsChart && <Chart option={slipsChart} testId="chart-slips" onBarClick={href('/documents') ? (i) => navigate('/documents', { type: 'issue', checkpoint: dash.data!.slipsPerCheckpoint[i]?.checkpointId }) : undefined} />}
          </Card>
        </Col>
        <Col span={10}>
          <Card title={t('home.coverChart')} size="small">
            {coverChart && <Chart option={coverChart} testId="chart-cover" onBarClick={href('/ledger') ? (i) => navigate('/ledger', { item: coverItems(dash.data!)[i]?.itemId }) : undefined} />}
          </Card>
        </Col>
      </Row>}
      {!newOffice && dash.data && <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={16}><ConsumptionCard consumption={dash.data.consumption} cutoff={office?.cutoffTime ?? '15:00'} /></Col>
        <Col span={8}>{loans.data ? <OverdueLoans loans={loans.data} timeZone={tz} /> : <Card loading size="small" />}</Col>
      </Row>}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card title={t('home.attention')} size="small">
            {low.length === 0 && expiring.length === 0 ? (
              newOffice ? <Typography.Text type="secondary">{t('home.noStockYet')}</Typography.Text> : <Typography.Text type="success">{t('home.allGood')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={[
                  ...low.map((s) => ({ key: `l${s.itemId}`, itemId: s.itemId, text: `${s.name} ${s.quantity}/${s.minStock} ${s.unit}`, tag: <Tag color="red">{t('stock.low')}</Tag> })),
                  ...expiring.map((b) => ({ key: `e${b.batchId}`, itemId: b.item.itemId, text: `${b.item.name} ${b.batchNo} ${t('common.expiry')} ${b.expiryDate}`, tag: <Tag color={b.expired ? 'red' : 'orange'}>{t(b.expired ? 'stock.expired' : 'stock.nearExpiry')}</Tag> })),
                ]}
                renderItem={(r) => {
                  const to = href('/ledger', { item: r.itemId });
                  return <List.Item>{to ? <a href={to} style={{ color: 'inherit' }}>{r.tag} {r.text}</a> : <span>{r.tag} {r.text}</span>}</List.Item>;
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('home.recent')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              loading={recent.loading}
              dataSource={recent.data?.rows ?? []}
              onRow={(r) => (href('/documents') ? { onClick: () => navigate('/documents', { open: r.id }), style: { cursor: 'pointer' } } : {})}
              columns={[
                { title: t('common.number'), dataIndex: 'number', render: (v: string, r) => { const to = href('/documents', { open: r.id }); return to ? <a href={to}>{v}</a> : v; } },
                { title: t('common.type'), dataIndex: 'type', render: (v: string) => t(docTypeKey(v)) },
                { title: t('ledger.counterparty'), render: (_, r) => r.checkpointName ?? r.sourceName ?? r.counterparty },
                { title: t('common.time'), dataIndex: 'time', render: (v: string) => officeTime(v, tz) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
