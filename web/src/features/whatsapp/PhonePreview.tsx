import type { ReactNode } from 'react';
import { Box, Group, Stack, Text } from '@mantine/core';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { BubbleButtons } from './MessageContent';
import { templatePart, type TemplateComponent } from './messageContent';

/** A phone-like frame with WhatsApp's chat wallpaper, for previews of what the customer receives. */
export function PhonePreview({ children }: { children: ReactNode }) {
  return (
    <Box
      data-testid="phone-preview"
      style={{ border: '8px solid #1f2937', borderRadius: 28, overflow: 'hidden', maxWidth: 320, marginInline: 'auto', background: '#efeae2' }}
    >
      <Group gap={8} px="sm" py={8} bg="#075e54" c="white">
        <IconBrandWhatsapp size={18} />
        <Text size="sm" fw={600} c="white">
          WhatsApp
        </Text>
      </Group>
      <Stack p="sm" mih={260} justify="flex-start">
        {children}
      </Stack>
    </Box>
  );
}

/** A received message as WhatsApp draws it: white bubble, header, body, footer, buttons. */
export function PreviewBubble({ header, body, footer, buttons }: { header?: string; body: string; footer?: string; buttons?: string[] }) {
  return (
    <Box bg="white" p={8} style={{ borderRadius: 8, borderTopLeftRadius: 0, boxShadow: '0 1px 1px rgba(0,0,0,0.1)', maxWidth: '92%' }}>
      {header && (
        <Text size="sm" fw={700} mb={4}>
          {header}
        </Text>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} c={body ? 'gray.9' : 'gray.5'}>
        {body || '…'}
      </Text>
      {footer && (
        <Text size="xs" c="dimmed" mt={4}>
          {footer}
        </Text>
      )}
      {buttons && buttons.length > 0 && <BubbleButtons labels={buttons} />}
    </Box>
  );
}

export function TemplateBubble({ components, body }: { components: TemplateComponent[]; body: string }) {
  const header = templatePart(components, 'HEADER');
  return (
    <PreviewBubble
      header={!header?.format || header.format === 'TEXT' ? header?.text : undefined}
      body={body}
      footer={templatePart(components, 'FOOTER')?.text}
      buttons={templatePart(components, 'BUTTONS')?.buttons?.map((b) => b.text)}
    />
  );
}
