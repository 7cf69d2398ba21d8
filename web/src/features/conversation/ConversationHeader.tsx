import { ActionIcon, Badge, Button, CopyButton, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowLeft, IconArrowsExchange, IconCircleCheck, IconClockHour4, IconLayoutSidebarRight, IconLayoutSidebarRightFilled, IconUsersGroup } from '@tabler/icons-react';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ChannelIcon } from '../serving/ChannelIcon';
import { ConversationTimers, type ConversationTimer } from './ConversationTimers';
import { ContactAvatar, contactLabel } from '../serving/ContactAvatar';
import { formatDuration, secondsSince, useNow } from '../serving/time';
import type { Conversation } from '../serving/types';

const STATUS_COLOR: Record<Conversation['status'], string> = {
  bot: 'violet',
  queued: 'orange',
  active: 'teal',
  pending: 'yellow',
  closed: 'gray',
  expired: 'gray',
};

export function ConversationStatusBadge({ status }: { status: Conversation['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm" tt="none" style={{ flex: 'none' }}>
      {t(`inbox.conversationStatus.${status}`)}
    </Badge>
  );
}

/** Time in service, ticking while the conversation is with the agent. */
function TimeInService({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const now = useNow();
  const since = conversation.assignedAt ?? conversation.createdAt;
  const end = conversation.closedAt ? new Date(conversation.closedAt).getTime() : now;
  return (
    <Tooltip label={t('inbox.header.timeInService')}>
      <Group gap={4} wrap="nowrap" data-testid="time-in-service" style={{ flex: 'none' }}>
        <IconClockHour4 size={14} color="var(--mantine-color-gray-6)" />
        <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatDuration(secondsSince(since, end))}
        </Text>
      </Group>
    </Tooltip>
  );
}

/** Who, which protocol, channel and group, and the actions on the conversation (AGENT-2, AGENT-3). */
export function ConversationHeader(props: {
  /** GET of one conversation adds its armed timers. */
  conversation: Conversation & { timers?: ConversationTimer[] };
  canAct: boolean;
  panelOpen: boolean;
  onTogglePanel: () => void;
  onBack: () => void;
  onTransfer: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const c = props.conversation;
  const name = contactLabel(c.contact);
  // A narrow column (contact panel open on a laptop) keeps the actions as icons.
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < 720;
  const veryNarrow = width > 0 && width < 560;
  return (
    <Group
      ref={ref}
      px="md"
      h={64}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', flex: 'none' }}
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      bg="white"
      data-testid="conversation-header"
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
        {/* On a phone the list and the conversation take turns on screen. */}
        <ActionIcon variant="subtle" color="gray" hiddenFrom="sm" onClick={props.onBack} aria-label={t('inbox.backToList')}>
          <IconArrowLeft size={20} />
        </ActionIcon>
        <UnstyledButton onClick={props.onTogglePanel} aria-label={t('inbox.header.showContact')}>
          <ContactAvatar id={c.contactId} name={name} size={40} />
        </UnstyledButton>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={8} wrap="nowrap">
            <Text fw={700} truncate data-testid="conversation-contact-name">
              {name}
            </Text>
            {/* "In service" is what the workspace is for; only other states need saying. */}
            {c.status !== 'active' && <ConversationStatusBadge status={c.status} />}
          </Group>
          <Group gap={10} wrap="nowrap" style={{ overflow: 'hidden' }}>
            <CopyButton value={c.protocol}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('inbox.header.copyProtocol')}>
                  <UnstyledButton onClick={copy} data-testid="conversation-protocol" style={{ flex: 'none' }}>
                    <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      #{c.protocol}
                    </Text>
                  </UnstyledButton>
                </Tooltip>
              )}
            </CopyButton>
            <TimeInService conversation={c} />
            <ConversationTimers conversationId={c.id} timers={c.timers} compact={narrow} />
            <Group gap={4} wrap="nowrap" style={{ minWidth: 0, flexShrink: 1 }}>
              <ChannelIcon type={c.channelType} name={c.channelName} size={16} />
              <IconUsersGroup size={14} color="var(--mantine-color-gray-6)" style={{ flex: 'none', marginLeft: 4 }} />
              <Text size="xs" c="dimmed" truncate title={`${c.channelName} · ${c.serviceGroupName}`}>
                {c.serviceGroupName}
                {narrow ? '' : ` · ${c.channelName}`}
              </Text>
            </Group>
          </Group>
        </Stack>
      </Group>
      <Group gap={6} wrap="nowrap">
        {props.canAct && (
          <>
            <Tooltip label={narrow ? t('inbox.actions.transfer') : t('inbox.actions.transferHint')} openDelay={narrow ? 0 : 500}>
              {narrow ? (
                <ActionIcon variant="default" size={36} onClick={props.onTransfer} aria-label={t('inbox.actions.transfer')} data-testid="action-transfer">
                  <IconArrowsExchange size={18} />
                </ActionIcon>
              ) : (
                <Button variant="default" size="sm" leftSection={<IconArrowsExchange size={16} />} onClick={props.onTransfer} data-testid="action-transfer">
                  {t('inbox.actions.transfer')}
                </Button>
              )}
            </Tooltip>
            <Tooltip label={veryNarrow ? t('inbox.actions.close') : t('inbox.actions.closeHint')} openDelay={veryNarrow ? 0 : 500}>
              {veryNarrow ? (
                <ActionIcon variant="filled" size={36} onClick={props.onClose} aria-label={t('inbox.actions.close')} data-testid="action-close">
                  <IconCircleCheck size={18} />
                </ActionIcon>
              ) : (
                <Button size="sm" leftSection={<IconCircleCheck size={16} />} onClick={props.onClose} data-testid="action-close">
                  {t('inbox.actions.close')}
                </Button>
              )}
            </Tooltip>
          </>
        )}
        <Tooltip label={props.panelOpen ? t('inbox.header.hideContact') : t('inbox.header.showContact')}>
          <ActionIcon
            variant={props.panelOpen ? 'light' : 'subtle'}
            color="gray"
            size="lg"
            onClick={props.onTogglePanel}
            aria-label={props.panelOpen ? t('inbox.header.hideContact') : t('inbox.header.showContact')}
            aria-pressed={props.panelOpen}
            data-testid="toggle-contact-panel"
          >
            {props.panelOpen ? <IconLayoutSidebarRightFilled size={20} /> : <IconLayoutSidebarRight size={20} />}
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
