import { Avatar, Box } from '@mantine/core';
import type { ChannelType } from '@contracts/serving';
import { initials } from '../../lib/format';
import { ChannelIcon } from './ChannelIcon';

const COLORS = ['brand', 'indigo', 'grape', 'cyan', 'orange', 'pink', 'violet', 'teal', 'blue', 'lime'];

/** A stable colour per contact, so the same person looks the same in the list and the panel. */
export function colorFor(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i += 1) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length];
}

/** Initials of the contact, or of the number when there is no name yet. */
export function ContactAvatar(props: { id: string; name: string; size?: number; channelType?: ChannelType; channelName?: string }) {
  const size = props.size ?? 40;
  const label = /\p{L}/u.test(props.name) ? initials(props.name) : '#';
  return (
    <Box pos="relative" style={{ flex: 'none' }}>
      <Avatar size={size} radius="xl" color={colorFor(props.id)} variant="light" fw={700}>
        {label}
      </Avatar>
      {props.channelType && (
        <Box pos="absolute" right={-4} bottom={-4} style={{ borderRadius: '50%', border: '2px solid white', background: 'white', lineHeight: 0 }}>
          <ChannelIcon type={props.channelType} name={props.channelName} size={18} />
        </Box>
      )}
    </Box>
  );
}

/** E.164 as people read it: Brazilian numbers as +55 (11) 98765-4321, others unchanged. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const br = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(phone);
  return br ? `+55 (${br[1]}) ${br[2]}-${br[3]}` : phone;
}

/** Name of the contact, or their number / e-mail while they have none. */
export function contactLabel(contact: { displayName?: string | null; phone?: string | null; email?: string | null } | null | undefined): string {
  return contact?.displayName?.trim() || formatPhone(contact?.phone) || contact?.email || '—';
}
