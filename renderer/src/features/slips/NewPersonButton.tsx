import { Button, Form, Input, Popover, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';

/** Adds a pickup person without leaving the slip; the new person belongs to the chosen checkpoint. */
export function NewPersonButton({ checkpointId, onCreated, request }: { checkpointId?: number; onCreated(id: number): void; request?: { name: string } }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  // "新增 王小明" from the picker: the form opens with the typed name.
  useEffect(() => {
    if (!request) return;
    setName(request.name);
    setOpen(true);
  }, [request]);
  const [phone, setPhone] = useState('');
  // Saving without a name says so under the box instead of doing nothing.
  const [missing, setMissing] = useState(false);
  const create = useMutation('people.create');
  const showError = useShowError();
  const save = async () => {
    setMissing(!name.trim());
    if (!name.trim()) return;
    try {
      const p = await create.run({ name: name.trim(), phone: phone.trim(), ...(checkpointId ? { checkpointId } : {}) });
      onCreated(p.id);
      setOpen(false);
      setName('');
      setPhone('');
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" title={t('items.newPerson')}
      content={
        <Form layout="vertical" onFinish={save}>
          <Form.Item label={t('people.name')} required validateStatus={missing ? 'error' : undefined} help={missing ? t('form.personNameRequired') : undefined}>
            <Input autoFocus data-testid="new-person-name" value={name} onChange={(e) => { setName(e.target.value); setMissing(false); }} maxLength={30} />
          </Form.Item>
          <Form.Item label={t('common.phone')}><Input value={phone} data-testid="new-person-phone" onChange={(e) => setPhone(e.target.value)} maxLength={20} /></Form.Item>
          <Space><Button type="primary" htmlType="submit" loading={create.busy}>{t('common.save')}</Button><Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button></Space>
        </Form>
      }>
      <Button>+</Button>
    </Popover>
  );
}
