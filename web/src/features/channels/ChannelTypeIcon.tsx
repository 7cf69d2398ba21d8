import { ThemeIcon } from '@mantine/core';
import { IconBrandTelegram, IconBrandWhatsapp, IconMail, IconMessageCircle, IconMessage2, IconPhone, type TablerIcon } from '@tabler/icons-react';
import type { ChannelType } from '@contracts/serving';

export const CHANNEL_LOOK: Record<ChannelType, { icon: TablerIcon; color: string }> = {
  webchat: { icon: IconMessageCircle, color: 'brand' },
  whatsapp: { icon: IconBrandWhatsapp, color: 'green' },
  telegram: { icon: IconBrandTelegram, color: 'blue' },
  email: { icon: IconMail, color: 'orange' },
  sms: { icon: IconMessage2, color: 'grape' },
  voice: { icon: IconPhone, color: 'indigo' },
};

export function ChannelTypeIcon({ type, size = 36 }: { type: ChannelType; size?: number }) {
  const look = CHANNEL_LOOK[type];
  return (
    <ThemeIcon variant="light" color={look.color} size={size} radius="md">
      <look.icon size={Math.round(size * 0.56)} />
    </ThemeIcon>
  );
}
