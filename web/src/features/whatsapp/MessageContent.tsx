import { useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Anchor, Badge, Box, Divider, Group, Paper, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import {
  IconAddressBook,
  IconAlertTriangle,
  IconArrowBackUp,
  IconExternalLink,
  IconList,
  IconMail,
  IconMapPin,
  IconMicrophone,
  IconPhone,
  IconPlayerPauseFilled,
  IconPlayerPlayFilled,
  IconTemplate,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../conversation/AttachmentView';
import type { Message } from '../serving/types';
import {
  contactName,
  contactsOf,
  interactiveOf,
  locationOf,
  mediaFlags,
  messageSummary,
  osmUrl,
  templateOf,
  templatePart,
  type InteractiveButtonContent,
  type InteractiveListContent,
} from './messageContent';

/** WhatsApp-style buttons under a bubble: what the customer sees and taps. */
export function BubbleButtons({ labels, icon }: { labels: string[]; icon?: ReactNode }) {
  return (
    <Stack gap={4} mt={8} data-testid="bubble-buttons">
      {labels.map((label, i) => (
        <Group
          key={`${label}-${i}`}
          justify="center"
          gap={6}
          py={6}
          style={{ borderTop: '1px solid var(--mantine-color-gray-3)', color: 'var(--mantine-color-blue-7)' }}
        >
          {icon ?? <IconArrowBackUp size={14} />}
          <Text size="sm" fw={600} c="blue.7">
            {label}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Header, body and footer of an interactive or template message. */
function Framed({ header, body, footer }: { header?: string; body: string; footer?: string }) {
  return (
    <Stack gap={4}>
      {header && (
        <Text size="sm" fw={700} c="gray.9">
          {header}
        </Text>
      )}
      <Text size="sm" lh={1.45} c="gray.9" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {body}
      </Text>
      {footer && (
        <Text size="xs" c="dimmed">
          {footer}
        </Text>
      )}
    </Stack>
  );
}

export function InteractivePreview({ content }: { content: InteractiveButtonContent | InteractiveListContent }) {
  const { t } = useTranslation();
  const rows = content.type === 'list' ? content.sections.reduce((n, s) => n + s.rows.length, 0) : 0;
  return (
    <Box data-testid="interactive-message" data-type={content.type}>
      <Framed header={content.header} body={content.body} footer={content.footer} />
      {content.type === 'button' ? (
        <BubbleButtons labels={content.buttons.map((b) => b.title)} />
      ) : (
        <>
          <BubbleButtons labels={[content.button]} icon={<IconList size={14} />} />
          <Stack gap={6} mt={4} p={8} bg="gray.0" style={{ borderRadius: 8 }}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('whatsapp.interactive.listOptions', { count: rows })}
            </Text>
            {content.sections.map((s, i) => (
              <Box key={i}>
                {s.title && (
                  <Text size="xs" fw={700} c="teal.8" tt="uppercase">
                    {s.title}
                  </Text>
                )}
                {s.rows.map((r) => (
                  <Text key={r.id} size="xs" c="gray.8">
                    • {r.title}
                    {r.description ? <Text span size="xs" c="dimmed">{` — ${r.description}`}</Text> : null}
                  </Text>
                ))}
              </Box>
            ))}
          </Stack>
        </>
      )}
    </Box>
  );
}

function LocationCard({ m }: { m: Message }) {
  const { t } = useTranslation();
  const l = locationOf(m);
  if (!l) return null;
  const coords = `${l.latitude.toFixed(5)}, ${l.longitude.toFixed(5)}`;
  return (
    <Paper withBorder radius="md" p="sm" bg="white" maw={300} data-testid="location-card">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={38} radius="md" color="red" variant="light">
          <IconMapPin size={22} />
        </ThemeIcon>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={700}>
            {l.name || t('whatsapp.location.title')}
          </Text>
          {l.address && (
            <Text size="xs" c="gray.7">
              {l.address}
            </Text>
          )}
          <Text size="xs" c="dimmed" ff="monospace">
            {coords}
          </Text>
          <Anchor href={osmUrl(l)} target="_blank" rel="noreferrer noopener" size="xs" fw={600} mt={2}>
            <Group gap={4} component="span">
              {t('whatsapp.location.open')}
              <IconExternalLink size={12} />
            </Group>
          </Anchor>
        </Stack>
      </Group>
    </Paper>
  );
}

function ContactCards({ m }: { m: Message }) {
  const contacts = contactsOf(m);
  return (
    <Stack gap={6} data-testid="contacts-card">
      {contacts.map((c, i) => (
        <Paper key={i} withBorder radius="md" p="sm" bg="white" miw={220} maw={300}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon size={38} radius="xl" color="teal" variant="light">
              <IconAddressBook size={20} />
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={700}>
                {contactName(c)}
              </Text>
              {c.org?.company && (
                <Text size="xs" c="dimmed">
                  {[c.org.title, c.org.company].filter(Boolean).join(' · ')}
                </Text>
              )}
              {c.phones?.map((p, j) => (
                <Group key={`p${j}`} gap={4} wrap="nowrap">
                  <IconPhone size={12} color="var(--mantine-color-gray-6)" />
                  <Text size="xs">{p.phone ?? p.wa_id}</Text>
                </Group>
              ))}
              {c.emails?.map((e, j) => (
                <Group key={`e${j}`} gap={4} wrap="nowrap">
                  <IconMail size={12} color="var(--mantine-color-gray-6)" />
                  <Text size="xs">{e.email}</Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** A voice note as WhatsApp shows it: round play button, mic, a bar, the duration. */
function VoiceNote({ m }: { m: Message }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [progress, setProgress] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  if (!m.attachment) return null;
  const fmt = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  return (
    <Group gap={8} wrap="nowrap" w={240} data-testid="voice-note">
      <audio
        ref={ref}
        src={attachmentUrl(m.attachment.id)}
        preload="metadata"
        onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
        onTimeUpdate={(e) => setProgress(e.currentTarget.duration ? e.currentTarget.currentTime / e.currentTarget.duration : 0)}
        onEnded={() => {
          setPlaying(false);
          setProgress(0);
        }}
      />
      <ActionIcon
        radius="xl"
        size={34}
        color="teal"
        aria-label={playing ? t('whatsapp.voice.pause') : t('whatsapp.voice.play')}
        onClick={() => {
          const a = ref.current;
          if (!a) return;
          if (a.paused) void a.play().then(() => setPlaying(true), () => setPlaying(false));
          else {
            a.pause();
            setPlaying(false);
          }
        }}
      >
        {playing ? <IconPlayerPauseFilled size={16} /> : <IconPlayerPlayFilled size={16} />}
      </ActionIcon>
      <Box style={{ flex: 1 }}>
        <Box h={4} bg="gray.3" style={{ borderRadius: 2, overflow: 'hidden' }}>
          <Box h={4} bg="teal.6" w={`${Math.round(progress * 100)}%`} />
        </Box>
        <Text size="10px" c="dimmed" mt={3}>
          {duration !== null ? fmt(duration) : t('whatsapp.voice.label')}
        </Text>
      </Box>
      <IconMicrophone size={18} color="var(--mantine-color-teal-6)" aria-label={t('whatsapp.voice.label')} />
    </Group>
  );
}

/** Quoted original above a reply; clicking jumps to it in the list. */
export function ReplyQuote({ target, onJump }: { target: Message | null; onJump?: (id: string) => void }) {
  const { t } = useTranslation();
  const who = target ? (target.direction === 'in' ? t('whatsapp.reply.customer') : (target.authorName ?? t('inbox.message.company'))) : null;
  return (
    <UnstyledButton
      onClick={() => target && onJump?.(target.id)}
      disabled={!target}
      mb={6}
      px={8}
      py={4}
      w="100%"
      data-testid="reply-quote"
      style={{
        display: 'block',
        borderLeft: `3px solid var(--mantine-color-${target?.direction === 'in' ? 'teal' : 'brand'}-5)`,
        background: 'rgba(0,0,0,0.04)',
        borderRadius: 6,
        cursor: target ? 'pointer' : 'default',
      }}
    >
      {target ? (
        <>
          <Text size="xs" fw={700} c={target.direction === 'in' ? 'teal.8' : 'brand.8'}>
            {who}
          </Text>
          <Text size="xs" c="gray.7" lineClamp={2}>
            {messageSummary(target, t)}
          </Text>
        </>
      ) : (
        <Text size="xs" c="dimmed" fs="italic">
          {t('whatsapp.reply.notLoaded')}
        </Text>
      )}
    </UnstyledButton>
  );
}

/**
 * The body of a WhatsApp-specific message, or null when the generic text/attachment
 * rendering is right (text, image, video, document, plain audio).
 */
export function WhatsappContent({ m, replyTarget }: { m: Message; replyTarget?: Message | null }) {
  const { t } = useTranslation();
  switch (m.contentType) {
    case 'location':
      return <LocationCard m={m} />;
    case 'contacts':
      return contactsOf(m).length > 0 ? <ContactCards m={m} /> : null;
    case 'audio':
      return mediaFlags(m).voice && m.attachment ? <VoiceNote m={m} /> : null;
    case 'sticker':
      return m.attachment ? (
        <img src={attachmentUrl(m.attachment.id)} alt={t('whatsapp.summary.sticker')} width={128} height={128} style={{ objectFit: 'contain', display: 'block' }} data-testid="sticker" />
      ) : null;
    case 'unsupported':
      return (
        <Group gap={6} wrap="nowrap" data-testid="unsupported-message">
          <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" />
          <Text size="sm" c="gray.7" fs="italic">
            {t('whatsapp.unsupported')}
          </Text>
        </Group>
      );
    case 'button': {
      const text = m.text ?? '';
      return (
        <Stack gap={4} data-testid="button-reply">
          <Badge size="xs" variant="light" color="teal" tt="none" leftSection={<IconArrowBackUp size={10} />}>
            {t('whatsapp.interactive.quickReply')}
          </Badge>
          <Text size="sm" c="gray.9">
            {text}
          </Text>
        </Stack>
      );
    }
    case 'interactive': {
      const c = interactiveOf(m);
      if (!c) return null;
      if (c.type === 'button' || c.type === 'list') return <InteractivePreview content={c} />;
      return (
        <Stack gap={4} data-testid="interactive-reply">
          {replyTarget && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {messageSummary(replyTarget, t)}
            </Text>
          )}
          <Badge size="lg" variant="light" color="teal" tt="none" radius="xl" leftSection={c.type === 'list_reply' ? <IconList size={14} /> : <IconArrowBackUp size={14} />}>
            {t('whatsapp.interactive.answered', { title: c.title })}
          </Badge>
          {c.description && (
            <Text size="xs" c="dimmed">
              {c.description}
            </Text>
          )}
        </Stack>
      );
    }
    case 'template': {
      const tpl = templateOf(m);
      const header = templatePart(tpl?.components, 'HEADER');
      const footer = templatePart(tpl?.components, 'FOOTER');
      const buttons = templatePart(tpl?.components, 'BUTTONS')?.buttons ?? [];
      return (
        <Box data-testid="template-message">
          <Group gap={6} mb={6}>
            <Badge size="xs" variant="light" color="grape" tt="none" leftSection={<IconTemplate size={10} />}>
              {t('whatsapp.template.tag')}
            </Badge>
            {tpl && (
              <Text size="10px" c="dimmed" ff="monospace">
                {tpl.name} · {tpl.language}
              </Text>
            )}
          </Group>
          <Framed header={header?.format === 'TEXT' || !header?.format ? header?.text : undefined} body={m.text ?? ''} footer={footer?.text} />
          {buttons.length > 0 && (
            <>
              <Divider mt={8} color="gray.2" />
              <BubbleButtons labels={buttons.map((b) => b.text)} icon={buttons[0].type === 'URL' ? <IconExternalLink size={14} /> : undefined} />
            </>
          )}
        </Box>
      );
    }
    default:
      return null;
  }
}

/** Content types drawn without the bubble around them. */
export const bubbleless = (m: Message) => m.contentType === 'sticker' && !!m.attachment;

/** Whether WhatsappContent draws this message (its text included); else the generic text/attachment view does. */
export function hasSpecialContent(m: Message): boolean {
  switch (m.contentType) {
    case 'location':
      return locationOf(m) !== null;
    case 'contacts':
      return contactsOf(m).length > 0;
    case 'audio':
      return mediaFlags(m).voice && !!m.attachment;
    case 'sticker':
      return !!m.attachment;
    case 'interactive':
      return interactiveOf(m) !== null;
    case 'unsupported':
    case 'button':
    case 'template':
      return true;
    default:
      return false;
  }
}
