import { Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { ChannelIcon } from '../serving/ChannelIcon';
import { ConversationStatusBadge } from '../conversation/ConversationHeader';
import { MessageList } from '../conversation/MessageList';
import { useMessages } from '../conversation/conversationApi';
import type { TimelineItem } from './contactsApi';

function ReadOnlyMessages({ conversationId }: { conversationId: string }) {
  const messages = useMessages(conversationId);
  return <MessageList query={messages} typingName={null} onRetry={() => undefined} onDiscard={() => undefined} />;
}

/** A past conversation of the contact, read-only (CONT-4). */
export function TimelineConversationModal(props: { item: TimelineItem | null; timeZone: string; onClose: () => void }) {
  const { t } = useTranslation();
  const item = props.item;
  return (
    <Modal
      opened={!!item}
      onClose={props.onClose}
      size="xl"
      data-testid="timeline-conversation"
      title={
        item && (
          <Group gap="sm" wrap="nowrap">
            <ChannelIcon type={item.channelType} name={item.channelName} />
            <div>
              <Group gap={8}>
                <Text fw={700} ff="monospace">
                  {item.protocol}
                </Text>
                <ConversationStatusBadge status={item.status} />
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(item.createdAt, props.timeZone)} · {item.serviceGroupName}
                {item.assigneeName ? ` · ${item.assigneeName}` : ''}
                {item.classificationName ? ` · ${item.classificationName}` : ''}
              </Text>
            </div>
          </Group>
        )
      }
      styles={{ body: { padding: 0 } }}
    >
      {item && (
        <div style={{ height: '65vh', display: 'flex', flexDirection: 'column', background: 'var(--mantine-color-gray-0)' }}>
          <ReadOnlyMessages conversationId={item.conversationId} />
          <Text size="xs" c="dimmed" ta="center" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            {t('inbox.contact.readOnly')}
          </Text>
        </div>
      )}
    </Modal>
  );
}
