import type { Deps } from '../../platform/context';
import type { OutboxDispatcher } from '../../platform/events/outbox';
import { getConversation } from '../../modules/conversations';
import { toVisitor, visitorRoom } from './webchat.rooms';

/**
 * The visitor's own ticks turn "read" when the agent has read the conversation: every
 * `conversation.updated` that leaves no unread customer message tells the widget so.
 * (Reading is what zeroes the count; messages arriving later raise it again.)
 */
export function registerWebchatListeners(outbox: OutboxDispatcher, deps: Deps) {
  outbox.on('conversation.updated', 'webchat.visitor-read', async (e, tx) => {
    const c = await getConversation(tx, e.workspaceId, String(e.payload.conversationId));
    if (!c || c.unreadCount !== 0 || !c.lastCustomerMessageAt) return;
    // The room exists only for web chat contacts; other channels' rooms are simply empty.
    toVisitor(deps, visitorRoom(e.workspaceId, c.channelId, c.contactId), 'messages.read', { until: e.createdAt.toISOString() });
  }, { pushOnly: true });
}
