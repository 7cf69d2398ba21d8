import type { Deps } from '../../platform/context';
import type { OutboxDispatcher, OutboxEvent } from '../../platform/events/outbox';
import { userRoom } from '../../platform/realtime/realtime';
import { findConversationView, findConversationViews } from './conversation.repository';
import { findMessageViews } from './message.repository';
import { presentConversation, presentMessage } from './conversation.presenter';

/** These handlers only read and push: they run beside the batch's routing and automation. */
const PUSH = { pushOnly: true };

export const supervisorsRoom = (workspaceId: string) => `supervisors:${workspaceId}`;
/** The conversation's agent (when it has one) and the supervisors. */
const recipients = (workspaceId: string, assigneeId: string | null) =>
  assigneeId ? [userRoom(workspaceId, assigneeId), supervisorsRoom(workspaceId)] : [supervisorsRoom(workspaceId)];

/**
 * Realtime pushes, after the change committed (outbox), to whoever may see it: the
 * conversation's agent, its previous agent, and the supervisors of the workspace.
 */
export function registerConversationListeners(outbox: OutboxDispatcher, deps: Deps) {
  const rt = deps.realtime;
  const load = async (workspaceId: string, id: string) => {
    const v = await findConversationView(deps.db, workspaceId, id);
    return v ? presentConversation(v) : null;
  };

  /** The events' messages with their conversations, as screens show them: two queries for the lot. */
  const messagesOf = async (workspaceId: string, events: OutboxEvent[]) => {
    const [found, views] = await Promise.all([
      findMessageViews(deps.db, workspaceId, events.map((e) => String(e.payload.messageId))),
      findConversationViews(deps.db, workspaceId, events.map((e) => String(e.payload.conversationId))),
    ]);
    return events.flatMap((e) => {
      const m = found.get(String(e.payload.messageId));
      const v = views.get(String(e.payload.conversationId));
      return m && v ? [{ m, v }] : [];
    });
  };

  // A routing pass assigns hundreds at once: one query for the lot, one queue notice per group.
  outbox.onBatch('conversation.assigned', 'realtime.conversation-assigned', async (events) => {
    const workspaceId = events[0].workspaceId;
    const views = await findConversationViews(deps.db, workspaceId, events.map((e) => String(e.payload.conversationId)));
    const queues = new Set<string>();
    for (const e of events) {
      const v = views.get(String(e.payload.conversationId));
      if (!v) continue;
      const c = presentConversation(v);
      if (c.assigneeId) rt.toUser(workspaceId, c.assigneeId, 'conversation.assigned', { conversation: c });
      const previous = e.payload.previousAssigneeId as string | null | undefined;
      if (previous && previous !== c.assigneeId) rt.toUser(workspaceId, previous, 'conversation.removed', { conversationId: c.id });
      rt.toRoom(supervisorsRoom(workspaceId), 'conversation.updated', { conversation: c });
      queues.add(c.serviceGroupId);
    }
    for (const serviceGroupId of queues) rt.toRoom(supervisorsRoom(workspaceId), 'queue.updated', { serviceGroupId });
  }, PUSH);

  // Timers close or requeue hundreds at once: one query for the lot, one queue notice per group.
  outbox.onBatch('conversation.released', 'realtime.conversation-released', async (events) => {
    const workspaceId = events[0].workspaceId;
    const views = await findConversationViews(deps.db, workspaceId, events.map((e) => String(e.payload.conversationId)));
    const queues = new Set<string>();
    for (const e of events) {
      const previous = e.payload.previousAssigneeId as string | null | undefined;
      if (previous) rt.toUser(workspaceId, previous, 'conversation.removed', { conversationId: String(e.payload.conversationId) });
      const v = views.get(String(e.payload.conversationId));
      if (!v) continue;
      const c = presentConversation(v);
      rt.toRoom(supervisorsRoom(workspaceId), 'conversation.updated', { conversation: c });
      queues.add(c.serviceGroupId);
    }
    for (const serviceGroupId of queues) rt.toRoom(supervisorsRoom(workspaceId), 'queue.updated', { serviceGroupId });
  }, PUSH);

  outbox.on('conversation.updated', 'realtime.conversation-updated', async (e) => {
    const c = await load(e.workspaceId, String(e.payload.conversationId));
    if (!c) return;
    if (c.assigneeId) rt.toUser(e.workspaceId, c.assigneeId, 'conversation.updated', { conversation: c });
    rt.toRoom(supervisorsRoom(e.workspaceId), 'conversation.updated', { conversation: c });
  }, PUSH);

  // Bursts of inbound messages arrive together: two queries for the lot, and one queue notice per group.
  outbox.onBatch('message.created', 'realtime.message-created', async (events) => {
    const workspaceId = events[0].workspaceId;
    const queues = new Set<string>();
    for (const { m, v } of await messagesOf(workspaceId, events)) {
      const c = presentConversation(v);
      const payload = { message: presentMessage(m), conversation: c };
      // One emit for the agent and the supervisors: each emit costs a NOTIFY and its encoding.
      rt.toRooms(recipients(workspaceId, c.assigneeId), 'message.created', payload);
      if (c.status === 'queued') queues.add(c.serviceGroupId);
    }
    for (const serviceGroupId of queues) rt.toRoom(supervisorsRoom(workspaceId), 'queue.updated', { serviceGroupId });
  }, PUSH);

  // Provider callbacks (delivered, read) come in bursts too: two queries for the lot.
  outbox.onBatch('message.updated', 'realtime.message-updated', async (events) => {
    const workspaceId = events[0].workspaceId;
    for (const { m, v } of await messagesOf(workspaceId, events)) {
      rt.toRooms(recipients(workspaceId, v.c.assigneeId), 'message.updated', { message: presentMessage(m) });
    }
  }, PUSH);
}
