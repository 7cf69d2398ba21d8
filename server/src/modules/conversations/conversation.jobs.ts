import type { Deps } from '../../platform/context';
import { emitEvents } from '../../platform/events/outbox';
import { expireSilent } from './conversation.repository';

export const EXPIRE_JOB = 'conversations.expire';
const SILENCE_MS = 24 * 3600_000;

/**
 * AGENT-5: a continuous sweep (every minute) moves queued, pending and closed conversations
 * whose customer has been silent for 24 h to expired. Batches keep each transaction short.
 */
export async function defineConversationJobs(deps: Deps) {
  await deps.jobs.define(EXPIRE_JOB, async () => {
    for (;;) {
      const expired = await deps.db.transaction(async (tx) => {
        const rows = await expireSilent(tx, new Date(Date.now() - SILENCE_MS), 500);
        await emitEvents(
          tx,
          rows.map((r) => ({ workspaceId: r.workspace_id, type: 'conversation.updated', payload: { conversationId: r.id } })),
        );
        return rows.length;
      });
      if (expired < 500) return;
    }
  });
}
