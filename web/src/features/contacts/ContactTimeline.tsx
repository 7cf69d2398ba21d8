import { Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconMessage, IconTag, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/errors';
import { ChannelIcon } from '../serving/ChannelIcon';
import { ConversationStatusBadge } from '../conversation/ConversationHeader';
import type { TimelineItem } from './contactsApi';
import type { useContactTimeline } from './contactsApi';

/** The contact's conversations across channels, newest first (CONT-4). */
export function ContactTimeline(props: {
  query: ReturnType<typeof useContactTimeline>;
  currentId: string;
  timeZone: string;
  onOpen: (item: TimelineItem) => void;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending) {
    return (
      <Stack gap={8}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={64} radius="md" />
        ))}
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Text size="sm" c="red.7">
        {errorMessage(query.error, t)}
      </Text>
    );
  }
  const items = query.data.items;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('inbox.contact.noHistory')}
      </Text>
    );
  }
  return (
    <Stack gap={8} data-testid="contact-timeline">
      {items.map((item) => {
        const current = item.conversationId === props.currentId;
        return (
          <button
            type="button"
            key={item.conversationId}
            className="timeline-item"
            data-current={current}
            data-testid="timeline-item"
            data-conversation-id={item.conversationId}
            data-protocol={item.protocol}
            onClick={() => props.onOpen(item)}
            style={{ cursor: 'pointer', textAlign: 'left', font: 'inherit' }}
          >
            <Group justify="space-between" gap={6} wrap="nowrap">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <ChannelIcon type={item.channelType} name={item.channelName} size={18} />
                <Text size="xs" ff="monospace" fw={600} truncate>
                  {item.protocol}
                </Text>
              </Group>
              {current ? (
                <Badge size="xs" color="brand" variant="filled">
                  {t('inbox.contact.current')}
                </Badge>
              ) : (
                <ConversationStatusBadge status={item.status} />
              )}
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {formatDateTime(item.createdAt, props.timeZone)}
            </Text>
            <Group gap={10} mt={4} wrap="wrap">
              <Group gap={3} wrap="nowrap">
                <IconUser size={12} color="var(--mantine-color-gray-6)" />
                <Text size="xs" c="gray.7">
                  {item.assigneeName ?? t('inbox.contact.noAgent')} · {item.serviceGroupName}
                </Text>
              </Group>
              <Group gap={3} wrap="nowrap">
                <IconMessage size={12} color="var(--mantine-color-gray-6)" />
                <Text size="xs" c="gray.7">
                  {t('inbox.contact.messages', { count: item.messageCount })}
                </Text>
              </Group>
            </Group>
            {item.classificationName && (
              <Group gap={3} mt={4} wrap="nowrap">
                <IconTag size={12} color="var(--mantine-color-brand-6)" />
                <Text size="xs" c="brand.8" truncate>
                  {item.classificationName}
                </Text>
              </Group>
            )}
          </button>
        );
      })}
    </Stack>
  );
}
