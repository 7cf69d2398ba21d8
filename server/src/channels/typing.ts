import type { FastifyBaseLogger } from 'fastify';
import { uuidString } from '@contracts/http';
import type { Deps } from '../platform/context';
import { getChannel } from '../modules/channels';
import { getConversation } from '../modules/conversations';
import { adapterFor, hasAdapter } from './registry';

const TYPING_EVERY_MS = 2000;

/**
 * Agent → contact "typing…": the agent workspace emits `conversation.typing` { conversationId }
 * on its socket; only the conversation's assignee is forwarded, through the channel's adapter.
 */
export function forwardAgentTyping(deps: Deps, log: FastifyBaseLogger) {
  deps.realtime.onConnection((socket) => {
    let last = 0;
    socket.on('conversation.typing', (payload: { conversationId?: unknown } | undefined, ack?: unknown) => {
      const done = () => typeof ack === 'function' && ack();
      const p = socket.data.principal;
      const id = uuidString.safeParse(payload?.conversationId);
      const now = Date.now();
      if (!p.userId || !id.success || now - last < TYPING_EVERY_MS) return done();
      last = now;
      void (async () => {
        const c = await getConversation(deps.db, p.workspaceId, id.data);
        if (!c || c.assigneeId !== p.userId || c.status !== 'active') return;
        const channel = await getChannel(deps.db, p.workspaceId, c.channelId);
        if (!channel || !hasAdapter(channel.type)) return;
        const adapter = adapterFor(channel.type);
        if (adapter.capabilities.typing && adapter.sendTyping) await adapter.sendTyping({ deps, log }, channel, c.contactId);
      })()
        .catch((err) => log.warn({ err }, 'agent typing could not be forwarded'))
        .finally(done);
    });
  });
}
