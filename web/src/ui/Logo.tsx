import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMessageChatbot } from '@tabler/icons-react';
import { BRAND_GRADIENT } from './theme';

const SIZES = {
  sm: { icon: 28, glyph: 17, text: 'lg' },
  md: { icon: 34, glyph: 20, text: 'xl' },
  lg: { icon: 44, glyph: 26, text: '1.75rem' },
} as const;

/** The brand mark: a chat bubble in the teal→indigo gradient plus the wordmark. */
export function Logo({ size = 'md', inverted = false }: { size?: keyof typeof SIZES; inverted?: boolean }) {
  const s = SIZES[size];
  return (
    <Group gap={10} wrap="nowrap" aria-label="Atende">
      <ThemeIcon
        size={s.icon}
        radius="md"
        variant={inverted ? 'white' : 'gradient'}
        gradient={BRAND_GRADIENT}
        color={inverted ? 'brand.8' : undefined}
      >
        <IconMessageChatbot size={s.glyph} stroke={2} />
      </ThemeIcon>
      <Text fw={800} fz={s.text} lh={1} c={inverted ? 'white' : undefined} style={{ letterSpacing: '-0.02em' }}>
        Atende
      </Text>
    </Group>
  );
}
