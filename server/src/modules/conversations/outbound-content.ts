import { and, eq } from 'drizzle-orm';
import { fillTemplate, templateVariableCount, type Interactive, type TemplateSend } from '@contracts/messages';
import type { Executor } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { whatsappTemplates } from '../../channels/whatsapp/whatsapp.schema';

export type OutboundBody =
  | { text: string }
  | { attachmentId: string; caption?: string }
  | { note: string }
  | { template: TemplateSend }
  | { interactive: Interactive };

/** CHAN-2: past the reply window only templates may go (and notes, which never leave). */
export function assertWindowOpen(windowExpiresAt: Date | null, body: OutboundBody, now = new Date()) {
  if ('note' in body || 'template' in body) return;
  if (windowExpiresAt && windowExpiresAt <= now) {
    throw new AppError(409, 'window_closed', 'The 24-hour window to reply has closed: send an approved template', [
      { path: 'text' in body ? 'text' : 'interactive' in body ? 'interactive' : 'attachmentId', message: 'window closed' },
    ]);
  }
}

/**
 * A template must be approved for the channel and get exactly its body's variables; the
 * stored text is the body filled in, so lists and transcripts read naturally.
 */
export async function resolveTemplate(db: Executor, workspaceId: string, channelId: string, t: TemplateSend) {
  const [row] = await db
    .select()
    .from(whatsappTemplates)
    .where(
      and(
        eq(whatsappTemplates.workspaceId, workspaceId),
        eq(whatsappTemplates.channelId, channelId),
        eq(whatsappTemplates.name, t.name),
        eq(whatsappTemplates.language, t.language),
      ),
    );
  if (!row) throw validationFailed([{ path: 'template.name', message: 'template not found for this channel' }]);
  if (row.status !== 'APPROVED') throw validationFailed([{ path: 'template.name', message: `template is ${row.status.toLowerCase()}` }]);
  const body = String((row.components.find((c) => c.type === 'BODY') as { text?: string } | undefined)?.text ?? '');
  const expected = templateVariableCount(body);
  if (t.parameters.length !== expected) {
    throw validationFailed([{ path: 'template.parameters', message: `expects ${expected} parameter(s)` }]);
  }
  return { text: fillTemplate(body, t.parameters), content: { ...t, category: row.category, components: row.components } };
}

/** Text kept for lists and transcripts of an interactive message. */
export const interactiveText = (i: Interactive) => i.body;
