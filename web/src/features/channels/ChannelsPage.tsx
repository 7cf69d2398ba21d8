import { useState } from 'react';
import { Button, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKey, IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_TYPES, type ChannelType } from '@contracts/serving';
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
import { ChannelModal, type ChannelModalState } from './ChannelModal';
import { ChannelTypeIcon } from './ChannelTypeIcon';
import { useChannelsList, useSetChannelStatus, type Channel } from './channelsApi';

export function ChannelsPage() {
  const { t } = useTranslation();
  const canManage = useCan()('channels.manage');
  const { workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [type, setType] = useState<ChannelType | null>(null);
  const [status, setStatus] = useState<StatusFilterValue>('active');
  const [modal, setModal] = useState<ChannelModalState>(null);
  const [toggling, setToggling] = useState<Channel | null>(null);
  const list = useChannelsList({ q, type, status });
  const setChannelStatus = useSetChannelStatus();
  const channels = listItems(list);
  const filtered = Boolean(q.trim() || type || status !== 'active');
  const deactivating = toggling?.status === 'active';

  const confirmToggle = () => {
    if (!toggling) return;
    setChannelStatus.mutate(
      { id: toggling.id, active: !deactivating },
      {
        onSuccess: () => {
          notifySuccess(deactivating ? t('channels.deactivated', { name: toggling.name }) : t('channels.activated', { name: toggling.name }));
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
    <Button leftSection={<IconPlus size={18} />} onClick={() => setModal({ mode: 'create' })} data-testid="new-channel">
      {t('channels.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-channels">
      <PageHeader title={t('channels.title')} description={t('channels.subtitle')} actions={createButton} />
      <FilterBar>
        <SearchFilter label={t('config.search')} placeholder={t('channels.searchPlaceholder')} value={search} onChange={setSearch} />
        <Select
          label={t('channels.filters.type')}
          placeholder={t('channels.filters.anyType')}
          data={CHANNEL_TYPES.map((v) => ({ value: v, label: t(`channels.types.${v}`) }))}
          value={type}
          onChange={(v) => setType(v as ChannelType | null)}
          clearable
          w={200}
        />
        <StatusFilter id="channels-status-filter" label={t('config.status')} value={status} onChange={setStatus} />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={820}
        skeletonRows={3}
        highlightOnHover={canManage}
        columns={[
          { label: t('channels.columns.channel') },
          { label: t('channels.columns.group') },
          { label: t('channels.columns.status') },
          { label: t('channels.columns.updated') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconPlugConnected}
        loadFailedTitle={t('channels.loadFailed')}
        empty={{
          title: filtered ? t('channels.emptyFilteredTitle') : t('channels.emptyTitle'),
          description: filtered ? t('config.emptyFilteredText') : t('channels.emptyText'),
          action: !filtered ? createButton : undefined,
        }}
      >
        {channels.map((c) => (
          <Table.Tr
            key={c.id}
            data-testid="channel-row"
            style={{ cursor: canManage ? 'pointer' : undefined }}
            onClick={canManage ? () => setModal({ mode: 'edit', id: c.id }) : undefined}
          >
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                <ChannelTypeIcon type={c.type} />
                <div>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {c.name}
                    </Text>
                    {c.hasCredentials && (
                      <Tooltip label={t('channels.hasCredentials')}>
                        <IconKey size={14} color="var(--mantine-color-gray-6)" />
                      </Tooltip>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t(`channels.types.${c.type}`)}
                  </Text>
                </div>
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.serviceGroupName ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={c.status} />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={c.updatedAt} timeZone={workspace.timeZone} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              {canManage && (
                <StatusActionsMenu
                  label={t('config.actionsFor', { name: c.name })}
                  active={c.status === 'active'}
                  onEdit={() => setModal({ mode: 'edit', id: c.id })}
                  onToggle={() => setToggling(c)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <ChannelModal state={modal} onClose={() => setModal(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('channels.deactivateTitle') : t('channels.activateTitle')}
        message={deactivating ? t('channels.deactivateText', { name: toggling?.name }) : t('channels.activateText', { name: toggling?.name })}
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={setChannelStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
