import { useState } from 'react';
import { ActionIcon, Anchor, Group, Image, Modal, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconDownload, IconFile, IconFileTypePdf, IconMaximize } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo } from '../serving/types';

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

export function formatBytes(size: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** A file the agent can download: icon, name, size. */
export function FileChip({ attachment, language }: { attachment: AttachmentInfo; language: string }) {
  const { t } = useTranslation();
  const Icon = attachment.mimeType === 'application/pdf' ? IconFileTypePdf : IconFile;
  return (
    <Paper withBorder radius="md" px="sm" py={8} bg="white" maw={300} data-testid="attachment-file">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" color={attachment.mimeType === 'application/pdf' ? 'red' : 'gray'} size={36} radius="md">
          <Icon size={20} />
        </ThemeIcon>
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} truncate title={attachment.fileName}>
            {attachment.fileName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatBytes(attachment.size, language)}
          </Text>
        </Stack>
        <ActionIcon
          component="a"
          href={attachmentUrl(attachment.id)}
          download={attachment.fileName}
          variant="subtle"
          color="gray"
          aria-label={t('inbox.message.download', { name: attachment.fileName })}
        >
          <IconDownload size={18} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/**
 * Media preview (AGENT-2): images inline and in a lightbox, audio and video players, any
 * other file as a download chip. The session cookie authorizes the file URL.
 */
export function AttachmentView({ attachment, language }: { attachment: AttachmentInfo; language: string }) {
  const { t } = useTranslation();
  const [zoomed, setZoomed] = useState(false);
  const url = attachmentUrl(attachment.id);
  const type = attachment.mimeType;

  if (type.startsWith('image/')) {
    return (
      <>
        <button
          type="button"
          onClick={() => setZoomed(true)}
          style={{ padding: 0, border: 0, background: 'none', cursor: 'zoom-in', display: 'block', position: 'relative' }}
          aria-label={t('inbox.message.openImage', { name: attachment.fileName })}
          data-testid="attachment-image"
        >
          <Image src={url} alt={attachment.fileName} radius="md" maw={260} mah={260} fit="cover" loading="lazy" />
          <IconMaximize
            size={16}
            color="white"
            style={{ position: 'absolute', right: 8, bottom: 8, filter: 'drop-shadow(0 1px 2px rgba(0,0,0,.6))' }}
          />
        </button>
        <Modal
          opened={zoomed}
          onClose={() => setZoomed(false)}
          size="auto"
          title={
            <Group gap="sm">
              <Text fw={600} size="sm" truncate maw={420}>
                {attachment.fileName}
              </Text>
              <Anchor href={url} download={attachment.fileName} size="sm">
                {t('inbox.message.downloadShort')}
              </Anchor>
            </Group>
          }
          data-testid="lightbox"
        >
          <Image src={url} alt={attachment.fileName} mah="78vh" maw="86vw" fit="contain" />
        </Modal>
      </>
    );
  }
  if (type.startsWith('audio/')) {
    return <audio controls src={url} preload="metadata" style={{ width: 260, maxWidth: '100%' }} data-testid="attachment-audio" />;
  }
  if (type.startsWith('video/')) {
    return (
      <video controls src={url} preload="metadata" style={{ width: 280, maxWidth: '100%', borderRadius: 8, background: '#000' }} data-testid="attachment-video" />
    );
  }
  return <FileChip attachment={attachment} language={language} />;
}
