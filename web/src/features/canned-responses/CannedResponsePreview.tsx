import { Box, Group, Kbd, Paper, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** How the customer will read the answer: an outgoing chat bubble, line breaks kept. */
export function CannedResponsePreview({ shortcut, text }: { shortcut: string; text: string }) {
  const { t } = useTranslation();
  const typed = shortcut.trim() ? (shortcut.trim().startsWith('/') ? shortcut.trim().toLowerCase() : `/${shortcut.trim().toLowerCase()}`) : '/…';
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" data-testid="canned-preview">
      <Group gap={6} mb="sm">
        <IconEye size={16} color="var(--mantine-color-gray-6)" />
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
          {t('cannedResponses.preview.title')}
        </Text>
      </Group>
      <Box style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Box
          px="md"
          py="sm"
          maw="85%"
          style={{
            background: 'var(--mantine-color-brand-7)',
            color: 'white',
            borderRadius: '16px 16px 4px 16px',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            boxShadow: 'var(--mantine-shadow-xs)',
          }}
        >
          <Text size="sm" c={text.trim() ? 'white' : 'rgba(255,255,255,0.7)'} fs={text.trim() ? undefined : 'italic'}>
            {text.trim() ? text : t('cannedResponses.preview.empty')}
          </Text>
        </Box>
      </Box>
      <Text size="xs" c="dimmed" mt="sm">
        {t('cannedResponses.preview.howToUseBefore')} <Kbd size="xs">{typed}</Kbd> {t('cannedResponses.preview.howToUseAfter')}
      </Text>
    </Paper>
  );
}
