import { useState } from 'react';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockHour8, IconPlus } from '@tabler/icons-react';
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
import { BusinessHoursDrawer, type BusinessHoursDrawerState } from './BusinessHoursDrawer';
import { timeZoneLabel, weekSummary } from './businessHoursFormValues';
import { useBusinessHoursList, useSetBusinessHoursStatus, type BusinessHours } from './businessHoursApi';

export function BusinessHoursPage() {
  const { t } = useTranslation();
  const canManage = useCan()('businessHours.manage');
  const { workspace } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState<StatusFilterValue>('active');
  const [drawer, setDrawer] = useState<BusinessHoursDrawerState>(null);
  const [toggling, setToggling] = useState<BusinessHours | null>(null);
  const list = useBusinessHoursList({ q, status });
  const setScheduleStatus = useSetBusinessHoursStatus();
  const schedules = listItems(list);
  const filtered = Boolean(q.trim() || status !== 'active');
  const deactivating = toggling?.status === 'active';

  const confirmToggle = () => {
    if (!toggling) return;
    setScheduleStatus.mutate(
      { id: toggling.id, active: !deactivating },
      {
        onSuccess: () => {
          notifySuccess(deactivating ? t('businessHours.deactivated', { name: toggling.name }) : t('businessHours.activated', { name: toggling.name }));
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
    <Button leftSection={<IconPlus size={18} />} onClick={() => setDrawer({ mode: 'create' })} data-testid="new-business-hours">
      {t('businessHours.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-business-hours">
      <PageHeader title={t('businessHours.title')} description={t('businessHours.subtitle')} actions={createButton} />
      <FilterBar>
        <SearchFilter label={t('config.search')} placeholder={t('businessHours.searchPlaceholder')} value={search} onChange={setSearch} />
        <StatusFilter id="business-hours-status-filter" label={t('config.status')} value={status} onChange={setStatus} />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={960}
        skeletonRows={3}
        highlightOnHover={canManage}
        columns={[
          { label: t('businessHours.columns.name') },
          { label: t('businessHours.columns.week') },
          { label: t('businessHours.columns.holidays') },
          { label: t('businessHours.columns.now') },
          { label: t('businessHours.columns.status') },
          { label: t('businessHours.columns.updated') },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconClockHour8}
        loadFailedTitle={t('businessHours.loadFailed')}
        empty={{
          title: filtered ? t('businessHours.emptyFilteredTitle') : t('businessHours.emptyTitle'),
          description: filtered ? t('config.emptyFilteredText') : t('businessHours.emptyText'),
          action: !filtered ? createButton : undefined,
        }}
      >
        {schedules.map((b) => {
          const week = weekSummary(b.weekly, t);
          return (
            <Table.Tr
              key={b.id}
              data-testid="business-hours-row"
              style={{ cursor: canManage ? 'pointer' : undefined }}
              onClick={canManage ? () => setDrawer({ mode: 'edit', id: b.id }) : undefined}
            >
              <Table.Td>
                <Text size="sm" fw={600}>
                  {b.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {timeZoneLabel(b.timeZone)}
                </Text>
              </Table.Td>
              <Table.Td>
                {week.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('businessHours.alwaysClosed')}
                  </Text>
                )}
                {week.map((line) => (
                  <Text key={line} size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {line}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={b.holidays.length ? undefined : 'dimmed'}>
                  {t('businessHours.holidayCount', { count: b.holidays.length })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={b.openNow ? 'teal' : 'gray'} variant="light" tt="none" fw={600}>
                  {b.openNow ? t('businessHours.openNow') : t('businessHours.closedNow')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={b.status} />
              </Table.Td>
              <Table.Td>
                <RelativeTime value={b.updatedAt} timeZone={workspace.timeZone} />
              </Table.Td>
              <Table.Td onClick={(e) => e.stopPropagation()}>
                {canManage && (
                  <StatusActionsMenu
                    label={t('config.actionsFor', { name: b.name })}
                    active={b.status === 'active'}
                    onEdit={() => setDrawer({ mode: 'edit', id: b.id })}
                    onToggle={() => setToggling(b)}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
      <BusinessHoursDrawer state={drawer} onClose={() => setDrawer(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('businessHours.deactivateTitle') : t('businessHours.activateTitle')}
        message={deactivating ? t('businessHours.deactivateText', { name: toggling?.name }) : t('businessHours.activateText', { name: toggling?.name })}
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={setScheduleStatus.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
