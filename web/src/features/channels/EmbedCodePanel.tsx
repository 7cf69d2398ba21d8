import { Button, Code, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCode, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The one script tag a site pastes to show the widget, with a copy button and the demo page. */
export function EmbedCodePanel({ channelId, embedCode }: { channelId: string; embedCode: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid="embed-code-panel">
      <Stack gap="sm">
        <Group gap={8}>
          <IconCode size={18} color="var(--mantine-color-brand-7)" />
          <Text fw={700} size="sm">
            {t('channels.embed.title')}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('channels.embed.instructions')}
        </Text>
        <Code block data-testid="embed-code" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 13 }}>
          {embedCode}
        </Code>
        <Group gap="sm">
          <CopyButton value={embedCode} timeout={2500}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'filled'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                data-testid="copy-embed-code"
              >
                {copied ? t('common.copied') : t('channels.embed.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            component="a"
            href={`/widget-demo?channel=${channelId}`}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconExternalLink size={16} />}
            data-testid="open-widget-demo"
          >
            {t('channels.embed.openDemo')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
