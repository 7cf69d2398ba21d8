import { z } from 'zod';
import type { AttachmentRow } from './attachment.repository';

export const attachmentSchema = z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number() });
export type AttachmentView = z.infer<typeof attachmentSchema>;

export const presentAttachment = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  fileName: r.fileName,
  mimeType: r.mimeType,
  size: r.size,
});
