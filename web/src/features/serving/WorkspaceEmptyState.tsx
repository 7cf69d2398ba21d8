import { Button, Center, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCoffee, IconMessages, IconPlayerPlay, IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAgentState, useChangeAgentState, usePauseReasons } from './agentStateApi';
import { formatDuration, useNow } from './time';
import { agentStatusOf } from './types';

/**
 * What the conversation column says when none is open: how to start receiving (offline),
 * when the pause ends (paused), or that new conversations arrive by themselves (online).
 */
export function WorkspaceEmptyState({ firstName, openCount }: { firstName: string; openCount: number }) {
  const { t } = useTranslation();
  const state = useAgentState();
  const change = useChangeAgentState();
  const now = useNow();
  const status = agentStatusOf(state.data, now);
  const reasons = usePauseReasons(status === 'paused');

  if (state.isPending) {
    return (
      <Center h="100%">
        <Loader type="dots" />
      </Center>
    );
  }

  if (status === 'paused') {
    const remaining = Math.max(0, Math.ceil((new Date(state.data?.pausedUntil ?? 0).getTime() - now) / 1000));
    const reason = reasons.data?.find((r) => r.id === state.data?.pauseReasonId)?.name;
    return (
      <Center h="100%" p="xl" data-testid="workspace-paused">
        <Stack align="center" gap="sm" maw={420} ta="center">
          <ThemeIcon size={72} radius="xl" variant="light" color="orange">
            <IconCoffee size={36} />
          </ThemeIcon>
          <Title order={3}>{t('inbox.empty.pausedTitle')}</Title>
          <Text fz={44} fw={700} c="orange.8" lh={1} style={{ fontVariantNumeric: 'tabular-nums' }} aria-live="off">
            {formatDuration(remaining)}
          </Text>
          <Text c="dimmed" size="sm">
            {reason ? t('inbox.empty.pausedReason', { reason }) : t('inbox.empty.pausedText')}
          </Text>
          <Button mt="xs" color="teal" leftSection={<IconPlayerPlay size={16} />} loading={change.isPending} onClick={() => change.mutate({ kind: 'resume' })}>
            {t('inbox.status.resume')}
          </Button>
        </Stack>
      </Center>
    );
  }

  if (status === 'offline') {
    return (
      <Center h="100%" p="xl" data-testid="workspace-offline">
        <Stack align="center" gap="sm" maw={420} ta="center">
          <ThemeIcon size={72} radius="xl" variant="light" color="gray">
            <IconPlugConnectedX size={36} />
          </ThemeIcon>
          <Title order={3}>{t('inbox.empty.offlineTitle')}</Title>
          <Text c="dimmed" size="sm">
            {t('inbox.empty.offlineText', { name: firstName })}
          </Text>
          <Button
            mt="xs"
            color="teal"
            loading={change.isPending}
            onClick={() => change.mutate({ kind: 'presence', status: 'online' })}
            data-testid="workspace-go-online"
          >
            {t('inbox.status.goOnline')}
          </Button>
        </Stack>
      </Center>
    );
  }

  return (
    <Center h="100%" p="xl" data-testid="workspace-waiting">
      <Stack align="center" gap="sm" maw={440} ta="center">
        <ThemeIcon size={72} radius="xl" variant="light" color="brand">
          <IconMessages size={36} />
        </ThemeIcon>
        <Title order={3}>{openCount > 0 ? t('inbox.empty.pickTitle') : t('inbox.empty.waitingTitle')}</Title>
        <Text c="dimmed" size="sm">
          {openCount > 0 ? t('inbox.empty.pickText', { count: openCount }) : t('inbox.empty.waitingText', { name: firstName })}
        </Text>
        {openCount === 0 && (
          <Center mt="md" h={24}>
            <div className="inbox-waiting-pulse" aria-hidden />
          </Center>
        )}
      </Stack>
    </Center>
  );
}
