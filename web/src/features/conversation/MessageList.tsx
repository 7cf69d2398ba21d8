import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Box, Button, Center, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { errorMessage } from '../../lib/errors';
import { orderedMessages } from '../serving/conversationCache';
import { dayKey } from '../serving/time';
import type { Message } from '../serving/types';
import { MessageBubble } from './MessageBubble';
import { indexReactions, ReactionLine } from '../whatsapp/reactions';
import type { useMessages } from './conversationApi';

const NEAR_BOTTOM = 140;
const NEAR_TOP = 160;

function dayLabel(iso: string, t: (k: 'inbox.message.today' | 'inbox.message.yesterday') => string): string {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date();
  yesterday.setDate(today.getDate() - 1);
  if (dayKey(iso) === dayKey(today.toISOString())) return t('inbox.message.today');
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return t('inbox.message.yesterday');
  return new Intl.DateTimeFormat(currentLanguage(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

function TypingBubble({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={8} mt={10} data-testid="contact-typing">
      <Box px={12} py={9} bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 14, borderTopLeftRadius: 4 }}>
        <span className="inbox-typing-dots" aria-hidden>
          <span />
          <span />
          <span />
        </span>
      </Box>
      <Text size="xs" c="dimmed" fs="italic">
        {t('inbox.typingNamed', { name })}
      </Text>
    </Group>
  );
}

/** Two messages belong together when the same side (and person) wrote them within five minutes. */
function continues(prev: Message | undefined, m: Message): boolean {
  if (!prev || prev.kind === 'system' || m.kind === 'system') return false;
  if (prev.direction !== m.direction || prev.kind !== m.kind || prev.authorUserId !== m.authorUserId) return false;
  if (dayKey(prev.createdAt) !== dayKey(m.createdAt)) return false;
  return new Date(m.createdAt).getTime() - new Date(prev.createdAt).getTime() < 5 * 60_000;
}

/**
 * The conversation's messages, oldest at the top. Scrolling up loads older pages (keeping the
 * reading position); new messages keep the view at the bottom unless the agent scrolled away,
 * in which case a button offers to jump to them.
 */
export function MessageList(props: {
  query: ReturnType<typeof useMessages>;
  typingName: string | null;
  onRetry: (m: Message) => void;
  onDiscard: (m: Message) => void;
  onReply?: (m: Message) => void;
}) {
  const { t } = useTranslation();
  const { query } = props;
  const all = orderedMessages(query.data);
  const { byId, reactionsOf, shown: messages } = indexReactions(all);
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const restoreFrom = useRef<number | null>(null);
  const [unseen, setUnseen] = useState(0);
  const lastId = messages[messages.length - 1]?.id;
  const firstId = messages[0]?.id;
  const lastMine = messages[messages.length - 1]?.direction === 'out';

  const scrollToBottom = useCallback((smooth = false) => {
    const el = ref.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    setUnseen(0);
  }, []);

  // Older page prepended: keep the message the agent was reading where it was.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && restoreFrom.current !== null) {
      el.scrollTop = el.scrollHeight - restoreFrom.current;
      restoreFrom.current = null;
    }
  }, [firstId]);

  // New message at the end: follow it when at the bottom or when it is the agent's own.
  useLayoutEffect(() => {
    if (!lastId) return;
    if (atBottom.current || lastMine) scrollToBottom();
    else setUnseen((n) => n + 1);
  }, [lastId, lastMine, scrollToBottom]);

  useEffect(() => {
    if (props.typingName && atBottom.current) scrollToBottom();
  }, [props.typingName, scrollToBottom]);

  // The composer growing, an image loading or the window resizing must not push the newest
  // message out of view for an agent who was reading at the bottom.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [query.isPending]);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (atBottom.current && unseen) setUnseen(0);
    if (el.scrollTop < NEAR_TOP && query.hasNextPage && !query.isFetchingNextPage) {
      restoreFrom.current = el.scrollHeight - el.scrollTop;
      void query.fetchNextPage();
    }
  };

  // A reply quote jumps to its original and flashes it.
  const jump = useCallback((id: string) => {
    const target = ref.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
    if (!target) return;
    target.scrollIntoView({ behavior: 'smooth', block: 'center' });
    target.classList.remove('wa-flash');
    void target.offsetWidth;
    target.classList.add('wa-flash');
  }, []);

  let previous: Message | undefined;
  return (
    <Box pos="relative" style={{ flex: 1, minHeight: 0 }}>
      <Box ref={ref} onScroll={onScroll} h="100%" px="lg" py="md" style={{ overflowY: 'auto' }} data-testid="message-list">
        <div>
          {query.isPending ? (
            <Stack gap="md" pt="md">
              <Skeleton height={44} width="46%" radius="lg" />
              <Skeleton height={60} width="52%" radius="lg" ml="auto" />
              <Skeleton height={36} width="38%" radius="lg" />
              <Skeleton height={44} width="40%" radius="lg" ml="auto" />
            </Stack>
          ) : query.isError ? (
            <Center mih={240}>
              <Stack align="center" gap="xs">
                <Text c="red.7" size="sm">
                  {errorMessage(query.error, t)}
                </Text>
                <Button size="xs" variant="light" onClick={() => void query.refetch()}>
                  {t('common.retry')}
                </Button>
              </Stack>
            </Center>
          ) : (
            <>
              <Center py={6} mih={30}>
                {query.isFetchingNextPage ? (
                  <Loader size="sm" type="dots" />
                ) : query.hasNextPage ? (
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void query.fetchNextPage()}>
                    {t('inbox.message.loadOlder')}
                  </Button>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('inbox.message.start')}
                  </Text>
                )}
              </Center>
              {messages.map((m) => {
                const newDay = !previous || dayKey(previous.createdAt) !== dayKey(m.createdAt);
                const item = (
                  <Box key={m.id}>
                    {newDay && (
                      <Group justify="center" my="sm">
                        <Text size="xs" fw={600} c="gray.6" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
                          {dayLabel(m.createdAt, t)}
                        </Text>
                      </Group>
                    )}
                    {m.contentType === 'reaction' ? (
                      <ReactionLine message={m} />
                    ) : (
                      <MessageBubble
                        message={m}
                        continued={!newDay && continues(previous, m)}
                        onRetry={props.onRetry}
                        onDiscard={props.onDiscard}
                        replyTarget={m.replyToMessageId ? (byId.get(m.replyToMessageId) ?? null) : undefined}
                        reactions={reactionsOf.get(m.id)}
                        onReply={props.onReply}
                        onJump={jump}
                      />
                    )}
                  </Box>
                );
                previous = m;
                return item;
              })}
              {props.typingName && <TypingBubble name={props.typingName} />}
            </>
          )}
        </div>
      </Box>
      {unseen > 0 && (
        <Button
          pos="absolute"
          bottom={14}
          left="50%"
          style={{ transform: 'translateX(-50%)', boxShadow: 'var(--mantine-shadow-md)' }}
          radius="xl"
          size="xs"
          leftSection={<IconArrowDown size={14} />}
          onClick={() => scrollToBottom(true)}
        >
          {t('inbox.message.newBelow', { count: unseen })}
        </Button>
      )}
    </Box>
  );
}
