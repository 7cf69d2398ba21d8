import { useEffect, useRef } from 'react';
import { Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useRealtimeEvent } from '../../lib/realtime';
import { conversationKey } from '../serving/conversationCache';
import { formatMessageTime, useNow } from '../serving/time';

/** One armed automation timer, as GET /api/v1/conversations/:id lists them (soonest first). */
export interface ConversationTimer {
  kind: string;
  dueAt: string;
}

/** The timer kinds people are told about; others (internal or newer than this page) stay hidden. */
const KINDS = {
  'automation.inactivity-warning': 'inactivityWarning',
  'automation.inactivity-close': 'inactivityClose',
  'automation.wait-message': 'waitMessage',
  'automation.auto-pending': 'autoPending',
  'automation.agent-answer': 'agentAnswer',
  'automation.queue-position': 'queuePosition',
  'automation.expiration-warning': 'expirationWarning',
  'automation.partner-warning': 'partnerWarning',
} as const;
type KnownKind = keyof typeof KINDS;

const isKnown = (kind: string): kind is KnownKind => kind in KINDS;

/** Soonest first, whatever order they came in; unknown kinds and bad dates dropped. */
export function visibleTimers(timers: ConversationTimer[] | undefined): Array<ConversationTimer & { kind: KnownKind; at: number }> {
  return (timers ?? [])
    .filter((x): x is ConversationTimer & { kind: KnownKind } => isKnown(x.kind))
    .map((x) => ({ ...x, at: new Date(x.dueAt).getTime() }))
    .filter((x) => Number.isFinite(x.at))
    .sort((a, b) => a.at - b.at);
}

/** "em 9 min", "em 1 h 05 min", "em menos de 1 min": minutes are what these timers are set in. */
export function timeUntil(at: number, now: number, t: TFunction): string {
  const left = at - now;
  // Due but not yet fired (or fired and not yet refetched): the runner takes it within a second.
  if (left <= 0) return t('automation.conversationTimers.now');
  if (left < 60_000) return t('automation.conversationTimers.inLessThanAMinute');
  const minutes = Math.round(left / 60_000);
  if (minutes < 60) return t('automation.conversationTimers.inMinutes', { m: minutes });
  const h = Math.floor(minutes / 60);
  if (h >= 48) return t('automation.conversationTimers.inDays', { d: Math.floor(h / 24) });
  return t('automation.conversationTimers.inHours', { h, m: String(minutes % 60).padStart(2, '0') });
}

/**
 * Realtime events carry the conversation without its timers, and a customer message re-arms
 * them: any event about this conversation (and a timer falling due) refetches it, at most once a second.
 */
function useFreshTimers(conversationId: string, soonest: number | null) {
  const qc = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = (delay: number) => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: conversationKey(conversationId), exact: true });
    }, delay);
  };
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    },
    [conversationId],
  );
  const about = (payload: { conversation?: { id?: string }; message?: { conversationId?: string } } | undefined) =>
    payload?.conversation?.id === conversationId || payload?.message?.conversationId === conversationId;
  useRealtimeEvent<{ conversation?: { id?: string }; message?: { conversationId?: string } }>('message.created', (p) => about(p) && refresh(1000));
  useRealtimeEvent<{ conversation?: { id?: string } }>('conversation.updated', (p) => about(p) && refresh(1000));
  useRealtimeEvent<{ conversation?: { id?: string } }>('conversation.assigned', (p) => about(p) && refresh(1000));

  // A timer that fires may change nothing on screen (a wait message re-arms itself): ask again shortly after.
  useEffect(() => {
    if (soonest === null) return;
    const wait = Math.max(0, soonest - Date.now()) + 2000;
    // Browsers cap timeouts at ~24.8 days; a timer further out gets refetched by other means first.
    if (wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => void qc.invalidateQueries({ queryKey: conversationKey(conversationId), exact: true }), wait);
    return () => clearTimeout(timer);
  }, [conversationId, soonest, qc]);
}

/**
 * The conversation's next automation timers (issue "Group automation": visible to agents and
 * supervisors): a compact chip with the soonest, the full list on hover or focus.
 */
export function ConversationTimers({ conversationId, timers, compact }: { conversationId: string; timers: ConversationTimer[] | undefined; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const list = visibleTimers(timers);
  useFreshTimers(conversationId, list[0]?.at ?? null);
  if (!list.length) return null;

  const next = list[0];
  const label = (kind: KnownKind) => t(`automation.conversationTimers.kinds.${KINDS[kind]}`);
  const soon = next.at - now < 60_000;
  const details = (
    <Stack gap={4} data-testid="conversation-timers-list">
      <Text size="xs" fw={700}>
        {t('automation.conversationTimers.title')}
      </Text>
      {list.map((x) => (
        <Group key={`${x.kind}:${x.dueAt}`} gap="md" justify="space-between" wrap="nowrap" data-kind={x.kind}>
          <Text size="xs">{label(x.kind)}</Text>
          <Text size="xs" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
            {timeUntil(x.at, now, t)} · {formatMessageTime(x.dueAt, i18n.language)}
          </Text>
        </Group>
      ))}
    </Stack>
  );

  return (
    <Tooltip label={details} withArrow multiline maw={380} events={{ hover: true, focus: true, touch: true }}>
      <UnstyledButton
        aria-label={`${label(next.kind)} ${timeUntil(next.at, now, t)}`}
        data-testid="conversation-timers"
        data-next-kind={next.kind}
        style={{ flex: 'none' }}
      >
        <Group gap={4} wrap="nowrap">
          <IconAlarm size={14} color={soon ? 'var(--mantine-color-orange-7)' : 'var(--mantine-color-gray-6)'} />
          <Text size="xs" c={soon ? 'orange.8' : 'dimmed'} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
            {compact ? timeUntil(next.at, now, t) : `${label(next.kind)} ${timeUntil(next.at, now, t)}`}
            {list.length > 1 ? ` +${list.length - 1}` : ''}
          </Text>
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
