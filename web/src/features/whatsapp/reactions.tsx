import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMessageTime } from '../serving/time';
import { currentLanguage } from '../../lib/i18n';
import type { Message } from '../serving/types';
import { reactionOf } from './messageContent';

/**
 * Reactions (WhatsApp) are messages of their own pointing at another one by its wamid (or by
 * the reply context). Those whose target is loaded become a badge on it — the latest one of
 * each sender wins and an empty emoji removes it — and leave the flow; the others stay as a
 * small line.
 */
export function indexReactions(all: Message[]) {
  const byId = new Map<string, Message>();
  const byExternal = new Map<string, Message>();
  for (const m of all) {
    byId.set(m.id, m);
    if (m.externalId) byExternal.set(m.externalId, m);
  }
  const latest = new Map<string, Map<string, string>>();
  const absorbed = new Set<string>();
  for (const m of all) {
    const r = reactionOf(m);
    if (!r) continue;
    const target = (r.messageExternalId && byExternal.get(r.messageExternalId)) || (m.replyToMessageId && byId.get(m.replyToMessageId)) || null;
    if (!target) continue;
    absorbed.add(m.id);
    const bySender = latest.get(target.id) ?? new Map<string, string>();
    bySender.set(`${m.direction}:${m.authorUserId ?? ''}`, r.emoji);
    latest.set(target.id, bySender);
  }
  const reactionsOf = new Map<string, string[]>();
  for (const [id, bySender] of latest) {
    const emojis = [...bySender.values()].filter(Boolean);
    if (emojis.length) reactionsOf.set(id, emojis);
  }
  return { byId, reactionsOf, shown: all.filter((m) => !absorbed.has(m.id)) };
}

/** A reaction whose target is not among the loaded messages. */
export function ReactionLine({ message: m }: { message: Message }) {
  const { t } = useTranslation();
  const r = reactionOf(m);
  const removed = !r?.emoji;
  return (
    <Group justify={m.direction === 'in' ? 'flex-start' : 'flex-end'} my={4} data-testid="reaction-line" data-message-id={m.id}>
      <Text size="xs" c="dimmed">
        {removed ? t('whatsapp.reaction.removed') : t('whatsapp.reaction.reacted', { emoji: r?.emoji })} · {formatMessageTime(m.createdAt, currentLanguage())}
      </Text>
    </Group>
  );
}
