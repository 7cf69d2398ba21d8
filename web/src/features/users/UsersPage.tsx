import { useState } from 'react';
import { Avatar, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '@contracts/users';
import { useCan, useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { notifyError, notifySuccess } from '../../lib/errors';
import { initials } from '../../lib/format';
import { RoleBadge, StatusBadge } from '../../ui/Badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FilterBar, SearchFilter, StatusFilter } from '../../ui/ListFilters';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusActionsMenu } from '../../ui/StatusActionsMenu';
import { UserDrawer, type DrawerState } from './UserDrawer';
import { useSetUserStatus, useUsersList, type UserFilters } from './usersApi';

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('users.manage');
  const { user: me, workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<UserFilters['status']>('active');
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const list = useUsersList({ q, role, status });
  const setUserStatus = useSetUserStatus();

  const users = listItems(list);
  const filtered = Boolean(q.trim() || role || status !== 'active');

  const confirmToggle = () => {
    if (!toggling) return;
    const active = toggling.status !== 'active';
    setUserStatus.mutate(
      { id: toggling.id, active },
      {
        onSuccess: () => {
          notifySuccess(active ? t('users.activated', { name: toggling.displayName }) : t('users.deactivated', { name: toggling.displayName }));
          setToggling(null);
        },
        onError: (err) => notifyError(err, t),
      },
    );
  };

  return (
    <Stack gap={0} data-testid="admin-users">
      <PageHeader
        title={t('users.title')}
        description={t('users.subtitle')}
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDrawer({ mode: 'create' })} data-testid="new-user">
              {t('users.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchFilter label={t('users.filters.search')} placeholder={t('users.filters.searchPlaceholder')} value={search} onChange={setSearch} />
        <Select
          label={t('users.filters.role')}
          placeholder={t('users.filters.allRoles')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => setRole((v as Role | null) ?? null)}
          clearable
          w={220}
        />
        <StatusFilter id="users-status-filter" label={t('users.filters.status')} value={status} onChange={setStatus} />
      </FilterBar>

      <ListTable
        query={list}
        minWidth={760}
        highlightOnHover={canManage}
        columns={[
          { label: t('users.columns.user') },
          { label: t('users.columns.role') },
          { label: t('users.columns.email') },
          { label: t('users.columns.status') },
          { label: t('users.columns.lastLogin') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconUsers}
        loadFailedTitle={t('users.loadFailed')}
        empty={{
          title: filtered ? t('users.emptyFilteredTitle') : t('users.emptyTitle'),
          description: filtered ? t('users.emptyFilteredText') : t('users.emptyText'),
          action:
            canManage && !filtered ? (
              <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDrawer({ mode: 'create' })}>
                {t('users.new')}
              </Button>
            ) : undefined,
        }}
      >
        {users.map((u) => (
          <Table.Tr
            key={u.id}
            data-testid="user-row"
            data-login={u.login}
            style={{ cursor: canManage ? 'pointer' : undefined }}
            onClick={canManage ? () => setDrawer({ mode: 'edit', id: u.id }) : undefined}
          >
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                <Avatar radius="xl" color={u.status === 'active' ? 'brand' : 'gray'} size={36}>
                  {initials(u.displayName)}
                </Avatar>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {u.displayName}
                    {u.id === me.id && (
                      <Text span size="xs" c="dimmed" fw={400}>
                        {' '}
                        ({t('users.you')})
                      </Text>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {u.login}
                  </Text>
                </div>
              </Group>
            </Table.Td>
            <Table.Td>
              <RoleBadge role={u.role} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={u.email ? undefined : 'dimmed'}>
                {u.email ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={u.status} />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={u.lastLoginAt} timeZone={workspace.timeZone} fallback={t('users.neverLoggedIn')} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              {canManage && (
                <StatusActionsMenu
                  label={t('users.actionsFor', { name: u.displayName })}
                  active={u.status === 'active'}
                  deactivateDisabled={u.id === me.id}
                  onEdit={() => setDrawer({ mode: 'edit', id: u.id })}
                  onToggle={() => setToggling(u)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>

      <UserDrawer state={drawer} onClose={() => setDrawer(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={toggling?.status === 'active' ? t('users.deactivateTitle') : t('users.activateTitle')}
        message={
          toggling?.status === 'active'
            ? t('users.deactivateText', { name: toggling?.displayName })
            : t('users.activateText', { name: toggling?.displayName })
        }
        confirmLabel={toggling?.status === 'active' ? t('common.deactivate') : t('common.activate')}
        color={toggling?.status === 'active' ? 'red' : 'teal'}
        loading={setUserStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
