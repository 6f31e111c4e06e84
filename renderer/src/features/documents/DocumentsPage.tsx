import { Button, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { navigate, useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { useStores } from '../../shared/stores';
import { officeInstant, officeTime } from '../../shared/format';
import { docTypeKey } from '../../shared/labels';
import { useOffice } from '../../shared/office';
import { CheckpointPicker, ItemPicker, PersonPicker } from '../../shared/pickers';
import { DocumentDrawer } from './DocumentDrawer';
import { printNow } from '../slips/PrintDialog';
import { useShowError } from '../../shared/errors';
import { officeDate } from '../../shared/format';
import { paging } from '../../shared/table';
import { useSession } from '../../app/session';

const TYPES = ['receipt', 'issue', 'return', 'loan', 'loan_return', 'stocktake', 'loss', 'transfer_out', 'move', 'void'] as const;
type DocKind = (typeof TYPES)[number];

/** 单据: every document with filters; open one, void it. */
export function DocumentsPage() {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const { params } = useRoute();
  const [type, setType] = useState<DocKind | undefined>((params.get('type') as DocKind) || undefined);
  // 移库 is offered where there is more than one store.
  const several = useStores().several;
  const types = TYPES.filter((v) => v !== 'move' || several);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [checkpointId, setCheckpointId] = useState<number | undefined>(Number(params.get('checkpoint')) || undefined);
  const [personId, setPersonId] = useState<number>();
  const [itemId, setItemId] = useState<number>();
  const [number, setNumber] = useState('');
  const [page, setPage] = useState(1);
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const openId = Number(params.get('open')) || undefined;
  const showError = useShowError();
  const { can } = useSession();
  const list = useApi('docs.list', {
    ...(type ? { type } : {}),
    ...(range?.[0] ? { from: officeInstant(range[0].format('YYYY-MM-DD'), '00:00', tz) } : {}),
    ...(range?.[1] ? { to: officeInstant(range[1].add(1, 'day').format('YYYY-MM-DD'), '00:00', tz) } : {}),
    ...(checkpointId ? { checkpointId } : {}),
    ...(personId ? { personId } : {}),
    ...(itemId ? { itemId } : {}),
    ...(number ? { number } : {}),
    order,
    limit: 50,
    offset: (page - 1) * 50,
  });
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('common.type')} style={{ width: 130 }} value={type} onChange={(v) => { setType(v); setPage(1); }} options={types.map((v) => ({ value: v, label: t(docTypeKey(v)) }))} />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
        <div style={{ width: 200 }}><CheckpointPicker allowClear placeholder={t('common.checkpoint')} value={checkpointId} onChange={setCheckpointId} /></div>
        <div style={{ width: 160 }}><PersonPicker allowClear placeholder={t('common.person')} value={personId} onChange={setPersonId} /></div>
        <div style={{ width: 200 }}><ItemPicker allowClear placeholder={t('common.item')} value={itemId} onChange={setItemId} /></div>
        <Input allowClear placeholder={t('common.number')} value={number} onChange={(e) => setNumber(e.target.value)} style={{ width: 160 }} />
        {/* Printing slips is the warehouse's (print.slips): others see the list only. */}
        {can('print.slips') && (
          <Button data-testid="documents-print-day"
            onClick={() => printNow({ date: range?.[0]?.format('YYYY-MM-DD') ?? officeDate(office?.now ?? new Date(), tz), ...(checkpointId ? { checkpointId } : {}) }).catch(showError)}>
            {t('print.day')}
          </Button>
        )}
      </Space>
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data?.rows ?? []} data-testid="documents-table"
        pagination={paging(t, { current: page, pageSize: 50, total: list.data?.total ?? 0 })}
        // Sorting and filtering are the server's (the list is paged there): the headers only set its input.
        onChange={(p, filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const nextOrder = s?.columnKey === 'time' && s.order === 'ascend' ? 'asc' : 'desc';
          const nextType = (filters.type?.[0] as DocKind | undefined) ?? undefined;
          const changed = nextOrder !== order || nextType !== type;
          setOrder(nextOrder);
          setType(nextType);
          setPage(changed ? 1 : p.current ?? 1);
        }}
        onRow={(r) => ({ onDoubleClick: () => navigate('/documents', { open: r.id }) })}
        columns={[
          { title: t('common.number'), dataIndex: 'number', render: (v: string, r) => <a href={`#/documents?open=${r.id}`}>{v}</a> },
          {
            title: t('common.type'), dataIndex: 'type', key: 'type', render: (v: string) => t(docTypeKey(v)),
            filters: types.map((v) => ({ value: v, text: t(docTypeKey(v)) })), filterMultiple: false, filteredValue: type ? [type] : null,
          },
          {
            title: t('common.time'), dataIndex: 'time', key: 'time', render: (v: string) => officeTime(v, tz),
            sorter: true, sortOrder: order === 'asc' ? 'ascend' : 'descend', sortDirections: ['descend', 'ascend'],
          },
          { title: t('ledger.counterparty'), render: (_, r) => r.checkpointName ?? r.sourceName ?? (r.toStoreName ? `${r.storeName} → ${r.toStoreName}` : r.counterparty) },
          { title: t('common.person'), dataIndex: 'personName' },
          { title: t('documents.lines'), dataIndex: 'lineCount', align: 'right' },
          { title: t('common.operator'), dataIndex: 'operatorName' },
          { title: t('common.state'), render: (_, r) => (r.state === 'voided' ? <Tag color="red">{t('common.voided')}</Tag> : r.reversesNumber ? <Tag>{t('documents.reversal')} {r.reversesNumber}</Tag> : <Tag color="green">{t('common.posted')}</Tag>) },
          { title: '', render: (_, r) => <Button size="small" type="link" onClick={() => navigate('/documents', { open: r.id })}>{t('common.open')}</Button> },
        ]} />
      <DocumentDrawer id={openId} onClose={() => navigate('/documents', { type })} />
    </div>
  );
}
