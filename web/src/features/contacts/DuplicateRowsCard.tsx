import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { ContactDrawer, type ContactDrawerState } from './ContactDrawer';
import { translateContactMessage } from './contactErrors';
import { useUpdateDuplicates, type ContactImport } from './importApi';
import { rowLabel } from './importColumns';
import { useImportRows } from './useImportRows';

/**
 * Rows whose phone or document already belongs to a contact: nothing was duplicated. The
 * person may update those contacts with the file's values, all at once or the chosen ones.
 */
export function DuplicateRowsCard({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  const update = useUpdateDuplicates(job.id);
  const [chosen, setChosen] = useState<number[]>([]);
  const [drawer, setDrawer] = useState<ContactDrawerState>(null);
  const { rows, cursor, loadingMore, loadMore, reset } = useImportRows(job, 'duplicates');
  if (rows.length === 0) return null;

  const all = chosen.length === rows.length;

  const run = (selection: number[] | undefined) =>
    update.mutate(selection, {
      onSuccess: () => {
        setChosen([]);
        // Updated rows leave the list; what is left of a loaded page comes again from the answer.
        reset();
        notifySuccess(t('contacts.import.duplicatesUpdated', { count: selection?.length ?? job.duplicates }));
      },
      onError: (err) => notifyError(err, t),
    });

  return (
    <Paper withBorder data-testid="import-duplicates-card" style={{ overflow: 'hidden' }}>
      <Group justify="space-between" p="lg" pb="md" wrap="wrap" gap="sm">
        <div>
          <Title order={4}>{t('contacts.import.duplicatesTitle', { count: job.duplicates })}</Title>
          <Text size="sm" c="dimmed">
            {t('contacts.import.duplicatesHint')}
          </Text>
        </div>
        <Button
          variant={chosen.length ? 'filled' : 'light'}
          leftSection={<IconRefresh size={16} />}
          loading={update.isPending}
          onClick={() => run(chosen.length ? chosen : undefined)}
          data-testid="import-update-duplicates-button"
        >
          {chosen.length ? t('contacts.import.updateChosen', { count: chosen.length }) : t('contacts.import.updateAll')}
        </Button>
      </Group>
      {/* A big file may have thousands: the list scrolls inside the card, its header stays. */}
      <ScrollArea.Autosize mah={480} type="auto">
        <Table className="atende-table" verticalSpacing="xs" horizontalSpacing="md" stickyHeader miw={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('contacts.import.chooseAll')}
                  checked={all}
                  indeterminate={chosen.length > 0 && !all}
                  onChange={() => setChosen(all ? [] : rows.map((r) => r.row))}
                />
              </Table.Th>
              <Table.Th w={72}>{t('contacts.import.row')}</Table.Th>
              <Table.Th>{t('contacts.columns.name')}</Table.Th>
              <Table.Th>{t('contacts.columns.phone')}</Table.Th>
              <Table.Th>{t('contacts.columns.document')}</Table.Th>
              <Table.Th>{t('contacts.import.reason')}</Table.Th>
              <Table.Th>{t('contacts.import.existing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const label = rowLabel(r.values);
              const on = chosen.includes(r.row);
              return (
                <Table.Tr key={r.row} data-testid="import-duplicate-row" data-row={r.row}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('contacts.import.chooseRow', { row: r.row })}
                      checked={on}
                      onChange={() => setChosen((c) => (on ? c.filter((x) => x !== r.row) : [...c, r.row]))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {r.row}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{label.name || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{label.phone || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{label.document || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {r.errors.map((e, i) => (
                      <Text key={i} size="sm" c="orange.8">
                        {translateContactMessage(e.message, t)}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    {r.contactId ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => setDrawer({ mode: 'edit', id: r.contactId! })}>
                        {t('contacts.import.openExisting')}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('contacts.import.sameFile')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {cursor && (
        <Group justify="center" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Button variant="subtle" loading={loadingMore} onClick={() => void loadMore()}>
            {t('contacts.import.moreRows')}
          </Button>
        </Group>
      )}
      <ContactDrawer state={drawer} onClose={() => setDrawer(null)} />
    </Paper>
  );
}
