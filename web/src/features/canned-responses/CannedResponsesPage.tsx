import { useState } from 'react';
import { Badge, Button, Code, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessageBolt, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { listItems, type StatusFilterValue } from '../../lib/cursorList';
import { notifySuccess } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FilterBar, SearchFilter, StatusFilter } from '../../ui/ListFilters';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { RelativeTime } from '../../ui/RelativeTime';
import { StatusActionsMenu } from '../../ui/StatusActionsMenu';
import { notifyConfigError } from '../service-groups/configErrors';
import { useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import { CannedResponseModal, type CannedResponseModalState } from './CannedResponseModal';
import { useCannedResponsesList, useSetCannedResponseStatus, type CannedResponse } from './cannedResponsesApi';

export function CannedResponsesPage() {
  const { t } = useTranslation();
  const canManage = useCan()('cannedResponses.manage');
  const { workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [serviceGroupId, setServiceGroupId] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilterValue>('active');
  const [modal, setModal] = useState<CannedResponseModalState>(null);
  const [toggling, setToggling] = useState<CannedResponse | null>(null);
  const list = useCannedResponsesList({ q, serviceGroupId, status });
  const groups = useServiceGroupOptions();
  const setResponseStatus = useSetCannedResponseStatus();
  const responses = listItems(list);
  const filtered = Boolean(q.trim() || serviceGroupId || status !== 'active');
  const deactivating = toggling?.status === 'active';

  const confirmToggle = () => {
    if (!toggling) return;
    setResponseStatus.mutate(
      { id: toggling.id, active: !deactivating },
      {
        onSuccess: () => {
          notifySuccess(
            deactivating ? t('cannedResponses.deactivated', { shortcut: toggling.shortcut }) : t('cannedResponses.activated', { shortcut: toggling.shortcut }),
          );
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
    <Button leftSection={<IconPlus size={18} />} onClick={() => setModal({ mode: 'create' })} data-testid="new-canned-response">
      {t('cannedResponses.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-canned-responses">
      <PageHeader title={t('cannedResponses.title')} description={t('cannedResponses.subtitle')} actions={createButton} />
      <FilterBar>
        <SearchFilter label={t('config.search')} placeholder={t('cannedResponses.searchPlaceholder')} value={search} onChange={setSearch} />
        <Select
          label={t('cannedResponses.filters.group')}
          placeholder={t('cannedResponses.filters.anyGroup')}
          data={(groups.data?.items ?? []).filter((g) => g.status === 'active').map((g) => ({ value: g.id, label: g.name }))}
          value={serviceGroupId}
          onChange={setServiceGroupId}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          w={240}
        />
        <StatusFilter id="canned-status-filter" label={t('config.status')} value={status} onChange={setStatus} feminine />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={880}
        skeletonRows={4}
        highlightOnHover={canManage}
        columns={[
          { label: t('cannedResponses.columns.shortcut'), w: 150 },
          { label: t('cannedResponses.columns.response') },
          { label: t('cannedResponses.columns.group') },
          { label: t('cannedResponses.columns.status') },
          { label: t('cannedResponses.columns.updated') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconMessageBolt}
        loadFailedTitle={t('cannedResponses.loadFailed')}
        empty={{
          title: filtered ? t('cannedResponses.emptyFilteredTitle') : t('cannedResponses.emptyTitle'),
          description: filtered ? t('config.emptyFilteredText') : t('cannedResponses.emptyText'),
          action: !filtered ? createButton : undefined,
        }}
      >
        {responses.map((r) => (
          <Table.Tr
            key={r.id}
            data-testid="canned-response-row"
            style={{ cursor: canManage ? 'pointer' : undefined }}
            onClick={canManage ? () => setModal({ mode: 'edit', response: r }) : undefined}
          >
            <Table.Td>
              <Code fz="sm" fw={600} c="brand.8" bg="brand.0">
                {r.shortcut}
              </Code>
            </Table.Td>
            <Table.Td maw={460}>
              <Text size="sm" fw={600}>
                {r.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {r.text}
              </Text>
            </Table.Td>
            <Table.Td>
              {r.serviceGroupId ? (
                <Badge variant="light" color="indigo" tt="none" fw={600}>
                  {r.serviceGroupName ?? '—'}
                </Badge>
              ) : (
                <Badge variant="light" color="gray" tt="none" fw={600}>
                  {t('cannedResponses.allGroups')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} feminine />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={r.updatedAt} timeZone={workspace.timeZone} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              {canManage && (
                <StatusActionsMenu
                  label={t('config.actionsFor', { name: r.shortcut })}
                  active={r.status === 'active'}
                  onEdit={() => setModal({ mode: 'edit', response: r })}
                  onToggle={() => setToggling(r)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <CannedResponseModal state={modal} onClose={() => setModal(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('cannedResponses.deactivateTitle') : t('cannedResponses.activateTitle')}
        message={
          deactivating
            ? t('cannedResponses.deactivateText', { shortcut: toggling?.shortcut })
            : t('cannedResponses.activateText', { shortcut: toggling?.shortcut })
        }
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={setResponseStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
