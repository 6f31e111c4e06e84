import { App, Button, Form, Input, Modal, Space, Table, Tag, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';

type Store = ApiOutput<'stores.list'>[number];

/** 库房: add, rename, make the default, deactivate an empty one (the server says what is still in it). */
export function StoresCard() {
  const { t } = useI18n();
  const { can } = useSession();
  const { modal } = App.useApp();
  const list = useApi('stores.list');
  const create = useMutation('stores.create');
  const update = useMutation('stores.update');
  const showError = useShowError();
  const [editing, setEditing] = useState<Store | 'new' | null>(null);
  const [name, setName] = useState('');
  const writes = can('stores.update');

  const save = async () => {
    if (!name.trim()) return;
    try {
      if (editing === 'new') await create.run({ name: name.trim() });
      else if (editing) await update.run({ id: editing.id, name: name.trim() });
      setEditing(null);
    } catch (err) {
      showError(err);
    }
  };
  const change = (input: Parameters<typeof update.run>[0]) => update.run(input).catch(showError);
  const deactivate = (s: Store) =>
    modal.confirm({ title: t('stores.deactivate'), content: t('stores.deactivateConfirm', { name: s.name }), okButtonProps: { danger: true, 'data-testid': 'store-deactivate-ok' } as ButtonProps, onOk: () => change({ id: s.id, active: false }) });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <span>{t('stores.intro')}</span>
      {writes && <Button onClick={() => { setName(''); setEditing('new'); }} data-testid="stores-add">{t('stores.add')}</Button>}
      <Table<Store>
        size="small" rowKey="id" pagination={false} loading={list.loading} dataSource={list.data} data-testid="stores-table"
        columns={[
          { title: t('stores.name'), dataIndex: 'name', render: (v: string, s) => <Space>{v}{s.isDefault && <Tag color="blue">{t('stores.default')}</Tag>}{!s.active && <Tag>{t('stores.inactive')}</Tag>}</Space> },
          ...(writes ? [{
            title: '', key: 'actions', width: 280, render: (_: unknown, s: Store) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => { setName(s.name); setEditing(s); }}>{t('stores.rename')}</Button>
                {s.active && !s.isDefault && <Button size="small" type="link" onClick={() => void change({ id: s.id, isDefault: true })}>{t('stores.makeDefault')}</Button>}
                {s.active
                  ? <Button size="small" type="link" danger onClick={() => deactivate(s)} data-testid={`store-deactivate-${s.id}`}>{t('stores.deactivate')}</Button>
                  : <Button size="small" type="link" onClick={() => void change({ id: s.id, active: true })}>{t('stores.activate')}</Button>}
              </Space>
            ),
          }] : []),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? t('stores.add') : t('stores.rename')} onCancel={() => setEditing(null)} onOk={() => void save()}
        okButtonProps={{ disabled: !name.trim(), loading: create.busy || update.busy, 'data-testid': 'store-save' } as ButtonProps} destroyOnHidden>
        <Form layout="vertical" onFinish={() => void save()}>
          <Form.Item label={t('stores.name')} required>
            <Input autoFocus value={name} maxLength={30} onChange={(e) => setName(e.target.value)} data-testid="store-name" placeholder={t('stores.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
