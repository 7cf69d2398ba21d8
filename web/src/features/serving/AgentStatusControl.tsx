import { useEffect, useState } from 'react';
import { Box, Group, Loader, Menu, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCheck, IconCoffee, IconPlayerPause, IconPlayerPlay, IconPlugConnectedX, IconPower } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { AGENT_STATE_KEY, useAgentState, useAgentStateSync, useChangeAgentState, usePauseReasons } from './agentStateApi';
import { formatDuration, useNow } from './time';
import { agentStatusOf, type AgentStatus } from './types';
import { PAUSE_DEFAULT_MINUTES } from '@contracts/serving';

export const STATUS_COLOR: Record<AgentStatus, string> = { online: 'teal', paused: 'orange', offline: 'gray' };

/** A coloured dot, the one sign of an agent's state everywhere (header, workspace, supervision). */
export function StatusDot({ status, size = 10 }: { status: AgentStatus; size?: number }) {
  return (
    <Box
      component="span"
      w={size}
      h={size}
      style={{
        display: 'inline-block',
        borderRadius: '50%',
        flex: 'none',
        background: `var(--mantine-color-${STATUS_COLOR[status]}-6)`,
        boxShadow: status === 'online' ? '0 0 0 3px var(--mantine-color-teal-1)' : undefined,
      }}
    />
  );
}

/**
 * The agent's availability in the header (ROUTE-7): online, on a pause with a countdown, or
 * offline. Shown to users who serve; the workspace reads the same cached state.
 */
export function AgentStatusControl() {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const state = useAgentState();
  const change = useChangeAgentState();
  useAgentStateSync(user.id);
  const now = useNow();
  const status = agentStatusOf(state.data, now);
  const reasons = usePauseReasons(status === 'online');
  const pausedUntil = state.data?.pausedUntil ?? null;
  const remaining = pausedUntil ? Math.max(0, Math.ceil((new Date(pausedUntil).getTime() - now) / 1000)) : 0;
  const reasonName = reasons.data?.find((r) => r.id === state.data?.pauseReasonId)?.name;

  // The server resumes the agent when the pause ends; fetch the result instead of guessing.
  const pauseOver = Boolean(pausedUntil) && remaining === 0;
  useEffect(() => {
    if (pauseOver) void queryClient.invalidateQueries({ queryKey: AGENT_STATE_KEY });
  }, [pauseOver, queryClient]);

  const label =
    status === 'paused' ? `${t('inbox.status.paused')} · ${formatDuration(remaining)}` : status === 'online' ? t('inbox.status.online') : t('inbox.status.offline');
  const busy = change.isPending || state.isPending;
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal opened={menuOpen} onChange={setMenuOpen}>
      <Menu.Target>
        <Tooltip label={status === 'paused' && reasonName ? reasonName : t('inbox.status.change')} openDelay={400} disabled={menuOpen}>
          <UnstyledButton
            data-testid="agent-status"
            data-status={state.isPending ? 'loading' : status}
            aria-label={`${t('inbox.status.label')}: ${label}`}
            px="sm"
            py={6}
            style={{
              borderRadius: 999,
              border: `1px solid var(--mantine-color-${STATUS_COLOR[status]}-${status === 'offline' ? 3 : 4})`,
              background: `var(--mantine-color-${STATUS_COLOR[status]}-0)`,
            }}
          >
            <Group gap={8} wrap="nowrap">
              {busy ? <Loader size={10} color={STATUS_COLOR[status]} /> : <StatusDot status={status} />}
              {/* On a phone the dot says online/offline; a pause keeps its countdown. */}
              {status === 'paused' && (
                <Text size="sm" fw={600} c="orange.9" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t('inbox.status.paused')} ·
                </Text>
              )}
              <Text
                size="sm"
                fw={600}
                c={`${STATUS_COLOR[status]}.9`}
                ml={status === 'paused' ? -4 : 0}
                style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                visibleFrom={status === 'paused' ? undefined : 'sm'}
              >
                {status === 'paused' ? formatDuration(remaining) : label}
              </Text>
              {status === 'online' && state.data && (
                <Text size="xs" c="teal.8" visibleFrom="md" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {t('inbox.status.load', { active: state.data.activeCount, max: state.data.maxConversations })}
                </Text>
              )}
            </Group>
          </UnstyledButton>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('inbox.status.label')}</Menu.Label>
        {status === 'paused' ? (
          <Menu.Item
            leftSection={<IconPlayerPlay size={16} />}
            color="teal"
            onClick={() => change.mutate({ kind: 'resume' })}
            data-testid="agent-status-resume"
          >
            {t('inbox.status.resume')}
          </Menu.Item>
        ) : (
          <Menu.Item
            leftSection={<StatusDot status="online" size={9} />}
            rightSection={status === 'online' ? <IconCheck size={14} /> : null}
            onClick={() => status !== 'online' && change.mutate({ kind: 'presence', status: 'online' })}
            data-testid="agent-status-online"
          >
            <Text size="sm">{t('inbox.status.goOnline')}</Text>
            <Text size="xs" c="dimmed">
              {t('inbox.status.goOnlineHint')}
            </Text>
          </Menu.Item>
        )}
        {status === 'online' && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('inbox.status.pauseFor')}</Menu.Label>
            <Menu.Item
              leftSection={<IconPlayerPause size={16} />}
              rightSection={<Text size="xs" c="dimmed">{t('inbox.status.minutes', { count: PAUSE_DEFAULT_MINUTES })}</Text>}
              onClick={() => change.mutate({ kind: 'pause' })}
              data-testid="agent-status-pause"
            >
              {t('inbox.status.defaultPause')}
            </Menu.Item>
            {reasons.data?.map((reason) => (
              <Menu.Item
                key={reason.id}
                leftSection={<IconCoffee size={16} />}
                rightSection={<Text size="xs" c="dimmed">{t('inbox.status.minutes', { count: reason.minutes })}</Text>}
                onClick={() => change.mutate({ kind: 'pause', reasonId: reason.id })}
                data-testid="pause-reason-option"
                data-reason-id={reason.id}
              >
                {reason.name}
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Item
          leftSection={status === 'offline' ? <IconPlugConnectedX size={16} /> : <IconPower size={16} />}
          rightSection={status === 'offline' ? <IconCheck size={14} /> : null}
          color={status === 'offline' ? undefined : 'red'}
          onClick={() => status !== 'offline' && change.mutate({ kind: 'presence', status: 'offline' })}
          data-testid="agent-status-offline"
        >
          <Text size="sm">{t('inbox.status.goOffline')}</Text>
          <Text size="xs" c="dimmed">
            {t('inbox.status.goOfflineHint')}
          </Text>
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
