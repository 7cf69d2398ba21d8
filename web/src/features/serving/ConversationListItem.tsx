import { memo } from 'react';
import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { ContactAvatar, contactLabel } from './ContactAvatar';
import { useIsNew, useIsTyping } from './inboxSignals';
import { formatDuration, formatMessageTime, secondsSince, useNow } from './time';
import type { Conversation } from './types';

/** The contact wrote last: the conversation waits for the agent, and how long matters. */
export function waitingSince(c: Conversation): string | null {
  if (!c.lastCustomerMessageAt) return null;
  if (c.lastMessageAt && new Date(c.lastMessageAt).getTime() - new Date(c.lastCustomerMessageAt).getTime() > 1000) return null;
  return c.lastCustomerMessageAt;
}

/** Past two minutes a waiting customer turns the clock orange, past five red. */
export function waitColor(seconds: number): string {
  return seconds >= 300 ? 'red' : seconds >= 120 ? 'orange' : 'gray';
}

function WaitingClock({ since }: { since: string }) {
  const now = useNow();
  const seconds = secondsSince(since, now);
  const color = waitColor(seconds);
  return (
    <Badge
      size="sm"
      variant={color === 'gray' ? 'light' : 'filled'}
      color={color}
      leftSection={<IconClockHour4 size={11} />}
      tt="none"
      fw={600}
      style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}
    >
      {formatDuration(seconds)}
    </Badge>
  );
}

export const ConversationListItem = memo(function ConversationListItem(props: {
  conversation: Conversation;
  selected: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const c = props.conversation;
  const isNew = useIsNew(c.id);
  const typing = useIsTyping(c.id);
  const waiting = c.status === 'active' ? waitingSince(c) : null;
  const name = contactLabel(c.contact);
  const unread = c.unreadCount > 0;

  return (
    <UnstyledButton
      className="inbox-item"
      data-testid="conversation-item"
      data-protocol={c.protocol}
      data-conversation-id={c.id}
      data-selected={props.selected}
      data-new={isNew}
      aria-current={props.selected ? 'true' : undefined}
      onClick={() => props.onOpen(c.id)}
    >
      <ContactAvatar id={c.contactId} name={name} channelType={c.channelType} channelName={c.channelName} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={unread ? 700 : 600} truncate c="gray.9">
            {name}
          </Text>
          {waiting ? (
            <WaitingClock since={waiting} />
          ) : (
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {c.lastMessageAt ? formatMessageTime(c.lastMessageAt, currentLanguage()) : ''}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap" justify="space-between" mt={2}>
          {typing ? (
            <Text size="sm" c="brand.7" fs="italic" truncate>
              {t('inbox.typing')}
            </Text>
          ) : (
            <Text size="sm" c={unread ? 'gray.8' : 'dimmed'} fw={unread ? 500 : 400} truncate>
              {c.lastMessagePreview || t('inbox.list.noMessages')}
            </Text>
          )}
          {unread && (
            <Badge size="sm" circle={c.unreadCount < 10} color="brand" variant="filled" style={{ flex: 'none' }} aria-label={t('inbox.list.unread', { count: c.unreadCount })}>
              {c.unreadCount > 99 ? '99+' : c.unreadCount}
            </Badge>
          )}
        </Group>
        <Group gap={6} wrap="nowrap" mt={4}>
          {isNew && (
            <Badge size="xs" color="orange" variant="filled">
              {t('inbox.list.new')}
            </Badge>
          )}
          <Text size="xs" c="dimmed" truncate>
            {c.serviceGroupName} · {c.protocol}
          </Text>
        </Group>
      </div>
    </UnstyledButton>
  );
});
