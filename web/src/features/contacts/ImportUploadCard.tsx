import { useRef, useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { isApiError } from '../../lib/api';
import { translateContactMessage } from './contactErrors';
import { uploadImport, type ContactImport } from './importApi';
import './contacts.css';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const accepted = (f: File) => /\.(csv|xlsx)$/i.test(f.name);

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Choose (or drop) a CSV/XLSX file, decide about existing contacts, and send it. */
export function ImportUploadCard({ onStarted }: { onStarted: (job: ContactImport) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [updateDuplicates, setUpdateDuplicates] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = (f: File | null | undefined) => {
    setError(null);
    if (!f) return;
    if (!accepted(f)) {
      setError(t('contacts.import.wrongType'));
      return;
    }
    setFile(f);
  };

  const send = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const job = await uploadImport(file, updateDuplicates, setProgress);
      setFile(null);
      if (input.current) input.current.value = '';
      onStarted(job);
    } catch (err) {
      // A refused header names the missing columns: that sentence is the useful part.
      setError(isApiError(err) && err.status === 400 && err.message ? translateContactMessage(err.message, t) : errorMessage(err, t));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Paper withBorder p="lg" data-testid="import-upload">
      <Title order={4} mb={4}>
        {t('contacts.import.uploadTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('contacts.import.uploadHint')}
      </Text>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="import-file-input"
        onChange={(e) => choose(e.currentTarget.files?.[0])}
      />
      {file ? (
        <Group className="import-file" justify="space-between" wrap="nowrap" data-testid="import-file">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <ThemeIcon variant="light" color="teal" size={40} radius="md">
              <IconFileSpreadsheet size={22} />
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {size(file.size)}
              </Text>
            </div>
          </Group>
          <ActionIcon variant="subtle" color="gray" onClick={() => setFile(null)} disabled={progress !== null} aria-label={t('contacts.import.removeFile')}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ) : (
        <button
          type="button"
          className="import-drop"
          data-dragging={dragging}
          onClick={() => input.current?.click()}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files[0]);
          }}
          data-testid="import-drop"
        >
          <Stack align="center" gap={6}>
            <ThemeIcon variant="light" size={48} radius="xl">
              <IconUpload size={24} />
            </ThemeIcon>
            <Text size="sm" fw={600}>
              {t('contacts.import.dropTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('contacts.import.dropHint')}
            </Text>
          </Stack>
        </button>
      )}
      <Checkbox
        mt="md"
        checked={updateDuplicates}
        onChange={(e) => setUpdateDuplicates(e.currentTarget.checked)}
        label={t('contacts.import.updateDuplicates')}
        description={t('contacts.import.updateDuplicatesHint')}
        data-testid="import-update-duplicates"
      />
      {error && (
        <Text size="sm" c="red.7" mt="md" role="alert" data-testid="import-upload-error">
          {error}
        </Text>
      )}
      {progress !== null && <Progress value={progress * 100} mt="md" size="sm" animated aria-label={t('contacts.import.uploading')} />}
      <Button
        mt="md"
        fullWidth
        leftSection={<IconUpload size={18} />}
        disabled={!file}
        loading={progress !== null}
        onClick={() => void send()}
        data-testid="import-submit"
      >
        {t('contacts.import.submit')}
      </Button>
    </Paper>
  );
}
