import { Button, Checkbox, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { maskPhone } from '../../../../db/rounds/mask';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useShowError } from '../../shared/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { byText, paging } from '../../shared/table';
import { HouseholdForm } from './HouseholdForm';
import { HouseholdImport } from './HouseholdImport';
import { householdFlags, type Household } from './HouseholdPicker';

/** 住户: found as staff say an address or by the contact's initials; the phone masked here, whole only in the form. */
export function HouseholdsTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [compound, setCompound] = useState<string>();
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<Household | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const compounds = useApi('households.compounds');
  const list = useApi('households.list', { ...(q.trim() ? { q: q.trim() } : {}), ...(compound ? { compound } : {}), includeInactive: inactive, limit: 5000 });
  const writes = can('households.create');
  const addButton = <Button type="primary" disabled={!writes} onClick={() => setEditing('new')} data-testid="household-new">{t('households.new')}</Button>;
  const importButton = <Button disabled={!can('households.importCommit')} onClick={() => setImporting(true)} data-testid="households-import">{t('householdImport.open')}</Button>;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('rounds.householdHint')} style={{ width: 300 }} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} data-testid="households-search" />
        <Select allowClear placeholder={t('households.allCompounds')} style={{ width: 200 }} value={compound} onChange={setCompound} data-testid="households-compound"
          options={(compounds.data ?? []).map((c) => ({ value: c.compound, label: t('rounds.compoundOption', { compound: c.compound, n: c.households }) }))} />
        <Checkbox checked={inactive} onChange={(e) => setInactive(e.target.checked)}>{t('households.showInactive')}</Checkbox>
        {writes ? addButton : <Tooltip title={t('rounds.onlyCommunity')}>{addButton}</Tooltip>}
        {writes ? importButton : <Tooltip title={t('rounds.onlyCommunity')}>{importButton}</Tooltip>}
      </Space>
      <Table<Household> size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={paging(t, { pageSize: 50 })} data-testid="households-table"
        columns={[
          { title: t('households.community'), dataIndex: 'community', width: 110, sorter: byText((h) => h.community) },
          { title: t('households.compound'), dataIndex: 'compound', width: 120, sorter: byText((h) => h.compound) },
          { title: t('households.address'), dataIndex: 'address', width: 100, sorter: byText((h) => h.address) },
          { title: t('rounds.contact'), dataIndex: 'contact', width: 90, sorter: byText((h) => h.contact) },
          { title: t('common.phone'), dataIndex: 'phone', width: 120, render: (v: string) => maskPhone(v) },
          {
            title: t('households.flags'), key: 'flags', width: 200,
            render: (_, h) => householdFlags(t, h).map((f) => <Tag key={f} color="volcano">{f}</Tag>),
          },
          { title: t('households.medicines'), dataIndex: 'medicines', ellipsis: true },
          { title: t('households.needs'), dataIndex: 'needs', ellipsis: true },
          { title: t('common.state'), dataIndex: 'active', width: 70, render: (v: boolean) => (v ? '' : <Tag>{t('items.inactive')}</Tag>) },
          {
            title: t('common.actions'), key: 'actions', width: 70, hidden: !can('households.update'),
            render: (_, h) => <Button size="small" type="link" onClick={() => void call('households.get', { id: h.id }).then(setEditing, showError)} data-testid="household-edit">{t('common.edit')}</Button>,
          },
        ]} />
      {importing && <HouseholdImport onClose={() => setImporting(false)} />}
      {editing && <HouseholdForm household={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
