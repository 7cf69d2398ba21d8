import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsExchange, IconPlus, IconRoute, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { notifySuccess } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FilterBar, SearchFilter, StatusFilter } from '../../ui/ListFilters';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusActionsMenu } from '../../ui/StatusActionsMenu';
import { useOperationOptions } from '../operations/operationsApi';
import { useClassificationTree } from '../classifications/classificationsApi';
import { notifyConfigError } from './configErrors';
import { ServiceGroupDrawer, type ServiceGroupDrawerState } from './ServiceGroupDrawer';
import { useServiceGroupsList, useSetServiceGroupStatus, type ServiceGroup, type ServiceGroupFilters } from './serviceGroupsApi';

export function ServiceGroupsPage() {
  const { t } = useTranslation();
  const canManage = useCan()('serviceGroups.manage');
  const { workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState<ServiceGroupFilters['status']>('active');
  const [drawer, setDrawer] = useState<ServiceGroupDrawerState>(null);
  const [toggling, setToggling] = useState<ServiceGroup | null>(null);
  const list = useServiceGroupsList({ q, status });
  const setGroupStatus = useSetServiceGroupStatus();
  const operations = useOperationOptions();
  const tree = useClassificationTree();
  const groups = listItems(list);
  const filtered = Boolean(q.trim() || status !== 'active');
  const deactivating = toggling?.status === 'active';
  const operationName = (id: string | null) => operations.data?.items.find((o) => o.id === id)?.name;
  const classificationName = (id: string | null) => tree.data?.items.find((c) => c.id === id)?.name;

  const confirmToggle = () => {
    if (!toggling) return;
    setGroupStatus.mutate(
      { id: toggling.id, active: !deactivating },
      {
        onSuccess: () => {
          notifySuccess(deactivating ? t('serviceGroups.deactivated', { name: toggling.name }) : t('serviceGroups.activated', { name: toggling.name }));
          setToggling(null);
        },
        onError: (err) => {
          notifyConfigError(err, t);
          setToggling(null);
        },
      },
    );
  };

  const createButton = canManage && (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setDrawer({ mode: 'create' })} data-testid="new-service-group">
      {t('serviceGroups.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-service-groups">
      <PageHeader title={t('serviceGroups.title')} description={t('serviceGroups.subtitle')} actions={createButton} />
      <FilterBar>
        <SearchFilter label={t('config.search')} placeholder={t('serviceGroups.searchPlaceholder')} value={search} onChange={setSearch} />
        <StatusFilter id="service-groups-status-filter" label={t('config.status')} value={status} onChange={setStatus} />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={900}
        skeletonRows={4}
        highlightOnHover={canManage}
        columns={[
          { label: t('serviceGroups.columns.name') },
          { label: t('serviceGroups.columns.strategy') },
          { label: t('serviceGroups.columns.members') },
          { label: t('serviceGroups.columns.classification') },
          { label: t('serviceGroups.columns.status') },
          { label: t('serviceGroups.columns.updated') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconUsersGroup}
        loadFailedTitle={t('serviceGroups.loadFailed')}
        empty={{
          title: filtered ? t('serviceGroups.emptyFilteredTitle') : t('serviceGroups.emptyTitle'),
          description: filtered ? t('config.emptyFilteredText') : t('serviceGroups.emptyText'),
          action: !filtered ? createButton : undefined,
        }}
      >
        {groups.map((g) => (
          <Table.Tr
            key={g.id}
            data-testid="service-group-row"
            style={{ cursor: canManage ? 'pointer' : undefined }}
            onClick={canManage ? () => setDrawer({ mode: 'edit', id: g.id }) : undefined}
          >
            <Table.Td>
              <Text size="sm" fw={600}>
                {g.name}
              </Text>
              <Text size="xs" c="dimmed">
                {operationName(g.operationId) ?? t('serviceGroups.noOperation')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Tooltip label={t(`serviceGroups.strategies.${g.strategy}.hint`)} multiline w={300}>
                <Group gap={6} wrap="nowrap">
                  <IconRoute size={15} color="var(--mantine-color-indigo-6)" style={{ flexShrink: 0 }} />
                  <Text size="sm">{t(`serviceGroups.strategies.${g.strategy}.label`)}</Text>
                </Group>
              </Tooltip>
            </Table.Td>
            <Table.Td>
              <Group gap="md" wrap="nowrap">
                <Group gap={4} wrap="nowrap">
                  <IconUsers size={15} color="var(--mantine-color-gray-6)" />
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('serviceGroups.memberCount', { count: g.agentIds.length })}
                  </Text>
                </Group>
                {g.transferGroupIds.length > 0 && (
                  <Tooltip label={t('serviceGroups.transferCount', { count: g.transferGroupIds.length })}>
                    <Group gap={4} wrap="nowrap">
                      <IconArrowsExchange size={15} color="var(--mantine-color-gray-6)" />
                      <Text size="sm" c="dimmed">
                        {g.transferGroupIds.length}
                      </Text>
                    </Group>
                  </Tooltip>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              {g.classificationId ? (
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{classificationName(g.classificationId) ?? '—'}</Text>
                  {g.classificationRequired && (
                    <Badge size="xs" color="orange" variant="light" tt="none" style={{ flexShrink: 0 }}>
                      {t('serviceGroups.required')}
                    </Badge>
                  )}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <StatusBadge status={g.status} />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={g.updatedAt} timeZone={workspace.timeZone} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              {canManage && (
                <StatusActionsMenu
                  label={t('config.actionsFor', { name: g.name })}
                  active={g.status === 'active'}
                  onEdit={() => setDrawer({ mode: 'edit', id: g.id })}
                  onToggle={() => setToggling(g)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <ServiceGroupDrawer state={drawer} onClose={() => setDrawer(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('serviceGroups.deactivateTitle') : t('serviceGroups.activateTitle')}
        message={deactivating ? t('serviceGroups.deactivateText', { name: toggling?.name }) : t('serviceGroups.activateText', { name: toggling?.name })}
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={setGroupStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
