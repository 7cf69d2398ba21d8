import { Group, Table, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { ListTable } from '../../ui/ListTable';
import { RelativeTime } from '../../ui/RelativeTime';
import { useRecentImports } from './importApi';
import { ImportStatusBadge } from './ImportProgressCard';

/** The workspace's latest contact imports; choosing one shows its result above. */
export function RecentImportsCard({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const list = useRecentImports();
  const jobs = listItems(list);
  const n = (v: number) => (
    <Text size="sm" c={v > 0 ? undefined : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {v.toLocaleString()}
    </Text>
  );

  return (
    <div data-testid="recent-imports">
      <Group mb="sm" mt="xl">
        <Title order={3}>{t('contacts.import.recentTitle')}</Title>
      </Group>
      <ListTable
        query={list}
        minWidth={760}
        skeletonRows={3}
        highlightOnHover
        columns={[
          { label: t('contacts.import.columns.file') },
          { label: t('contacts.import.columns.status'), w: 130 },
          { label: t('contacts.import.columns.rows'), w: 90 },
          { label: t('contacts.import.counts.created'), w: 90 },
          { label: t('contacts.import.counts.duplicates'), w: 100 },
          { label: t('contacts.import.counts.failed'), w: 90 },
          { label: t('contacts.import.columns.when'), w: 150 },
        ]}
        icon={IconFileImport}
        loadFailedTitle={t('contacts.import.recentFailed')}
        empty={{ title: t('contacts.import.recentEmptyTitle'), description: t('contacts.import.recentEmptyText') }}
      >
        {jobs.map((j) => (
          <Table.Tr
            key={j.id}
            onClick={() => onSelect(j.id)}
            style={{ cursor: 'pointer' }}
            bg={j.id === selectedId ? 'var(--mantine-color-brand-0)' : undefined}
            data-testid="recent-import-row"
          >
            <Table.Td>
              <Text size="sm" fw={600} truncate maw={320}>
                {j.fileName}
              </Text>
            </Table.Td>
            <Table.Td>
              <ImportStatusBadge status={j.status} />
            </Table.Td>
            <Table.Td>{n(j.totalRows)}</Table.Td>
            <Table.Td>{n(j.created)}</Table.Td>
            <Table.Td>{n(j.duplicates)}</Table.Td>
            <Table.Td>
              <Text size="sm" c={j.failedCount > 0 ? 'red.7' : 'dimmed'} fw={j.failedCount > 0 ? 600 : undefined}>
                {j.failedCount.toLocaleString()}
              </Text>
            </Table.Td>
            <Table.Td>
              <RelativeTime value={j.createdAt} timeZone={workspace.timeZone} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </div>
  );
}
