import { useState } from 'react';
import { Badge, Box, Button, Center, CloseButton, Group, Loader, ScrollArea, Skeleton, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NewConversationButton } from '../whatsapp/NewConversationButton';
import { errorMessage } from '../../lib/errors';
import { uniqueConversations, type InboxTab } from './conversationCache';
import { ConversationListItem } from './ConversationListItem';
import { useMyConversations } from './inboxApi';

function ListSkeleton() {
  return (
    <Stack gap={0}>
      {Array.from({ length: 6 }, (_, i) => (
        <Group key={i} gap="sm" p="sm" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
          <Skeleton circle height={40} />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={10} width="60%" />
            <Skeleton height={8} width="90%" />
            <Skeleton height={8} width="40%" />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

/** "50+" when the server has more than the loaded page. */
function countLabel(count: number, more: boolean) {
  return more ? `${count}+` : String(count);
}

/** The agent's live list (AGENT-1): in service and pending, with search by name or phone. */
export function ConversationList(props: { meId: string; selectedId: string | undefined; onOpen: (id: string) => void; emptyHint: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<InboxTab>('active');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  // Both tabs stay loaded so their counts are live.
  const active = useMyConversations('active', q, props.meId);
  const pending = useMyConversations('pending', q, props.meId);
  const current = tab === 'active' ? active : pending;
  const activeItems = uniqueConversations(active.data);
  const pendingItems = uniqueConversations(pending.data);
  const items = tab === 'active' ? activeItems : pendingItems;

  const onScrollPositionChange = ({ y }: { y: number }, el: HTMLDivElement | null) => {
    if (!el || !current.hasNextPage || current.isFetchingNextPage) return;
    if (el.scrollHeight - el.clientHeight - y < 200) void current.fetchNextPage();
  };
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);

  return (
    <div className="inbox-list" data-testid="conversation-list">
      <Stack gap={10} px="md" pt="md" pb={0}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg">
            {t('inbox.list.title')}
          </Text>
          <Group gap={6} wrap="nowrap">
            {(active.isFetching || pending.isFetching) && !current.isPending && <Loader size={14} type="dots" />}
            <NewConversationButton />
          </Group>
        </Group>
        <TextInput
          placeholder={t('inbox.list.searchPlaceholder')}
          aria-label={t('inbox.list.search')}
          leftSection={<IconSearch size={16} />}
          rightSection={search ? <CloseButton size="sm" aria-label={t('inbox.list.clearSearch')} onClick={() => setSearch('')} /> : null}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          size="sm"
          radius="xl"
          data-testid="conversation-search"
        />
        <Tabs value={tab} onChange={(v) => setTab((v as InboxTab) ?? 'active')} variant="default">
          <Tabs.List grow>
            <Tabs.Tab
              value="active"
              data-testid="tab-active"
              rightSection={
                <Badge size="sm" variant={tab === 'active' ? 'filled' : 'light'} color="brand" circle={activeItems.length < 10}>
                  {countLabel(activeItems.length, !!active.hasNextPage)}
                </Badge>
              }
            >
              {t('inbox.list.active')}
            </Tabs.Tab>
            <Tabs.Tab
              value="pending"
              data-testid="tab-pending"
              rightSection={
                <Badge size="sm" variant={tab === 'pending' ? 'filled' : 'light'} color="gray" circle={pendingItems.length < 10}>
                  {countLabel(pendingItems.length, !!pending.hasNextPage)}
                </Badge>
              }
            >
              {t('inbox.list.pending')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      </Stack>
      <ScrollArea style={{ flex: 1 }} viewportRef={setViewport} onScrollPositionChange={(pos) => onScrollPositionChange(pos, viewport)} type="hover">
        {current.isPending ? (
          <ListSkeleton />
        ) : current.isError ? (
          <Stack align="center" gap={6} py="xl" px="md">
            <Text size="sm" c="red.7" ta="center">
              {errorMessage(current.error, t)}
            </Text>
            <Button size="xs" variant="light" onClick={() => void current.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        ) : items.length === 0 ? (
          <Stack align="center" gap={6} py={40} px="lg" c="dimmed" data-testid="conversation-list-empty">
            <IconInbox size={26} stroke={1.5} />
            <Text size="sm" ta="center">
              {q ? t('inbox.list.noResults', { q }) : tab === 'pending' ? t('inbox.list.emptyPending') : props.emptyHint}
            </Text>
          </Stack>
        ) : (
          <Box>
            {items.map((c) => (
              <ConversationListItem key={c.id} conversation={c} selected={c.id === props.selectedId} onOpen={props.onOpen} />
            ))}
            {current.isFetchingNextPage && (
              <Center py="sm">
                <Loader size="sm" type="dots" />
              </Center>
            )}
          </Box>
        )}
      </ScrollArea>
    </div>
  );
}
