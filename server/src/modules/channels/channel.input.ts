import { z } from 'zod';
import { uuidString } from '@contracts/http';
import { CHANNEL_TYPES, channelSettingsSchema } from '@contracts/serving';
import { patchSchemaOf } from '../service-groups';

export const channelTypeSchema = z.enum(CHANNEL_TYPES);

/** API.md: what a WhatsApp Cloud API number needs; `graphUrl` overrides WHATSAPP_GRAPH_URL. */
const secretText = (max: number) => z.string({ error: 'required' }).trim().min(1, 'required').max(max);
export const whatsappCredentialsSchema = z.object({
  phoneNumberId: secretText(64),
  wabaId: secretText(64),
  accessToken: secretText(1024),
  appSecret: secretText(256),
  verifyToken: secretText(256),
  graphUrl: z.string().url('must be a URL').optional(),
});

/** Write-only: sealed at rest and never returned; checked by type in the use case. */
const credentialsSchema = z.record(z.string(), z.unknown());

export const channelInputSchema = z.object({
  type: channelTypeSchema,
  name: z.string().trim().min(1, 'required').max(120),
  serviceGroupId: uuidString,
  settings: patchSchemaOf(channelSettingsSchema).optional(),
  credentials: credentialsSchema.optional(),
});
export type ChannelInput = z.infer<typeof channelInputSchema>;

/** The type of a channel is fixed; settings merge into the stored ones, credentials too. */
export const channelPatchSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120).optional(),
  serviceGroupId: uuidString.optional(),
  settings: patchSchemaOf(channelSettingsSchema).optional(),
  credentials: credentialsSchema.optional(),
});
export type ChannelPatch = z.infer<typeof channelPatchSchema>;

export const channelSchema = z.object({
  id: z.string(),
  type: channelTypeSchema,
  name: z.string(),
  serviceGroupId: z.string(),
  serviceGroupName: z.string().nullable(),
  settings: channelSettingsSchema,
  hasCredentials: z.boolean(),
  /** Web chat: the script tag to paste into the site; null for other types. */
  embedCode: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;
