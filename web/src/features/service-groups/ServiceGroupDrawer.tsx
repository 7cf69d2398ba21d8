import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { EditDrawer } from '../../ui/EditDrawer';
import { ServiceGroupForm } from './ServiceGroupForm';
import { emptyServiceGroupValues, valuesFromServiceGroup } from './serviceGroupFormValues';
import { useServiceGroup } from './serviceGroupsApi';

export type ServiceGroupDrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function ServiceGroupDrawer({ state, onClose }: { state: ServiceGroupDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = state?.mode === 'edit';
  const group = useServiceGroup(editing ? state.id : null);

  return (
    <EditDrawer
      opened={state !== null}
      onClose={onClose}
      size={780}
      title={editing ? (group.data?.name ?? t('serviceGroups.editTitle')) : t('serviceGroups.createTitle')}
      badges={editing && group.data && <StatusBadge status={group.data.status} />}
      loading={editing && group.isPending}
      error={editing && group.isError ? errorMessage(group.error, t) : null}
      loadFailedTitle={t('serviceGroups.loadOneFailed')}
      onRetry={() => void group.refetch()}
    >
      {state?.mode === 'create' && <ServiceGroupForm key="create" initial={emptyServiceGroupValues()} onSaved={onClose} onCancel={onClose} />}
      {editing && group.data && (
        <ServiceGroupForm
          key={`${group.data.id}:${group.data.updatedAt}`}
          groupId={group.data.id}
          initial={valuesFromServiceGroup(group.data)}
          onSaved={onClose}
          onCancel={onClose}
        />
      )}
    </EditDrawer>
  );
}
