import { z } from 'zod';
import { MESSAGE_STATUSES } from '@contracts/serving';

/**
 * A message as the visitor's widget sees it: no internal ids of users, no notes, the sender
 * named as the group decides (company, agent or nobody).
 */
export const visitorMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  text: z.string().nullable(),
  attachment: z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number() }).nullable(),
  authorName: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  clientMessageId: z.string().nullable(),
  createdAt: z.string(),
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

export interface VisitorMessageSource {
  id: string;
  direction: 'in' | 'out';
  text: string | null;
  attachment: VisitorMessage['attachment'];
  authorName: string | null;
  status: VisitorMessage['status'];
  clientMessageId: string | null;
  createdAt: Date | string;
}

export const presentForVisitor = (m: VisitorMessageSource): VisitorMessage => ({
  id: m.id,
  direction: m.direction,
  text: m.text,
  attachment: m.attachment,
  authorName: m.direction === 'out' ? m.authorName : null,
  status: m.status,
  clientMessageId: m.direction === 'in' ? m.clientMessageId : null,
  createdAt: typeof m.createdAt === 'string' ? m.createdAt : m.createdAt.toISOString(),
});
