import { useState } from 'react';
import { Button, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSitemap } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { notifyError, notifySuccess } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FilterBar, SearchFilter, StatusFilter } from '../../ui/ListFilters';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusActionsMenu } from '../../ui/StatusActionsMenu';
import { OperationModal, type OperationModalState } from './OperationModal';
import { useOperationsList, useSetOperationStatus, type Operation, type OperationFilters } from './operationsApi';

export function OperationsPage() {
  const { t } = useTranslation();
  const canManage = useCan()('operations.manage');
  const { workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState<OperationFilters['status']>('active');
  const [modal, setModal] = useState<OperationModalState>(null);
  const [toggling, setToggling] = useState<Operation | null>(null);
  const list = useOperationsList({ q, status });
  const setOperationStatus = useSetOperationStatus();
  const operations = listItems(list);
  const filtered = Boolean(q.trim() || status !== 'active');
  const deactivating = toggling?.status === 'active';

  const confirmToggle = () => {
    if (!toggling) return;
    setOperationStatus.mutate(
      { id: toggling.id, active: !deactivating },
      {
        onSuccess: () => {
          notifySuccess(deactivating ? t('operations.deactivated', { name: toggling.name }) : t('operations.activated', { name: toggling.name }));
          setToggling(null);
        },
        onError: (err) => notifyError(err, t),
      },
    );
  };

  const createButton = canManage && (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setModal({ mode: 'create' })} data-testid="new-operation">
      {t('operations.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-operations">
      <PageHeader title={t('operations.title')} description={t('operations.subtitle')} actions={createButton} />
      <FilterBar>
        <SearchFilter
          label={t('operations.filters.search')}
          placeholder={t('operations.filters.searchPlaceholder')}
          value={search}
          onChange={setSearch}
        />
        <StatusFilter id="operations-status-filter" label={t('users.filters.status')} value={status} onChange={setStatus} feminine />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={720}
        skeletonRows={4}
        highlightOnHover={canManage}
        columns={[
          { label: t('operations.columns.name') },
          { label: t('operations.columns.description') },
          { label: t('operations.columns.status') },
          { label: t('operations.columns.updated') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconSitemap}
        loadFailedTitle={t('operations.loadFailed')}
        empty={{
          title: filtered ? t('operations.emptyFilteredTitle') : t('operations.emptyTitle'),
          description: filtered ? t('operations.emptyFilteredText') : t('operations.emptyText'),
          action: !filtered ? createButton : undefined,
        }}
      >
        {operations.map((op) => (
          <Table.Tr
            key={op.id}
            data-testid="operation-row"
            style={{ cursor: canManage ? 'pointer' : undefined }}
            onClick={canManage ? () => setModal({ mode: 'edit', operation: op }) : undefined}
          >
            <Table.Td>
              <Text size="sm" fw={600}>
                {op.name}
              </Text>
            </Table.Td>
            <Table.Td maw={420}>
              <Text size="sm" c={op.description ? undefined : 'dimmed'} lineClamp={2}>
                {op.description || '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={op.status} feminine />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={op.updatedAt} timeZone={workspace.timeZone} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              {canManage && (
                <StatusActionsMenu
                  label={t('operations.actionsFor', { name: op.name })}
                  active={op.status === 'active'}
                  onEdit={() => setModal({ mode: 'edit', operation: op })}
                  onToggle={() => setToggling(op)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <OperationModal state={modal} onClose={() => setModal(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('operations.deactivateTitle') : t('operations.activateTitle')}
        message={deactivating ? t('operations.deactivateText', { name: toggling?.name }) : t('operations.activateText', { name: toggling?.name })}
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={setOperationStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
