import { Badge, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../serving/time';
import { waitColor } from '../serving/ConversationListItem';
import type { GroupOverview } from './supervisionApi';

/** The longest wait as of now: the server's figure plus the time since it was computed. */
export function liveWait(seconds: number, queued: number, generatedAt: string, now: number): number {
  if (queued === 0) return 0;
  return seconds + Math.max(0, Math.floor((now - new Date(generatedAt).getTime()) / 1000));
}

function Stat(props: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0} align="center">
      <Text size="lg" fw={700} c={props.value ? props.color : 'gray.5'} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.value}
      </Text>
      <Text size="xs" c="dimmed" ta="center" lh={1.2}>
        {props.label}
      </Text>
    </Stack>
  );
}

/** One card per service group: who waits, for how long, how many are served, by how many agents. */
export function GroupCards({ groups, generatedAt, now }: { groups: GroupOverview[]; generatedAt: string; now: number }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {groups.map((g) => {
        const wait = liveWait(g.longestWaitSeconds, g.queued, generatedAt, now);
        const color = g.queued === 0 ? 'gray' : waitColor(wait) === 'gray' ? 'brand' : waitColor(wait);
        const noAgents = g.queued > 0 && g.agentsOnline === 0;
        return (
          <Paper
            key={g.id}
            withBorder
            p="md"
            data-testid="supervision-group-card"
            data-group-id={g.id}
            data-queued={g.queued}
            style={{
              borderColor: g.queued > 0 ? `var(--mantine-color-${color === 'brand' ? 'orange' : color}-4)` : undefined,
              borderLeftWidth: 4,
              borderLeftColor: g.queued > 0 ? `var(--mantine-color-${color === 'brand' ? 'orange' : color}-6)` : 'var(--mantine-color-teal-5)',
            }}
          >
            <Group justify="space-between" wrap="nowrap" mb="sm">
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <ThemeIcon variant="light" color="brand" radius="md">
                  <IconUsersGroup size={16} />
                </ThemeIcon>
                <Text fw={700} truncate>
                  {g.name}
                </Text>
              </Group>
              {noAgents ? (
                <Badge color="red" variant="filled" size="sm">
                  {t('liveSupervision.noAgents')}
                </Badge>
              ) : g.queued === 0 ? (
                <Badge color="teal" variant="light" size="sm">
                  {t('liveSupervision.queueClear')}
                </Badge>
              ) : null}
            </Group>
            <Group align="flex-end" justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('liveSupervision.waiting')}
                </Text>
                <Text fz={34} fw={800} lh={1.1} c={g.queued > 0 ? 'orange.8' : 'gray.5'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {g.queued}
                </Text>
              </Stack>
              <Stack gap={0} align="flex-end">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('liveSupervision.longestWait')}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <IconClockHour4 size={16} color={`var(--mantine-color-${g.queued ? (waitColor(wait) === 'gray' ? 'gray-6' : `${waitColor(wait)}-7`) : 'gray-4'})`} />
                  <Text fz={22} fw={700} c={g.queued ? (waitColor(wait) === 'gray' ? 'gray.8' : `${waitColor(wait)}.7`) : 'gray.5'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {g.queued ? formatDuration(wait) : '—'}
                  </Text>
                </Group>
              </Stack>
            </Group>
            <SimpleGrid cols={3} spacing="xs" mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Stat label={t('liveSupervision.active')} value={g.active} color="teal.8" />
              <Stat label={t('liveSupervision.online')} value={g.agentsOnline} color="teal.8" />
              <Stat label={t('liveSupervision.paused')} value={g.agentsPaused} color="orange.8" />
            </SimpleGrid>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
