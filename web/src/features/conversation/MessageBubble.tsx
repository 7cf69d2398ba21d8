import { memo, type ReactNode } from 'react';
import { ActionIcon, Anchor, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconCheck, IconChecks, IconClock, IconNote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { formatMessageTime } from '../serving/time';
import type { Message } from '../serving/types';
import { AttachmentView } from './AttachmentView';
import { bubbleless, hasSpecialContent, ReplyQuote, WhatsappContent } from '../whatsapp/MessageContent';
import '../whatsapp/whatsapp.css';

const URL_PATTERN = /(https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"])/g;

/** Text with its line breaks kept and its links clickable (opened outside the workspace). */
function RichText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <Anchor key={start} href={match[0]} target="_blank" rel="noreferrer noopener" style={{ wordBreak: 'break-all' }}>
        {match[0]}
      </Anchor>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

/** One to three emojis alone read better big, as in every messenger. */
function emojiOnly(text: string | null): boolean {
  if (!text) return false;
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= 12 && /^(\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f|\s)+$/u.test(trimmed) && !/\d/.test(trimmed);
}

/** Queued clock, sent ✓, delivered ✓✓, read ✓✓ blue, failed red with the provider's reason. */
export function DeliveryStatus({ message }: { message: Message }) {
  const { t } = useTranslation();
  const label = t(`inbox.message.status.${message.status}`);
  const icon =
    message.status === 'queued' ? (
      <IconClock size={14} color="var(--mantine-color-gray-5)" />
    ) : message.status === 'sent' ? (
      <IconCheck size={15} color="var(--mantine-color-gray-6)" />
    ) : message.status === 'delivered' ? (
      <IconChecks size={15} color="var(--mantine-color-gray-6)" />
    ) : message.status === 'read' ? (
      <IconChecks size={15} color="var(--mantine-color-blue-6)" />
    ) : (
      <IconAlertCircle size={15} color="var(--mantine-color-red-6)" />
    );
  return (
    <Tooltip label={message.error ? `${label}: ${message.error.title}` : label}>
      <span role="img" aria-label={label} data-testid="message-status" data-status={message.status} style={{ display: 'inline-flex', lineHeight: 0 }}>
        {icon}
      </span>
    </Tooltip>
  );
}

export interface MessageBubbleProps {
  message: Message;
  /** Hides the author line when the previous message is from the same person moments before. */
  continued: boolean;
  onRetry?: (m: Message) => void;
  onDiscard?: (m: Message) => void;
  /** The message this one replies to: null when it is not loaded, undefined when there is none. */
  replyTarget?: Message | null;
  /** Emojis the contact reacted to this message with (WhatsApp). */
  reactions?: string[];
  onReply?: (m: Message) => void;
  onJump?: (id: string) => void;
}

/** A message of the conversation view: the contact on the left, the company on the right. */
export const MessageBubble = memo(function MessageBubble({ message: m, continued, onRetry, onDiscard, replyTarget, reactions, onReply, onJump }: MessageBubbleProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const time = formatMessageTime(m.createdAt, language);

  if (m.kind === 'system') {
    return (
      <Group justify="center" my={8} data-testid="message" data-direction={m.direction} data-kind="system">
        <Text size="xs" c="gray.7" bg="gray.2" px="md" py={4} style={{ borderRadius: 999, maxWidth: '80%', textAlign: 'center' }}>
          {m.text} · {time}
        </Text>
      </Group>
    );
  }

  const inbound = m.direction === 'in';
  const note = m.kind === 'note';
  const special = hasSpecialContent(m);
  const bare = bubbleless(m);
  const big = bare || (!m.attachment && !special && emojiOnly(m.text));
  const canReply = !!onReply && !note && !m.pending && m.status !== 'failed';
  const failed = m.status === 'failed';
  const bubbleStyle = note
    ? { background: 'var(--mantine-color-yellow-0)', border: '1px dashed var(--mantine-color-yellow-6)' }
    : inbound
      ? { background: 'white', border: '1px solid var(--mantine-color-gray-3)' }
      : { background: 'var(--mantine-color-brand-0)', border: `1px solid var(--mantine-color-${failed ? 'red-3' : 'brand-2'})` };

  return (
    <Box
      data-testid="message"
      data-direction={m.direction}
      data-kind={m.kind}
      data-status={m.status}
      data-message-id={m.id}
      className="wa-message"
      style={{ display: 'flex', flexDirection: 'column', alignItems: inbound ? 'flex-start' : 'flex-end', marginTop: continued ? 2 : 10 }}
    >
      {!continued && !inbound && (
        <Group gap={4} mb={2} px={4}>
          {note && <IconNote size={13} color="var(--mantine-color-yellow-8)" />}
          <Text size="xs" fw={600} c={note ? 'yellow.9' : 'brand.8'}>
            {note ? `${t('inbox.message.note')} · ${m.authorName ?? ''}` : (m.authorName ?? t('inbox.message.company'))}
          </Text>
        </Group>
      )}
      <Group gap={4} wrap="nowrap" align="center" maw="78%" style={{ flexDirection: inbound ? 'row' : 'row-reverse' }}>
      <Box
        pos="relative"
        mb={reactions?.length ? 12 : 0}
        px={big ? 6 : 12}
        py={big ? 2 : 8}
        style={{
          minWidth: 0,
          ...bubbleStyle,
          ...(big ? { background: 'transparent', border: 'none' } : {}),
          borderRadius: 14,
          borderTopLeftRadius: inbound && !continued ? 4 : 14,
          borderTopRightRadius: !inbound && !continued ? 4 : 14,
          opacity: m.pending && m.status === 'queued' ? 0.75 : 1,
          boxShadow: big ? undefined : '0 1px 1px rgba(0,0,0,0.04)',
        }}
      >
        {replyTarget !== undefined && m.contentType !== 'interactive' && <ReplyQuote target={replyTarget} onJump={onJump} />}
        {special && <WhatsappContent m={m} replyTarget={replyTarget} />}
        {!special && m.attachment && (
          <Box mb={m.text ? 6 : 0}>
            <AttachmentView attachment={m.attachment} language={language} />
          </Box>
        )}
        {!special && m.text && (
          <Text size={big ? '32px' : 'sm'} lh={big ? 1.2 : 1.45} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} c="gray.9">
            <RichText text={m.text} />
          </Text>
        )}
        <Group gap={4} justify="flex-end" mt={2} wrap="nowrap">
          <Tooltip label={formatDateTime(m.createdAt)} openDelay={400}>
            <Text size="11px" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {time}
            </Text>
          </Tooltip>
          {!inbound && !note && <DeliveryStatus message={m} />}
        </Group>
        {reactions && reactions.length > 0 && (
          <Box className="wa-reactions" data-testid="message-reactions" style={{ [inbound ? 'right' : 'left']: 8 }}>
            {reactions.join(' ')}
          </Box>
        )}
      </Box>
      {canReply && (
        <Tooltip label={t('whatsapp.reply.action')}>
          <ActionIcon className="wa-reply-action" variant="subtle" color="gray" radius="xl" size="md" aria-label={t('whatsapp.reply.action')} onClick={() => onReply(m)} data-testid="reply-action">
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      </Group>
      {failed && (
        <Group gap={6} mt={4} px={4} wrap="nowrap" data-testid="message-error">
          <Text size="xs" c="red.7">
            {t('inbox.message.failed', { reason: m.error?.title ?? t('errors.unexpected') })}
            {m.error?.code && /^\d+$/.test(m.error.code) ? ` ${t('whatsapp.errorCode', { code: m.error.code })}` : ''}
          </Text>
          {m.pending && onRetry && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRetry(m)}>
              {t('common.retry')}
            </Button>
          )}
          {m.pending && onDiscard && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onDiscard(m)}>
              {t('inbox.message.discard')}
            </Button>
          )}
        </Group>
      )}
    </Box>
  );
});
