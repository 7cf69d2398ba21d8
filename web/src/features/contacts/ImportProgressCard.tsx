import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../lib/format';
import { translateContactMessage } from './contactErrors';
import { resultUrl, running, type ContactImport, type ImportStatus } from './importApi';

const STATUS_COLOR: Record<ImportStatus, string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' };

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" tt="none" fw={600} data-testid="import-status" data-status={status}>
      {t(`contacts.import.status.${status}`)}
    </Badge>
  );
}

function Stat({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <div className="import-stat">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="xl" fw={700} c={value > 0 ? color : 'dimmed'} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value.toLocaleString()}
      </Text>
    </div>
  );
}

/** Rows processed of the total, live, and the counts of each outcome; the result file when it ends. */
export function ImportProgressCard({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const live = running(job.status);
  const percent = job.totalRows > 0 ? Math.min(100, (job.processedRows / job.totalRows) * 100) : live ? 0 : 100;
  const attention = job.failedCount + job.duplicates;

  return (
    <Paper withBorder p="lg" data-testid="import-progress" data-import-id={job.id}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconFileSpreadsheet size={28} color="var(--mantine-color-teal-6)" style={{ flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Title order={4} style={{ overflowWrap: 'anywhere' }}>
                {job.fileName}
              </Title>
              <ImportStatusBadge status={job.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('contacts.import.startedAt', { at: formatDateTime(job.createdAt, workspace.timeZone) })}
              {job.finishedAt && ` · ${t('contacts.import.finishedAt', { at: formatDateTime(job.finishedAt, workspace.timeZone) })}`}
            </Text>
          </div>
        </Group>
        {!live && (
          <Button component="a" href={resultUrl(job.id)} download variant="default" leftSection={<IconDownload size={16} />} data-testid="import-download-result">
            {t('contacts.import.downloadResult')}
          </Button>
        )}
      </Group>

      <Stack gap={6} mb="md">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {job.totalRows > 0
              ? t('contacts.import.processed', { done: job.processedRows.toLocaleString(), total: job.totalRows.toLocaleString() })
              : live
                ? t('contacts.import.reading')
                : t('contacts.import.processedSimple', { done: job.processedRows.toLocaleString() })}
          </Text>
          <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {Math.floor(percent)}%
          </Text>
        </Group>
        <Progress
          value={percent}
          size="lg"
          radius="xl"
          animated={live}
          striped={live}
          color={job.status === 'failed' ? 'red' : live ? 'blue' : 'teal'}
          aria-label={t('contacts.import.progressLabel')}
          data-testid="import-progress-bar"
        />
      </Stack>

      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('contacts.import.counts.created')} value={job.created} color="teal.7" testId="import-created" />
        <Stat label={t('contacts.import.counts.updated')} value={job.updated} color="blue.7" testId="import-updated" />
        <Stat label={t('contacts.import.counts.duplicates')} value={job.duplicates} color="orange.7" testId="import-duplicates" />
        <Stat label={t('contacts.import.counts.failed')} value={job.failedCount} color="red.7" testId="import-failed" />
      </SimpleGrid>

      {job.status === 'failed' && (
        <Alert mt="md" color="red" icon={<IconAlertTriangle size={18} />} title={t('contacts.import.jobFailed')}>
          {job.error ? translateContactMessage(job.error, t) : t('errors.internal_error')}
        </Alert>
      )}
      {job.status === 'done' && (
        <Alert
          mt="md"
          color={attention > 0 ? 'orange' : 'teal'}
          icon={attention > 0 ? <IconAlertTriangle size={18} /> : <IconCircleCheck size={18} />}
          data-testid="import-summary"
        >
          {attention > 0
            ? [
                t('contacts.import.summaryCreated', { count: job.created }),
                t('contacts.import.summaryCheck', {
                  items: [
                    job.failedCount > 0 ? t('contacts.import.summaryFailed', { count: job.failedCount }) : null,
                    job.duplicates > 0 ? t('contacts.import.summaryExisting', { count: job.duplicates }) : null,
                  ]
                    .filter(Boolean)
                    .join(t('contacts.import.and')),
                }),
              ].join(' ')
            : t('contacts.import.summaryClean', { count: job.created + job.updated })}
        </Alert>
      )}
    </Paper>
  );
}
