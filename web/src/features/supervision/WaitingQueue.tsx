import { Badge, Group, Paper, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4, IconMoodCheck, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ChannelIcon } from '../serving/ChannelIcon';
import { contactLabel } from '../serving/ContactAvatar';
import { waitColor } from '../serving/ConversationListItem';
import { formatDuration, secondsSince } from '../serving/time';
import type { Conversation } from '../serving/types';
import { liveWait } from './GroupCards';
import type { GroupOverview } from './supervisionApi';

interface Row {
  key: string;
  title: string;
  subtitle: string;
  seconds: number;
  /** When it started waiting (ms): whole seconds tie too often to order by. */
  since: number;
  channelType?: Conversation['channelType'];
  channelName?: string;
  priority?: number;
  protocol?: string;
}

/**
 * The customers waiting right now, longest first: what a supervisor acts on. Without the
 * conversation list (a supervisor who does not serve may not read it) each waiting group
 * stands in for its customers.
 */
export function WaitingQueue(props: { items: Conversation[] | null; hasMore: boolean; groups: GroupOverview[]; generatedAt: string; now: number }) {
  const { t } = useTranslation();
  const { now } = props;
  const rows: Row[] = props.items
    ? props.items.map((c) => ({
        key: c.id,
        title: contactLabel(c.contact),
        subtitle: `${c.serviceGroupName} · ${c.protocol}`,
        seconds: secondsSince(c.queuedAt ?? c.createdAt, now),
        since: Date.parse(c.queuedAt ?? c.createdAt),
        channelType: c.channelType,
        channelName: c.channelName,
        priority: c.priority,
        protocol: c.protocol,
      }))
    : props.groups
        .filter((g) => g.queued > 0)
        .map((g) => ({
          key: g.id,
          title: g.name,
          subtitle: t('liveSupervision.groupWaiting', { count: g.queued }),
          seconds: liveWait(g.longestWaitSeconds, g.queued, props.generatedAt, now),
          since: now - liveWait(g.longestWaitSeconds, g.queued, props.generatedAt, now) * 1000,
        }));
  // The routing order: contact priority first, then longest waiting.
  const sorted = rows.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.since - b.since);
  const count = props.items ? sorted.length : props.groups.reduce((n, g) => n + g.queued, 0);
  if (sorted.length === 0) {
    return (
      <Paper withBorder p="md" data-testid="supervision-waiting" data-count={0}>
        <Group gap="sm">
          <ThemeIcon color="teal" variant="light" radius="xl" size={36}>
            <IconMoodCheck size={20} />
          </ThemeIcon>
          <div>
            <Text fw={700}>{t('liveSupervision.nobodyWaiting')}</Text>
            <Text size="sm" c="dimmed">
              {t('liveSupervision.nobodyWaitingText')}
            </Text>
          </div>
        </Group>
      </Paper>
    );
  }
  return (
    <Paper withBorder style={{ overflow: 'hidden', borderColor: 'var(--mantine-color-orange-3)' }} data-testid="supervision-waiting" data-count={count}>
      <Group justify="space-between" px="md" py="sm" bg="orange.0" style={{ borderBottom: '1px solid var(--mantine-color-orange-2)' }}>
        <Group gap={8}>
          <IconClockHour4 size={18} color="var(--mantine-color-orange-7)" />
          <Text fw={700} c="orange.9">
            {t('liveSupervision.waitingNow', { count })}
            {props.hasMore ? '+' : ''}
          </Text>
        </Group>
        <Text size="xs" c="orange.9">
          {t('liveSupervision.waitingHint')}
        </Text>
      </Group>
      <ScrollArea.Autosize mah={280}>
        <Stack gap={0}>
          {sorted.map((row) => {
            const color = waitColor(row.seconds);
            return (
              <Group key={row.key} px="md" py={8} justify="space-between" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }} data-testid="waiting-item" data-protocol={row.protocol}>
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  {row.channelType ? (
                    <ChannelIcon type={row.channelType} name={row.channelName} />
                  ) : (
                    <ThemeIcon variant="light" color="orange" radius="xl" size={22}>
                      <IconUsersGroup size={13} />
                    </ThemeIcon>
                  )}
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate>
                      {row.title}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {row.subtitle}
                    </Text>
                  </div>
                  {!!row.priority && (
                    <Badge size="xs" color="grape" variant="light">
                      {t('liveSupervision.priority', { value: row.priority })}
                    </Badge>
                  )}
                </Group>
                <Badge
                  size="lg"
                  variant={color === 'gray' ? 'light' : 'filled'}
                  color={color === 'gray' ? 'gray' : color}
                  leftSection={<IconClockHour4 size={13} />}
                  tt="none"
                  style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}
                >
                  {formatDuration(row.seconds)}
                </Badge>
              </Group>
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
