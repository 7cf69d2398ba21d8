import { Box, Group, Text } from '@mantine/core';
import { IconMessageCircle, IconSend, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A still picture of the web chat widget as the site's visitors will see it, drawn from the form. */
export function WidgetPreview(props: { title: string; color: string; welcome: string; offlineMessage: string; offline: boolean }) {
  const { t } = useTranslation();
  const color = /^#[0-9a-fA-F]{6}$/.test(props.color) ? props.color : '#0f766e';
  return (
    <Box data-testid="widget-preview" aria-label={t('channels.preview.title')} role="img">
      <Box
        style={{
          borderRadius: 16,
          overflow: 'hidden',
          boxShadow: '0 12px 32px rgba(15, 23, 42, 0.18)',
          background: 'white',
          border: '1px solid var(--mantine-color-gray-2)',
        }}
      >
        <Group justify="space-between" px="md" py="sm" style={{ background: color, color: 'white' }} wrap="nowrap">
          <Box style={{ minWidth: 0 }}>
            <Text fw={700} size="sm" c="white" truncate>
              {props.title || t('channels.preview.defaultTitle')}
            </Text>
            <Group gap={6}>
              <Box w={8} h={8} style={{ borderRadius: 8, background: props.offline ? '#cbd5e1' : '#4ade80' }} />
              <Text size="xs" c="rgba(255,255,255,0.85)">
                {props.offline ? t('channels.preview.offline') : t('channels.preview.online')}
              </Text>
            </Group>
          </Box>
          <IconX size={18} />
        </Group>
        <Box px="md" py="md" bg="gray.0" mih={190}>
          <Box
            px="sm"
            py={8}
            maw="85%"
            style={{ background: 'white', borderRadius: '14px 14px 14px 4px', border: '1px solid var(--mantine-color-gray-2)', whiteSpace: 'pre-wrap' }}
          >
            <Text size="sm">{props.welcome || '…'}</Text>
          </Box>
          {props.offline && (
            <Box mt="sm" px="sm" py={8} style={{ background: '#fff7ed', borderRadius: 10, border: '1px solid #fed7aa' }}>
              <Text size="xs" c="orange.9">
                {props.offlineMessage || '…'}
              </Text>
            </Box>
          )}
          <Box mt="sm" ml="auto" px="sm" py={8} maw="70%" style={{ background: color, color: 'white', borderRadius: '14px 14px 4px 14px' }}>
            <Text size="sm" c="white">
              {t('channels.preview.sampleVisitor')}
            </Text>
          </Box>
        </Box>
        <Group px="sm" py={8} gap="xs" wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Text size="sm" c="dimmed" style={{ flex: 1 }}>
            {t('channels.preview.composer')}
          </Text>
          <IconSend size={18} color={color} />
        </Group>
      </Box>
      <Group justify="flex-end" mt="md">
        <Box
          w={56}
          h={56}
          style={{ borderRadius: 56, background: color, display: 'grid', placeItems: 'center', boxShadow: '0 8px 20px rgba(15,23,42,0.25)' }}
        >
          <IconMessageCircle size={28} color="white" />
        </Box>
      </Group>
    </Box>
  );
}
