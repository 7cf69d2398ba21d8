import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { RoleBadge, StatusBadge } from '../../ui/Badges';
import { EditDrawer } from '../../ui/EditDrawer';
import { UserForm } from './UserForm';
import { emptyUserValues, valuesFromUser } from './userFormValues';
import { useUser } from './usersApi';

export type DrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function UserDrawer({ state, onClose }: { state: DrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = state?.mode === 'edit';
  const user = useUser(editing ? state.id : null);

  return (
    <EditDrawer
      opened={state !== null}
      onClose={onClose}
      size={760}
      title={editing ? (user.data?.displayName ?? t('users.editTitle')) : t('users.createTitle')}
      badges={editing && user.data && (<><RoleBadge role={user.data.role} /><StatusBadge status={user.data.status} /></>)}
      loading={editing && user.isPending}
      error={editing && user.isError ? errorMessage(user.error, t) : null}
      loadFailedTitle={t('users.loadFailed')}
      onRetry={() => void user.refetch()}
      loadingTestId="user-form-loading"
    >
      {state?.mode === 'create' && <UserForm key="create" mode="create" initial={emptyUserValues()} onSaved={onClose} onCancel={onClose} />}
      {editing && user.data && (
        <UserForm
          key={`${user.data.id}:${user.data.updatedAt}`}
          mode="edit"
          userId={user.data.id}
          initial={valuesFromUser(user.data)}
          onSaved={onClose}
          onCancel={onClose}
        />
      )}
    </EditDrawer>
  );
}
