import { ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconBrandTelegram,
  IconBrandWhatsapp,
  IconMail,
  IconMessage2,
  IconMessageChatbot,
  IconPhone,
  type TablerIcon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChannelType } from '@contracts/serving';

const CHANNELS: Record<ChannelType, { icon: TablerIcon; color: string }> = {
  whatsapp: { icon: IconBrandWhatsapp, color: 'green' },
  webchat: { icon: IconMessageChatbot, color: 'brand' },
  telegram: { icon: IconBrandTelegram, color: 'blue' },
  email: { icon: IconMail, color: 'grape' },
  sms: { icon: IconMessage2, color: 'orange' },
  voice: { icon: IconPhone, color: 'indigo' },
};

/** The channel a conversation came through, as the same small coloured icon everywhere. */
export function ChannelIcon({ type, name, size = 22 }: { type: ChannelType; name?: string; size?: number }) {
  const { t } = useTranslation();
  const channel = CHANNELS[type] ?? CHANNELS.webchat;
  const Icon = channel.icon;
  const label = t(`inbox.channels.${CHANNELS[type] ? type : 'webchat'}`);
  return (
    <Tooltip label={name ? `${label} · ${name}` : label} openDelay={300}>
      <ThemeIcon size={size} radius="xl" variant="light" color={channel.color} aria-label={label} style={{ flex: 'none' }}>
        <Icon size={Math.round(size * 0.62)} />
      </ThemeIcon>
    </Tooltip>
  );
}

