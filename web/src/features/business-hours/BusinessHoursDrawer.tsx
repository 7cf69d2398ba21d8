import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { EditDrawer } from '../../ui/EditDrawer';
import { BusinessHoursForm } from './BusinessHoursForm';
import { emptyBusinessHoursValues, valuesFromBusinessHours } from './businessHoursFormValues';
import { useBusinessHours } from './businessHoursApi';

export type BusinessHoursDrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function BusinessHoursDrawer({ state, onClose }: { state: BusinessHoursDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = state?.mode === 'edit';
  const schedule = useBusinessHours(editing ? state.id : null);

  return (
    <EditDrawer
      opened={state !== null}
      onClose={onClose}
      size={760}
      title={editing ? (schedule.data?.name ?? t('businessHours.editTitle')) : t('businessHours.createTitle')}
      badges={editing && schedule.data && <StatusBadge status={schedule.data.status} />}
      loading={editing && schedule.isPending}
      error={editing && schedule.isError ? errorMessage(schedule.error, t) : null}
      loadFailedTitle={t('businessHours.loadOneFailed')}
      onRetry={() => void schedule.refetch()}
    >
      {state?.mode === 'create' && <BusinessHoursForm key="create" initial={emptyBusinessHoursValues()} onSaved={onClose} onCancel={onClose} />}
      {editing && schedule.data && (
        <BusinessHoursForm
          key={`${schedule.data.id}:${schedule.data.updatedAt}`}
          id={schedule.data.id}
          initial={valuesFromBusinessHours(schedule.data)}
          onSaved={onClose}
          onCancel={onClose}
        />
      )}
    </EditDrawer>
  );
}
