import type { TFunction } from 'i18next';
import type { Message } from '../serving/types';

/**
 * Typed readers of `message.content` (whatsapp-common: inbound shapes; contracts/messages:
 * outbound ones). The API sends plain JSON, so each reader checks what it relies on and the
 * bubble falls back to the text when a shape is not what it expects.
 */
export interface LocationContent {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
  url?: string;
}

export interface InteractiveButtonContent {
  type: 'button';
  header?: string;
  body: string;
  footer?: string;
  buttons: { id: string; title: string }[];
}

export interface InteractiveListContent {
  type: 'list';
  header?: string;
  body: string;
  footer?: string;
  button: string;
  sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
}

export interface InteractiveReplyContent {
  type: 'button_reply' | 'list_reply';
  id: string;
  title: string;
  description?: string;
}

export interface TemplateComponent {
  type: string;
  format?: string;
  text?: string;
  buttons?: { type: string; text: string; url?: string; phone_number?: string }[];
}

export interface TemplateContent {
  name: string;
  language: string;
  parameters?: string[];
  category?: string;
  components?: TemplateComponent[];
}

/** Meta's contact card (messages[].contacts[]). */
export interface ContactCard {
  name?: { formatted_name?: string; first_name?: string; last_name?: string };
  phones?: { phone?: string; wa_id?: string; type?: string }[];
  emails?: { email?: string; type?: string }[];
  org?: { company?: string; title?: string };
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function locationOf(m: Message): LocationContent | null {
  const c = obj(m.content);
  if (!c || typeof c.latitude !== 'number' || typeof c.longitude !== 'number') return null;
  return c as unknown as LocationContent;
}

export function contactsOf(m: Message): ContactCard[] {
  const list = obj(m.content)?.contacts;
  return Array.isArray(list) ? (list.filter((x) => obj(x)) as ContactCard[]) : [];
}

export function interactiveOf(m: Message): InteractiveButtonContent | InteractiveListContent | InteractiveReplyContent | null {
  const c = obj(m.content);
  if (!c) return null;
  if (c.type === 'button' && Array.isArray(c.buttons)) return c as unknown as InteractiveButtonContent;
  if (c.type === 'list' && Array.isArray(c.sections)) return c as unknown as InteractiveListContent;
  if ((c.type === 'button_reply' || c.type === 'list_reply') && typeof c.title === 'string') return c as unknown as InteractiveReplyContent;
  return null;
}

export function templateOf(m: Message): TemplateContent | null {
  const c = obj(m.content);
  return c && typeof c.name === 'string' ? (c as unknown as TemplateContent) : null;
}

export function reactionOf(m: Message): { emoji: string; messageExternalId: string | null } | null {
  if (m.contentType !== 'reaction') return null;
  const c = obj(m.content);
  const emoji = typeof c?.emoji === 'string' ? c.emoji : (m.text ?? '');
  return { emoji, messageExternalId: typeof c?.messageExternalId === 'string' ? c.messageExternalId : null };
}

export function mediaFlags(m: Message): { voice: boolean; animated: boolean } {
  const c = obj(m.content);
  return { voice: c?.voice === true, animated: c?.animated === true };
}

export function templatePart(components: TemplateComponent[] | undefined, type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS') {
  return components?.find((c) => c.type?.toUpperCase() === type);
}

export function contactName(c: ContactCard): string {
  return c.name?.formatted_name || [c.name?.first_name, c.name?.last_name].filter(Boolean).join(' ') || '—';
}

export function osmUrl(l: LocationContent): string {
  return `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=16/${l.latitude}/${l.longitude}`;
}

/** One line describing a message, for reply quotes and the composer's "replying to" bar. */
export function messageSummary(m: Message, t: TFunction): string {
  const text = m.text?.trim();
  switch (m.contentType) {
    case 'image':
      return text || t('whatsapp.summary.image');
    case 'video':
      return text || t('whatsapp.summary.video');
    case 'audio':
      return mediaFlags(m).voice ? t('whatsapp.summary.voice') : t('whatsapp.summary.audio');
    case 'document':
      return text || m.attachment?.fileName || t('whatsapp.summary.document');
    case 'sticker':
      return t('whatsapp.summary.sticker');
    case 'location':
      return `📍 ${text || t('whatsapp.summary.location')}`;
    case 'contacts':
      return `👤 ${text || t('whatsapp.summary.contacts')}`;
    case 'unsupported':
      return t('whatsapp.unsupported');
    default:
      if (text) return text;
      return m.attachment ? m.attachment.fileName : '';
  }
}
