import { z } from 'zod';

/** Shapes of the serving domain shared by server and web (API.md "Service"). */

export const STRATEGIES = ['circular', 'random', 'priority', 'least_handling_time', 'least_conversations', 'longest_idle'] as const;
export const strategySchema = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof strategySchema>;

export const CONVERSATION_STATUSES = ['bot', 'queued', 'active', 'pending', 'closed', 'expired'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const CHANNEL_TYPES = ['whatsapp', 'webchat', 'telegram', 'email', 'sms', 'voice'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** ROUTE-3 group settings (API.md). */
export const serviceGroupSettingsSchema = z.object({
  nameShown: z.enum(['company', 'agent', 'none']).default('agent'),
  redirectOnDisconnect: z.boolean().default(true),
  transferToPaused: z.boolean().default(false),
  receptiveOnly: z.boolean().default(false),
  priorityToWalletAgent: z.boolean().default(false),
  requiresOnlineAgent: z.boolean().default(false),
  activeSend: z
    .object({ whatsapp: z.boolean().default(false), sms: z.boolean().default(false), voice: z.boolean().default(false), email: z.boolean().default(false), telegram: z.boolean().default(false) })
    .default({ whatsapp: false, sms: false, voice: false, email: false, telegram: false }),
  sendWhatsappTemplate: z.boolean().default(false),
  allowAudio: z.boolean().default(true),
  allowImage: z.boolean().default(true),
  allowVideo: z.boolean().default(true),
  allowDocument: z.boolean().default(true),
  /** ROUTE-5: when the group serves (`/api/v1/business-hours`); null = always open. */
  businessHoursId: z.string().uuid().nullable().default(null),
});
export type ServiceGroupSettings = z.infer<typeof serviceGroupSettingsSchema>;

const minutes = z.number().int().min(0).max(525_600).nullable().default(null);
/** ROUTE-4 timers (0 or null = off); they fire from the automation issue on. */
export const serviceGroupTimersSchema = z.object({
  inactivityMinutes: minutes,
  inactivityWarningPercent: z.number().int().min(0).max(100).nullable().default(null),
  inactivityScope: z.enum(['customer', 'both']).default('customer'),
  autoPendingMinutes: minutes,
  agentAnswerMinutes: minutes,
  queuePositionMinutes: minutes,
  partnerInactivityWarningMinutes: minutes,
  activeSendDelayMinutes: minutes,
  initialSlaMinutes: minutes,
});
export type ServiceGroupTimers = z.infer<typeof serviceGroupTimersSchema>;

/** CHAN-6 channel settings (API.md); webchat also has its widget look. */
export const channelSettingsSchema = z.object({
  autoCreateContacts: z.boolean().default(true),
  defaultContactName: z.string().max(120).default('Visitante'),
  businessHoursId: z.string().uuid().nullable().default(null),
  greeting: z
    .object({
      text: z.string().max(2000).default(''),
      morning: z.string().max(2000).default(''),
      afternoon: z.string().max(2000).default(''),
      night: z.string().max(2000).default(''),
      morningStart: z.string().regex(/^\d\d:\d\d:\d\d$/).default('06:00:00'),
      afternoonStart: z.string().regex(/^\d\d:\d\d:\d\d$/).default('12:00:00'),
      nightStart: z.string().regex(/^\d\d:\d\d:\d\d$/).default('18:00:00'),
    })
    .default({ text: '', morning: '', afternoon: '', night: '', morningStart: '06:00:00', afternoonStart: '12:00:00', nightStart: '18:00:00' }),
  outOfHoursMessage: z.string().max(2000).default(''),
  noAgentMessage: z.string().max(2000).default(''),
  waitMessage: z.string().max(2000).default(''),
  waitMessageIntervalMinutes: z.number().int().min(0).max(1440).default(0),
  /** ROUTE-3: told to queued customers every `queuePositionMinutes` of the group, or whenever it changes when that is off. */
  queuePositionMessage: z.string().max(2000).default(''),
  /** CONT-1: the answer to an inactive contact, whose messages are kept but not served. */
  inactiveContactMessage: z.string().max(2000).default(''),
  expirationWarningMessage: z.string().max(2000).default(''),
  expirationWarningMinutes: z.number().int().min(0).max(1440).default(0),
  /** Web chat only: what the widget shows. */
  widget: z
    .object({
      title: z.string().max(80).default('Fale conosco'),
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#0f766e'),
      welcome: z.string().max(500).default('Olá! Como podemos ajudar?'),
      offlineMessage: z.string().max(500).default('No momento não há atendentes disponíveis. Deixe sua mensagem que responderemos assim que possível.'),
    })
    .default({ title: 'Fale conosco', color: '#0f766e', welcome: 'Olá! Como podemos ajudar?', offlineMessage: 'No momento não há atendentes disponíveis. Deixe sua mensagem que responderemos assim que possível.' }),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

/** CHAN-7: what each side may send, checked on the sniffed type, never the file name. */
export const AGENT_ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/bmp', 'application/pdf'] as const;
export const CUSTOMER_ATTACHMENT_PREFIXES = ['image/', 'audio/', 'video/'] as const;
export const CUSTOMER_DOCUMENT_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
  'application/zip',
] as const;
export const MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024;

export const PAUSE_DEFAULT_MINUTES = 15;
