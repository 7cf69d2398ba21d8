import { z } from 'zod';
import { templateVariableCount } from '@contracts/messages';

/** What an admin may submit, within Meta's template rules (protocols.md §1.9). */
const quickReply = z.object({ type: z.literal('QUICK_REPLY'), text: z.string().trim().min(1).max(25) });
const urlButton = z.object({ type: z.literal('URL'), text: z.string().trim().min(1).max(25), url: z.string().url().max(2000) });
const phoneButton = z.object({ type: z.literal('PHONE_NUMBER'), text: z.string().trim().min(1).max(25), phone_number: z.string().regex(/^\+\d{8,15}$/, 'a number in +E.164 form') });

export const templateInputSchema = z
  .object({
    name: z.string().trim().min(1, 'required').max(512).regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _ only'),
    language: z.string().trim().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as pt_BR or en'),
    category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
    components: z.object({
      header: z
        .object({ text: z.string().trim().min(1).max(60, 'at most 60 characters'), example: z.string().trim().min(1).max(60).optional() })
        .refine((h) => templateVariableCount(h.text) <= 1, { message: 'at most one variable', path: ['text'] })
        .refine((h) => templateVariableCount(h.text) === 0 || !!h.example, { message: 'an example for the variable is required', path: ['example'] })
        .optional(),
      body: z
        .object({ text: z.string().trim().min(1, 'required').max(1024, 'at most 1024 characters'), examples: z.array(z.string().trim().min(1).max(200)).max(20).optional() })
        .refine((b) => (b.examples?.length ?? 0) === templateVariableCount(b.text), { message: 'one example per variable {{n}}', path: ['examples'] }),
      footer: z.object({ text: z.string().trim().min(1).max(60, 'at most 60 characters') }).optional(),
      buttons: z
        .array(z.discriminatedUnion('type', [quickReply, urlButton, phoneButton]))
        .max(10)
        .refine((b) => b.filter((x) => x.type === 'QUICK_REPLY').length <= 3, 'at most 3 quick replies')
        .refine((b) => b.filter((x) => x.type === 'URL').length <= 2, 'at most 2 URL buttons')
        .refine((b) => b.filter((x) => x.type === 'PHONE_NUMBER').length <= 1, 'at most 1 phone button')
        .refine((b) => !(b.some((x) => x.type === 'QUICK_REPLY') && b.some((x) => x.type !== 'QUICK_REPLY')), 'quick replies cannot mix with URL or phone buttons')
        .optional(),
    }),
  });
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  rejectedReason: z.string().nullable(),
  components: z.array(z.record(z.string(), z.unknown())),
  /** Values the body expects when sending ({{1}} … {{n}}). */
  parameterCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
