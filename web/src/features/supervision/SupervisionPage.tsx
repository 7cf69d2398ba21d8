import { ActionIcon, Box, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconChartHistogram, IconClockHour4, IconHeadset, IconMessages, IconRefresh, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { errorMessage } from '../../lib/errors';
import { useRealtimeStatus } from '../../lib/realtime';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';
import { formatDuration, secondsSince, useNow } from '../serving/time';
import { waitColor } from '../serving/ConversationListItem';
import { AgentsTable, agentOverviewStatus } from './AgentsTable';
import { GroupCards, liveWait } from './GroupCards';
import { useSupervisionLive } from './supervisionApi';
import { WaitingQueue } from './WaitingQueue';
import '../serving/inbox.css';

function Kpi(props: { label: string; value: ReactNode; hint?: ReactNode; icon: ReactNode; color: string; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={props.testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {props.label}
          </Text>
          <Text fz={30} fw={800} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {props.value}
          </Text>
          {props.hint && (
            <Text size="xs" c="dimmed">
              {props.hint}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" color={props.color} size={40} radius="md">
          {props.icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

/** "Ao vivo" while the realtime connection is up; otherwise when the numbers were taken. */
function LiveIndicator({ generatedAt, now, onRefresh, refreshing }: { generatedAt?: string; now: number; onRefresh: () => void; refreshing: boolean }) {
  const { t } = useTranslation();
  const realtime = useRealtimeStatus();
  const live = realtime === 'connected';
  return (
    <Group gap="sm">
      <Group gap={8} px="sm" py={4} bg={live ? 'teal.0' : 'yellow.0'} style={{ borderRadius: 999, border: `1px solid var(--mantine-color-${live ? 'teal-2' : 'yellow-3'})` }} data-testid="supervision-live" data-live={live}>
        {live ? <div className="inbox-waiting-pulse" style={{ background: 'var(--mantine-color-teal-5)', width: 8, height: 8 }} /> : null}
        <Text size="sm" fw={600} c={live ? 'teal.8' : 'yellow.9'}>
          {live ? t('liveSupervision.live') : t('liveSupervision.reconnecting')}
        </Text>
        {generatedAt && (
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {secondsSince(generatedAt, now) < 5 ? t('liveSupervision.updatedNow') : t('liveSupervision.updated', { time: formatDuration(secondsSince(generatedAt, now)) })}
          </Text>
        )}
      </Group>
      <Tooltip label={t('liveSupervision.refresh')}>
        <ActionIcon variant="default" size="lg" onClick={onRefresh} loading={refreshing} aria-label={t('liveSupervision.refresh')}>
          <IconRefresh size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** Live supervision (REPORT-1, first cut): queues per group, who waits, each agent's state and load. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const can = useCan();
  const { overview, waiting } = useSupervisionLive(can('serving.use'));
  const now = useNow();
  const data = overview.data;

  const refresh = () => {
    void overview.refetch();
    void waiting.refetch();
  };

  const header = (
    <PageHeader
      title={t('liveSupervision.title')}
      description={t('liveSupervision.subtitle')}
      actions={<LiveIndicator generatedAt={data?.generatedAt} now={now} onRefresh={refresh} refreshing={overview.isFetching} />}
    />
  );

  if (overview.isPending) {
    return (
      <Stack gap={0} data-testid="supervision-dashboard">
        {header}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" mb="lg">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={104} radius="lg" />
          ))}
        </SimpleGrid>
        <Skeleton h={260} radius="lg" />
      </Stack>
    );
  }

  if (!data) {
    return (
      <Stack gap={0} data-testid="supervision-dashboard">
        {header}
        <Paper withBorder>
          <EmptyState color="red" icon={<IconChartHistogram size={30} />} title={t('liveSupervision.loadFailed')} description={errorMessage(overview.error, t)} />
        </Paper>
      </Stack>
    );
  }

  const queued = data.groups.reduce((n, g) => n + g.queued, 0);
  const active = data.groups.reduce((n, g) => n + g.active, 0);
  const longest = Math.max(0, ...data.groups.map((g) => liveWait(g.longestWaitSeconds, g.queued, data.generatedAt, now)));
  const states = data.agents.map((a) => agentOverviewStatus(a, now));
  const online = states.filter((s) => s === 'online').length;
  const paused = states.filter((s) => s === 'paused').length;
  const capacity = data.agents.filter((_, i) => states[i] === 'online').reduce((n, a) => n + a.maxConversations, 0);
  const serving = data.agents.filter((_, i) => states[i] !== 'offline').reduce((n, a) => n + a.activeCount, 0);
  const waitTone = queued ? waitColor(longest) : 'gray';
  // A supervisor who does not serve may not list conversations: the groups stand in for them.
  const waitingItems = waiting.isError || !can('serving.use') ? null : (waiting.data?.items ?? []);

  return (
    <Stack gap="lg" data-testid="supervision-dashboard">
      <Box mb={-8}>{header}</Box>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Kpi
          testId="kpi-waiting"
          label={t('liveSupervision.kpi.waiting')}
          value={<Text span inherit c={queued ? 'orange.8' : undefined}>{queued}</Text>}
          hint={queued ? t('liveSupervision.kpi.waitingHint', { count: data.groups.filter((g) => g.queued > 0).length }) : t('liveSupervision.kpi.waitingNone')}
          icon={<IconMessages size={22} />}
          color="orange"
        />
        <Kpi
          testId="kpi-longest-wait"
          label={t('liveSupervision.kpi.longestWait')}
          value={<Text span inherit c={waitTone === 'gray' ? undefined : `${waitTone}.7`}>{queued ? formatDuration(longest) : '—'}</Text>}
          hint={t('liveSupervision.kpi.longestWaitHint')}
          icon={<IconClockHour4 size={22} />}
          color={waitTone === 'gray' ? 'brand' : waitTone}
        />
        <Kpi
          testId="kpi-active"
          label={t('liveSupervision.kpi.active')}
          value={active}
          hint={capacity ? t('liveSupervision.kpi.occupancy', { value: Math.round((serving / capacity) * 100) }) : t('liveSupervision.kpi.noCapacity')}
          icon={<IconHeadset size={22} />}
          color="teal"
        />
        <Kpi
          testId="kpi-agents"
          label={t('liveSupervision.kpi.agents')}
          value={
            <Group gap={6} align="baseline">
              <Text span inherit c="teal.7">{online}</Text>
              <Text span size="sm" c="dimmed" fw={500}>
                {t('liveSupervision.kpi.online')}
              </Text>
            </Group>
          }
          hint={t('liveSupervision.kpi.agentsHint', { paused, offline: data.agents.length - online - paused })}
          icon={<IconUsers size={22} />}
          color="indigo"
        />
      </SimpleGrid>

      <WaitingQueue items={waitingItems} hasMore={!!waiting.data?.nextCursor} groups={data.groups} generatedAt={data.generatedAt} now={now} />

      <div>
        <Title order={3} mb="sm">
          {t('liveSupervision.groupsTitle')}
        </Title>
        {data.groups.length === 0 ? (
          <Paper withBorder>
            <EmptyState compact icon={<IconChartHistogram size={24} />} title={t('liveSupervision.noGroups')} description={t('liveSupervision.noGroupsText')} />
          </Paper>
        ) : (
          <GroupCards groups={data.groups} generatedAt={data.generatedAt} now={now} />
        )}
      </div>

      <div>
        <Title order={3} mb="sm">
          {t('liveSupervision.agentsTitle')}
        </Title>
        {data.agents.length === 0 ? (
          <Paper withBorder>
            <EmptyState compact icon={<IconUsers size={24} />} title={t('liveSupervision.noAgentsTitle')} description={t('liveSupervision.noAgentsText')} />
          </Paper>
        ) : (
          <AgentsTable agents={data.agents} groups={data.groups} now={now} timeZone={workspace.timeZone} />
        )}
      </div>
    </Stack>
  );
}
