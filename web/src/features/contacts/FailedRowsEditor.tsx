import { useMemo, useState } from 'react';
import { Badge, Button, Group, Paper, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { translateContactMessage } from './contactErrors';
import { useRetryRows, type ContactImport, type FailedRow, type RowValues } from './importApi';
import { columnWidth, orderColumns, sameColumn } from './importColumns';
import { useImportRows } from './useImportRows';
import './contacts.css';

type Fixed = { row: number; values: RowValues };

/**
 * The rejected rows of an import as an editable grid (CONT-3): every cell is an input, the
 * cell with a problem is tinted with the reason under it, and the edited rows are sent again.
 * Accepted rows stay on screen marked as fixed; rows still wrong show their new reasons.
 */
export function FailedRowsEditor({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  const retry = useRetryRows(job.id);
  const [edits, setEdits] = useState<Record<number, RowValues>>({});
  const [fixed, setFixed] = useState<Fixed[]>([]);
  const { rows, cursor, loadingMore, loadMore, drop, replace } = useImportRows(job, 'failed');
  const columns = useMemo(() => orderColumns([...rows, ...fixed], job.columns), [rows, fixed, job.columns]);
  const edited = Object.keys(edits).map(Number).filter((n) => rows.some((r) => r.row === n));

  const setCell = (row: FailedRow, column: string, value: string) =>
    setEdits((prev) => {
      const next = { ...(prev[row.row] ?? row.values), [column]: value };
      const unchanged = Object.keys(next).every((k) => (next[k] ?? '') === (row.values[k] ?? ''));
      const copy = { ...prev };
      if (unchanged) delete copy[row.row];
      else copy[row.row] = next;
      return copy;
    });

  const resend = () => {
    const sent = edited.map((n) => ({ row: n, values: edits[n] }));
    retry.mutate(sent, {
      onSuccess: (next) => {
        const outcome = new Map(next.retried.map((r) => [r.row, r]));
        const accepted = sent.filter((s) => outcome.get(s.row)?.outcome === 'fixed');
        const stillBad = new Map(next.retried.filter((r) => r.outcome === 'failed').map((r) => [r.row, r]));
        // A corrected row may now match an existing contact: it moved to the duplicates, not fixed.
        const nowDuplicate = new Set(next.retried.filter((r) => r.outcome === 'duplicate').map((r) => r.row));
        setFixed((prev) => [...prev.filter((f) => !accepted.some((a) => a.row === f.row)), ...accepted]);
        setEdits((prev) => {
          const copy = { ...prev };
          for (const s of sent) {
            const bad = stillBad.get(s.row);
            // Keep what was typed if the server still shows the old values.
            if (!bad || JSON.stringify(bad.values) === JSON.stringify(s.values)) delete copy[s.row];
          }
          return copy;
        });
        drop([...accepted.map((a) => a.row), ...nowDuplicate]);
        replace([...stillBad.values()].map((r) => ({ row: r.row, values: r.values, errors: r.errors })));
        const still = sent.filter((s) => stillBad.has(s.row)).length;
        const existing = sent.filter((s) => nowDuplicate.has(s.row)).length;
        const parts = [t('contacts.import.retryDone', { count: accepted.length })];
        if (existing) parts.push(t('contacts.import.retryExisting', { count: existing }));
        if (still) parts.push(t('contacts.import.retryStill', { count: still }));
        notifySuccess(parts.join(' '));
      },
      onError: (err) => notifyError(err, t),
    });
  };

  if (rows.length === 0 && fixed.length === 0) return null;

  return (
    <Paper withBorder data-testid="import-failed-rows" style={{ overflow: 'hidden' }}>
      <Group justify="space-between" p="lg" pb="md" wrap="wrap" gap="sm">
        <div>
          <Title order={4}>{t('contacts.import.failedTitle', { count: job.failedCount })}</Title>
          <Text size="sm" c="dimmed">
            {t('contacts.import.failedHint')}
          </Text>
        </div>
        <Group gap="xs">
          {edited.length > 0 && (
            <Button variant="subtle" color="gray" leftSection={<IconArrowBackUp size={16} />} onClick={() => setEdits({})} disabled={retry.isPending}>
              {t('contacts.import.discardEdits')}
            </Button>
          )}
          <Button leftSection={<IconSend size={16} />} disabled={edited.length === 0} loading={retry.isPending} onClick={resend} data-testid="import-resend">
            {t('contacts.import.resend', { count: edited.length })}
          </Button>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={Math.max(720, 88 + columns.reduce((w, c) => w + columnWidth(c) + 16, 0))}>
        <Table className="atende-table import-grid" verticalSpacing={6} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={104} className="import-rownum">
                {t('contacts.import.row')}
              </Table.Th>
              {columns.map((c) => (
                <Table.Th key={c} miw={columnWidth(c)}>
                  {c}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fixed.map((f) => (
              <Table.Tr key={`fixed-${f.row}`} data-state="fixed" data-testid="import-fixed-row" data-row={f.row}>
                <Table.Td className="import-rownum">
                  <Tooltip label={t('contacts.import.fixed')}>
                    <Group gap={4} wrap="nowrap">
                      <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-label={t('contacts.import.fixed')} />
                      <Text size="sm" fw={600}>
                        {f.row}
                      </Text>
                    </Group>
                  </Tooltip>
                </Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c}>
                    <Text size="sm" py={4} c="teal.9">
                      {f.values[c] ?? ''}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {rows.map((r) => {
              const values = edits[r.row] ?? r.values;
              // Reasons whose column is not in the grid (a row-level problem) go under the row number.
              const loose = r.errors.filter((e) => !columns.some((c) => sameColumn(c, e.column)));
              return (
                <Table.Tr key={r.row} data-state={edits[r.row] ? 'edited' : 'failed'} data-testid="import-failed-row" data-row={r.row}>
                  <Table.Td className="import-rownum">
                    <Text size="sm" fw={600} py={6}>
                      {r.row}
                    </Text>
                    {/* The grid scrolls sideways: name the columns to fix where the eye starts. */}
                    {r.errors
                      .filter((e) => !loose.includes(e))
                      .map((e, i) => (
                        <Tooltip key={`c${i}`} label={translateContactMessage(e.message, t)} multiline maw={260}>
                          <Text size="xs" c="red.7" fw={600} truncate maw={96} style={{ cursor: 'help' }}>
                            {e.column}
                          </Text>
                        </Tooltip>
                      ))}
                    {loose.map((e, i) => (
                      <Text key={i} size="xs" c="red.7" maw={160} data-testid="import-row-error">
                        {e.column ? `${e.column}: ` : ''}
                        {translateContactMessage(e.message, t)}
                      </Text>
                    ))}
                  </Table.Td>
                  {columns.map((c) => {
                    const errors = r.errors.filter((e) => sameColumn(c, e.column));
                    const changed = (values[c] ?? '') !== (r.values[c] ?? '');
                    return (
                      <Table.Td key={c}>
                        <TextInput
                          className="import-cell"
                          data-bad={errors.length > 0 && !changed}
                          data-edited={changed}
                          data-column={c}
                          size="xs"
                          value={values[c] ?? ''}
                          onChange={(e) => setCell(r, c, e.currentTarget.value)}
                          aria-label={t('contacts.import.cellLabel', { row: r.row, column: c })}
                          aria-invalid={errors.length > 0 && !changed}
                          data-testid="import-cell"
                        />
                        {errors.map((e, i) => (
                          <Text key={i} size="xs" c={changed ? 'dimmed' : 'red.7'} td={changed ? 'line-through' : undefined} mt={2} maw={220} data-testid="import-cell-error">
                            {translateContactMessage(e.message, t)}
                          </Text>
                        ))}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {(cursor || fixed.length > 0) && (
        <Group justify="space-between" px="lg" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          {fixed.length > 0 ? (
            <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={12} />} tt="none">
              {t('contacts.import.fixedCount', { count: fixed.length })}
            </Badge>
          ) : (
            <span />
          )}
          {cursor && (
            <Button variant="subtle" loading={loadingMore} onClick={() => void loadMore()}>
              {t('contacts.import.moreRows')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}
