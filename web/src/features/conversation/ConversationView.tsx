import { useEffect, useRef, useState } from 'react';
import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMessageOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { contactLabel } from '../serving/ContactAvatar';
import { useIsTyping } from '../serving/inboxSignals';
import type { Message } from '../serving/types';
import { CloseModal } from './CloseModal';
import { Composer } from './Composer';
import { useConversation, useDiscardLocal, useMarkRead, useMessages, useSendMessage, type Outgoing } from './conversationApi';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { TransferModal } from './TransferModal';
import { interactiveOf, templateOf } from '../whatsapp/messageContent';
import { windowIsClosed } from '../whatsapp/WindowIndicator';

function retryPayload(m: Message): Outgoing {
  const reply = { replyToMessageId: m.replyToMessageId ?? undefined };
  if (m.kind === 'note') return { kind: 'note', text: m.text ?? '' };
  const tpl = m.contentType === 'template' ? templateOf(m) : null;
  if (tpl) {
    const template = { name: tpl.name, language: tpl.language, parameters: tpl.parameters ?? [] };
    return { kind: 'template', template, preview: m.text ?? '', components: tpl.components, ...reply };
  }
  const interactive = m.contentType === 'interactive' ? interactiveOf(m) : null;
  if (interactive && (interactive.type === 'button' || interactive.type === 'list')) return { kind: 'interactive', interactive, ...reply };
  if (m.attachment) return { kind: 'attachment', attachment: m.attachment, caption: m.text ?? '', ...reply };
  return { kind: 'text', text: m.text ?? '', ...reply };
}

/** The open conversation (AGENT-2): header with its actions, messages, composer. */
export function ConversationView(props: { conversationId: string; panelOpen: boolean; onTogglePanel: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const can = useCan();
  const id = props.conversationId;
  const conversation = useConversation(id);
  const messages = useMessages(id, conversation.isSuccess);
  const { mutate: markRead } = useMarkRead();
  const send = useSendMessage(id);
  const discard = useDiscardLocal(id);
  const typing = useIsTyping(id);
  const [modal, setModal] = useState<'transfer' | 'close' | null>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const readOnce = useRef(false);

  const c = conversation.data;
  useEffect(() => {
    if (!c || readOnce.current) return;
    readOnce.current = true;
    markRead(id);
  }, [c, id, markRead]);

  // Messages that arrived while the tab was hidden are read when the agent comes back to it.
  const unread = c?.unreadCount ?? 0;
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && unread > 0) markRead(id);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [id, unread, markRead]);

  if (conversation.isPending) {
    return <div style={{ flex: 1 }} data-testid="conversation-view" data-loading="true" />;
  }
  if (!c) {
    const notFound = isApiError(conversation.error) && (conversation.error.status === 404 || conversation.error.status === 403);
    return (
      <Center h="100%" data-testid="conversation-view" data-error="true">
        <Stack align="center" gap="sm" maw={380} ta="center">
          <ThemeIcon size={64} radius="xl" variant="light" color="gray">
            <IconMessageOff size={30} />
          </ThemeIcon>
          <Title order={3}>{notFound ? t('inbox.notFoundTitle') : t('common.somethingWentWrong')}</Title>
          <Text size="sm" c="dimmed">
            {notFound ? t('inbox.notFoundText') : errorMessage(conversation.error, t)}
          </Text>
          <Button variant="light" onClick={props.onLeave}>
            {t('inbox.backToList')}
          </Button>
        </Stack>
      </Center>
    );
  }

  const mine = c.assigneeId === user.id || can('conversations.supervise');
  const open = c.status === 'active' || c.status === 'pending' || c.status === 'queued' || c.status === 'bot';
  const canMessage = mine && c.status === 'active';
  const windowClosed = windowIsClosed(c.windowExpiresAt);
  // WhatsApp explains a closed window in its own composer bar, with the way out (a template).
  const whatsapp = c.channelType === 'whatsapp';
  const blockedReason = !open
    ? null
    : windowClosed && !whatsapp
      ? t('inbox.composer.windowClosed')
      : !canMessage
        ? c.status === 'pending'
          ? t('inbox.composer.pendingOnlyNotes')
          : t('inbox.composer.notYoursOnlyNotes')
        : null;

  return (
    <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }} data-testid="conversation-view" data-status={c.status} data-conversation-id={c.id}>
      <ConversationHeader
        conversation={c}
        canAct={mine && c.status === 'active'}
        panelOpen={props.panelOpen}
        onTogglePanel={props.onTogglePanel}
        onBack={props.onLeave}
        onTransfer={() => setModal('transfer')}
        onClose={() => setModal('close')}
      />
      <MessageList
        query={messages}
        typingName={typing ? contactLabel(c.contact) : null}
        onRetry={(m) => m.clientMessageId && send.mutate({ out: retryPayload(m), clientMessageId: m.clientMessageId })}
        onDiscard={(m) => m.clientMessageId && discard(m.clientMessageId)}
        onReply={whatsapp && canMessage ? setReplyTo : undefined}
      />
      {open ? (
        <Composer
          key={c.id}
          conversationId={c.id}
          serviceGroupId={c.serviceGroupId}
          canMessage={whatsapp ? canMessage : canMessage && !windowClosed}
          blockedReason={blockedReason}
          whatsapp={whatsapp ? { channelId: c.channelId, windowExpiresAt: c.windowExpiresAt, windowClosed } : undefined}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
        />
      ) : (
        <Center py="md" bg="gray.1" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="conversation-readonly">
          <Text size="sm" c="dimmed">
            {t('inbox.composer.finished', { status: t(`inbox.conversationStatus.${c.status}`) })}
          </Text>
        </Center>
      )}
      <TransferModal
        opened={modal === 'transfer'}
        conversationId={c.id}
        onClose={() => setModal(null)}
        onDone={() => {
          setModal(null);
          props.onLeave();
        }}
      />
      <CloseModal
        opened={modal === 'close'}
        conversation={c}
        onClose={() => setModal(null)}
        onDone={() => {
          setModal(null);
          props.onLeave();
        }}
      />
    </div>
  );
}
