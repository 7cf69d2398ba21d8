import { Button, Center, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface CursorQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  data?: { pages: Array<{ items: unknown[] }> };
}

/** Cursor pagination footer: a button while the server reports more, a quiet count at the end. */
export function LoadMore({ query }: { query: CursorQuery }) {
  const { t } = useTranslation();
  const count = query.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? 0;
  if (count === 0) return null;
  return (
    <Center py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      {query.hasNextPage ? (
        <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          {t('common.shownCount', { count })}
        </Text>
      )}
    </Center>
  );
}
