import { App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { plainFingerprint } from '../../../../db/district/fingerprint';
import type { ApiOutput } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';

type Unit = ApiOutput<'subUnits.list'>[number];


/** 下级单位: each with its code and the fingerprint its administrator read out; a package signed by another key is refused. */
export function UnitsTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const list = useApi('subUnits.list');
  const update = useMutation('subUnits.update');
  const showError = useShowError();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  return (
    <>
      {can('subUnits.create') && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing('new')} data-testid="unit-new">{t('inbox.newUnit')}</Button>}
      <Table<Unit> size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={false} data-testid="units-table"
        columns={[
          { title: t('inbox.code'), dataIndex: 'code', width: 150 },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('inbox.fingerprint'), dataIndex: 'fingerprint', width: 380, render: (f: string) => <code>{f}</code> },
          { title: t('inbox.contact'), dataIndex: 'contact', width: 100 },
          { title: t('inbox.phone'), dataIndex: 'phone', width: 130 },
          { title: t('common.state'), dataIndex: 'active', width: 80, render: (a: boolean) => (a ? '' : <Tag>{t('inbox.inactive')}</Tag>) },
          {
            title: t('common.actions'), key: 'actions', width: 130, hidden: !can('subUnits.update'),
            render: (_, u) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(u)} data-testid="unit-edit">{t('common.edit')}</Button>
                <Button size="small" type="link" onClick={() => update.run({ id: u.id, active: !u.active }).catch(showError)} data-testid="unit-toggle">{t(u.active ? 'inbox.deactivate' : 'inbox.activate')}</Button>
              </Space>
            ),
          },
        ]} />
      {editing && <UnitForm unit={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function UnitForm({ unit, onClose }: { unit?: Unit; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const create = useMutation('subUnits.create');
  const update = useMutation('subUnits.update');
  const showError = useShowError();
  const { message } = App.useApp();
  const save = (v: { code: string; name: string; fingerprint: string; contact?: string; phone?: string }) =>
    (unit ? update.run({ id: unit.id, name: v.name, fingerprint: v.fingerprint, contact: v.contact ?? '', phone: v.phone ?? '' }) : create.run({ ...v, contact: v.contact ?? '', phone: v.phone ?? '' }))
      .then(() => { message.success(t('inbox.saved')); onClose(); }, showError);
  return (
    <Modal open title={t(unit ? 'inbox.editUnit' : 'inbox.newUnit')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={create.busy || update.busy} okButtonProps={{ 'data-testid': 'unit-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={unit} onFinish={save}>
        <Form.Item name="code" label={t('inbox.code')} rules={[{ required: true, pattern: /^(\d{12}|[0-9A-HJ-NPQRTUWXY]{18})$/, message: t('district.unitCodeFormat') }]}>
          <Input maxLength={18} disabled={!!unit} autoFocus data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} data-testid="unit-name" /></Form.Item>
        <Form.Item name="fingerprint" label={t('inbox.fingerprint')} tooltip={t('inbox.fingerprintHint')}
          rules={[{ required: true, message: t('inbox.fingerprintFormat') }, { validator: (_, v?: string) => (!v || /^[0-9A-F]{32}$/.test(plainFingerprint(v)) ? Promise.resolve() : Promise.reject(new Error(t('inbox.fingerprintFormat')))) }]}>
          <Input maxLength={80} placeholder="3F2A 91C0 …" style={{ fontFamily: 'monospace' }} data-testid="unit-fingerprint" />
        </Form.Item>
        <Space>
          <Form.Item name="contact" label={t('inbox.contact')}><Input maxLength={30} data-testid="unit-contact" /></Form.Item>
          <Form.Item name="phone" label={t('inbox.phone')}><Input maxLength={30} data-testid="unit-phone" /></Form.Item>
        </Space>
        {/* Enter in any field saves, as the OK button does. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
