import { Avatar, Badge, Group, Paper, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { formatDateTime, formatRelative, initials } from '../../lib/format';
import { StatusDot } from '../serving/AgentStatusControl';
import { colorFor } from '../serving/ContactAvatar';
import { formatDuration } from '../serving/time';
import type { AgentStatus } from '../serving/types';
import type { AgentOverview, GroupOverview } from './supervisionApi';

export function agentOverviewStatus(a: AgentOverview, now: number): AgentStatus {
  if (a.pausedUntil && new Date(a.pausedUntil).getTime() > now) return 'paused';
  return a.presence === 'online' ? 'online' : 'offline';
}

const ORDER: Record<AgentStatus, number> = { online: 0, paused: 1, offline: 2 };

function StateBadge({ agent, status, now }: { agent: AgentOverview; status: AgentStatus; now: number }) {
  const { t } = useTranslation();
  const color = status === 'online' ? 'teal' : status === 'paused' ? 'orange' : 'gray';
  const until = agent.pausedUntil ? new Date(agent.pausedUntil) : null;
  return (
    <Stack gap={2}>
      <Badge color={color} variant="light" leftSection={<StatusDot status={status} size={7} />} tt="none" size="md" fw={600}>
        {t(`inbox.status.${status}`)}
      </Badge>
      {status === 'paused' && until && (
        <Text size="xs" c="orange.8" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {agent.pauseReasonName ? `${agent.pauseReasonName} · ` : ''}
          {t('liveSupervision.until', {
            time: new Intl.DateTimeFormat(currentLanguage(), { timeStyle: 'short' }).format(until),
            left: formatDuration(Math.max(0, (until.getTime() - now) / 1000)),
          })}
        </Text>
      )}
    </Stack>
  );
}

/** Every agent's state and load, the ones serving first (REPORT-1). */
export function AgentsTable({ agents, groups, now, timeZone }: { agents: AgentOverview[]; groups: GroupOverview[]; now: number; timeZone: string }) {
  const { t } = useTranslation();
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const rows = agents
    .map((a) => ({ agent: a, status: agentOverviewStatus(a, now) }))
    .sort(
      (x, y) =>
        ORDER[x.status] - ORDER[y.status] ||
        y.agent.activeCount / Math.max(1, y.agent.maxConversations) - x.agent.activeCount / Math.max(1, x.agent.maxConversations) ||
        x.agent.displayName.localeCompare(y.agent.displayName),
    );
  return (
    <Paper withBorder style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={760}>
        <Table className="atende-table" verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('liveSupervision.columns.agent')}</Table.Th>
              <Table.Th w={210}>{t('liveSupervision.columns.state')}</Table.Th>
              <Table.Th w={230}>{t('liveSupervision.columns.load')}</Table.Th>
              <Table.Th>{t('liveSupervision.columns.groups')}</Table.Th>
              <Table.Th w={170}>{t('liveSupervision.columns.lastAssignment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ agent: a, status }) => {
              const load = a.maxConversations > 0 ? Math.min(100, (a.activeCount / a.maxConversations) * 100) : 0;
              const full = a.maxConversations > 0 && a.activeCount >= a.maxConversations;
              const names = a.serviceGroupIds.map((id) => groupName.get(id)).filter((n): n is string => !!n);
              return (
                <Table.Tr key={a.id} data-testid="supervision-agent-row" data-agent-id={a.id} data-status={status} style={{ opacity: status === 'offline' ? 0.7 : 1 }}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar radius="xl" size={32} color={colorFor(a.id)}>
                        {initials(a.displayName)}
                      </Avatar>
                      <Text size="sm" fw={600}>
                        {a.displayName}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge agent={a} status={status} now={now} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={8} wrap="nowrap">
                      <Progress value={load} size="md" radius="xl" w={90} color={full ? 'red' : load >= 70 ? 'orange' : 'teal'} aria-hidden />
                      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="agent-load">
                        {a.activeCount}/{a.maxConversations}
                      </Text>
                      {full && status !== 'offline' && (
                        <Badge size="xs" color="red" variant="light">
                          {t('liveSupervision.full')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {names.slice(0, 3).map((n) => (
                        <Badge key={n} variant="default" tt="none" fw={500} size="sm">
                          {n}
                        </Badge>
                      ))}
                      {names.length > 3 && (
                        <Tooltip label={names.slice(3).join(', ')}>
                          <Badge variant="light" color="gray" size="sm">
                            +{names.length - 3}
                          </Badge>
                        </Tooltip>
                      )}
                      {names.length === 0 && (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {a.lastQueueAssignmentAt ? (
                      <Tooltip label={formatDateTime(a.lastQueueAssignmentAt, timeZone)}>
                        <Text size="sm">{formatRelative(a.lastQueueAssignmentAt)}</Text>
                      </Tooltip>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('liveSupervision.never')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
