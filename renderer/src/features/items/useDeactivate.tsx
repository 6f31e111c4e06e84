import { App } from 'antd';
import { call } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';

interface Target {
  id: number;
  name: string;
  unit: string;
  active: boolean;
}

/**
 * 停用/启用 an item. Deactivating one that still has stock asks first and says what follows: the
 * ledger refuses every new document naming it (post.ts checks each line's item is active), the
 * stock screen stops listing it, and the daily report keeps counting its balance (it reads movements).
 */
export function useToggleActive(): (item: Target) => Promise<void> {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const update = useMutation('items.update');
  const showError = useShowError();
  return async (item) => {
    const run = () => update.run({ id: item.id, active: !item.active }).then(() => undefined, showError);
    if (!item.active) return run();
    try {
      const [stock] = await call('stock.list', { itemIds: [item.id] });
      const quantity = stock?.quantity ?? 0;
      if (quantity <= 0) return run();
      await new Promise<void>((done) => {
        modal.confirm({
          title: t('items.deactivateTitle'),
          content: <span data-testid="deactivate-effect">{t('items.deactivateConfirm', { name: item.name, quantity, unit: item.unit })}</span>,
          okText: t('items.deactivate'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () => run().finally(done),
          onCancel: () => done(),
        });
      });
    } catch (err) {
      showError(err);
    }
  };
}
