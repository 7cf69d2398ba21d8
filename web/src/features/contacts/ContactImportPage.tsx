import { useEffect } from 'react';
import { Anchor, Badge, Button, Grid, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { useRealtimeEvent } from '../../lib/realtime';
import { PageHeader } from '../../ui/PageHeader';
import { DuplicateRowsCard } from './DuplicateRowsCard';
import { FailedRowsEditor } from './FailedRowsEditor';
import { importKey, readImport, running, templateUrl, useContactImport, type ContactImport, type ImportSummary } from './importApi';
import { ImportProgressCard } from './ImportProgressCard';
import { ImportUploadCard } from './ImportUploadCard';
import { RecentImportsCard } from './RecentImportsCard';

const COLUMNS: Array<{ name: string; required?: boolean }> = [
  { name: 'NETWORK' },
  { name: 'COUNTRY CODE' },
  { name: 'PHONE NUMBER', required: true },
  { name: 'DISPLAY NAME', required: true },
  { name: 'CPF/CNPJ' },
  { name: 'EMAIL' },
  { name: 'GROUP' },
  { name: 'AGENT' },
  { name: 'ATTRIBUTE' },
  { name: "ATTRIBUTE'S VALUE" },
];

/** The columns the file may have, and how they are read: the short help beside the upload. */
function ColumnsHelp() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" h="100%">
      <Title order={4} mb={4}>
        {t('contacts.import.columnsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('contacts.import.columnsHint')}
      </Text>
      <Group gap={6} mb="md">
        {COLUMNS.map((c) => (
          <Badge key={c.name} variant={c.required ? 'filled' : 'light'} color={c.required ? 'brand' : 'gray'} tt="none" radius="sm">
            {c.name}
            {c.required ? ' *' : ''}
          </Badge>
        ))}
      </Group>
      <List size="sm" spacing={4} c="gray.7">
        <List.Item>{t('contacts.import.rules.required')}</List.Item>
        <List.Item>{t('contacts.import.rules.phone')}</List.Item>
        <List.Item>{t('contacts.import.rules.links')}</List.Item>
        <List.Item>{t('contacts.import.rules.attributes')}</List.Item>
        <List.Item>{t('contacts.import.rules.format')}</List.Item>
      </List>
    </Paper>
  );
}

/** CONT-3: upload a spreadsheet, follow it live, fix the rejected rows in place and re-send them. */
export function ContactImportPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const job = useContactImport(selectedId);

  const select = (id: string) => setParams({ id }, { replace: false });

  // However the end was learnt (event or poll), the list and the contacts follow it.
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done' || status === 'failed') {
      void queryClient.invalidateQueries({ queryKey: ['contact-imports', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    }
  }, [status, queryClient]);

  const started = (created: ContactImport) => {
    queryClient.setQueryData(importKey(created.id), created);
    void queryClient.invalidateQueries({ queryKey: ['contact-imports', 'list'] });
    select(created.id);
  };

  // Progress arrives live; the rows that need attention are read once the job ends.
  useRealtimeEvent<ImportSummary>('import.progress', (payload) => {
    if (!payload?.id) return;
    const key = importKey(payload.id);
    const previous = queryClient.getQueryData<ContactImport>(key);
    if (previous) queryClient.setQueryData(key, readImport(payload, previous));
    if (!running(payload.status)) void queryClient.invalidateQueries({ queryKey: key });
  });

  return (
    <Stack gap={0} data-testid="contact-import-page">
      <Anchor component={Link} to="/contacts" size="sm" mb="xs" c="dimmed">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('contacts.title')}
        </Group>
      </Anchor>
      <PageHeader
        title={t('contacts.import.title')}
        description={t('contacts.import.subtitle')}
        actions={
          <>
            <Button component="a" href={templateUrl('csv', i18n.language)} download variant="default" leftSection={<IconDownload size={16} />} data-testid="template-csv">
              {t('contacts.import.templateCsv')}
            </Button>
            <Button component="a" href={templateUrl('xlsx', i18n.language)} download variant="default" leftSection={<IconDownload size={16} />} data-testid="template-xlsx">
              {t('contacts.import.templateXlsx')}
            </Button>
          </>
        }
      />
      <Grid gutter="md" mb="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ImportUploadCard onStarted={started} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ColumnsHelp />
        </Grid.Col>
      </Grid>

      {selectedId && (
        <Stack gap="md">
          {job.isPending && <Skeleton h={220} radius="md" />}
          {job.isError && (
            <Paper withBorder p="lg">
              <Text c="red.7" size="sm">
                {errorMessage(job.error, t)}
              </Text>
            </Paper>
          )}
          {job.data && (
            <>
              <ImportProgressCard job={job.data} />
              {!running(job.data.status) && <FailedRowsEditor key={job.data.id} job={job.data} />}
              {!running(job.data.status) && <DuplicateRowsCard key={`d-${job.data.id}`} job={job.data} />}
            </>
          )}
        </Stack>
      )}

      <RecentImportsCard selectedId={selectedId} onSelect={select} />
    </Stack>
  );
}
