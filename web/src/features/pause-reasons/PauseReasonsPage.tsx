import { useState } from 'react';
import type { TFunction } from 'i18next';
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockPause, IconInfoCircle, IconPlus } from '@tabler/icons-react';
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
import { notifyConfigError } from '../service-groups/configErrors';
import { PauseReasonModal, type PauseReasonModalState } from './PauseReasonModal';
import { usePauseReasonsList, useSetPauseReasonStatus, type PauseReason } from './pauseReasonsApi';
import type { StatusFilterValue } from '../../lib/cursorList';

/** "1 h 30 min" reads better than "90 min" for long pauses. */
function duration(minutes: number, t: TFunction) {
  if (minutes < 60) return t('pauseReasons.duration.minutes', { m: minutes });
  if (minutes % 60 === 0) return t('pauseReasons.duration.hours', { h: minutes / 60 });
  return t('pauseReasons.duration.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function PauseReasonsPage() {
  const { t } = useTranslation();
  const canManage = useCan()('pauseReasons.manage');
  const { workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState<StatusFilterValue>('active');
  const [modal, setModal] = useState<PauseReasonModalState>(null);
  const [toggling, setToggling] = useState<PauseReason | null>(null);
  const list = usePauseReasonsList({ q, status });
  const setReasonStatus = useSetPauseReasonStatus();
  const reasons = listItems(list);
  const filtered = Boolean(q.trim() || status !== 'active');
  const deactivating = toggling?.status === 'active';

  const confirmToggle = () => {
    if (!toggling) return;
    setReasonStatus.mutate(
      { id: toggling.id, active: !deactivating },
      {
        onSuccess: () => {
          notifySuccess(deactivating ? t('pauseReasons.deactivated', { name: toggling.name }) : t('pauseReasons.activated', { name: toggling.name }));
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
    <Button leftSection={<IconPlus size={18} />} onClick={() => setModal({ mode: 'create' })} data-testid="new-pause-reason">
      {t('pauseReasons.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-pause-reasons">
      <PageHeader title={t('pauseReasons.title')} description={t('pauseReasons.subtitle')} actions={createButton} />
      <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} mb="md">
        {t('pauseReasons.defaultNote')}
      </Alert>
      <FilterBar>
        <SearchFilter label={t('config.search')} placeholder={t('pauseReasons.searchPlaceholder')} value={search} onChange={setSearch} />
        <StatusFilter id="pause-reasons-status-filter" label={t('config.status')} value={status} onChange={setStatus} />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={640}
        skeletonRows={3}
        highlightOnHover={canManage}
        columns={[
          { label: t('pauseReasons.columns.name') },
          { label: t('pauseReasons.columns.duration') },
          { label: t('pauseReasons.columns.status') },
          { label: t('pauseReasons.columns.updated') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconClockPause}
        loadFailedTitle={t('pauseReasons.loadFailed')}
        empty={{
          title: filtered ? t('pauseReasons.emptyFilteredTitle') : t('pauseReasons.emptyTitle'),
          description: filtered ? t('config.emptyFilteredText') : t('pauseReasons.emptyText'),
          action: !filtered ? createButton : undefined,
        }}
      >
        {reasons.map((r) => (
          <Table.Tr
            key={r.id}
            data-testid="pause-reason-row"
            style={{ cursor: canManage ? 'pointer' : undefined }}
            onClick={canManage ? () => setModal({ mode: 'edit', reason: r }) : undefined}
          >
            <Table.Td>
              <Text size="sm" fw={600}>
                {r.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <IconClockPause size={15} color="var(--mantine-color-gray-6)" />
                <Text size="sm">{duration(r.minutes, t)}</Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={r.updatedAt} timeZone={workspace.timeZone} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              {canManage && (
                <StatusActionsMenu
                  label={t('config.actionsFor', { name: r.name })}
                  active={r.status === 'active'}
                  onEdit={() => setModal({ mode: 'edit', reason: r })}
                  onToggle={() => setToggling(r)}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <PauseReasonModal state={modal} onClose={() => setModal(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('pauseReasons.deactivateTitle') : t('pauseReasons.activateTitle')}
        message={deactivating ? t('pauseReasons.deactivateText', { name: toggling?.name }) : t('pauseReasons.activateText', { name: toggling?.name })}
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={setReasonStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
