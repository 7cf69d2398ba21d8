import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/context';
import { findOpenConversation } from '../../modules/conversations';
import { WEBCHAT_NAMESPACE } from './webchat.rooms';
import { markFromVisitor, visitorByToken, type Visitor } from './webchat.service';

/** Typing pings closer than this are dropped: the agent's indicator lasts longer anyway. */
const TYPING_EVERY_MS = 2000;
const ACK_WINDOW_MS = 10_000;
const ACKS_PER_WINDOW = 30;

/**
 * The widget's live channel: the `/webchat` namespace of the realtime server, authenticated
 * with the visitor token (agents' tokens mean nothing here, and visitors' nothing on `/`).
 * Server → visitor: `message.created`, `message.updated`, `messages.read`, `typing`.
 * Visitor → server: `typing`, `delivered` { messageIds }, `read` { messageIds } (each acknowledged when handled).
 */
export function attachWebchatSocket(deps: Deps, log: FastifyBaseLogger) {
  const nsp = deps.realtime.io.of(WEBCHAT_NAMESPACE);
  const visitors = new WeakMap<object, Visitor>();

  nsp.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      const visitor = await visitorByToken(deps, typeof token === 'string' ? token : null);
      if (!visitor) return next(new Error('unauthorized'));
      visitors.set(socket, visitor);
      next();
    } catch (err) {
      log.error({ err }, 'web chat socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const visitor = visitors.get(socket)!;
    void socket.join(visitor.room);
    let lastTyping = 0;
    const safely = (what: string, fn: () => Promise<void>) =>
      fn().catch((err) => log.warn({ err, visitorId: visitor.id }, `web chat ${what} failed`));

    // Every event may carry an acknowledgement callback, called once the server is done with it.
    const done = (ack: unknown) => () => typeof ack === 'function' && ack();

    socket.on('typing', (_payload?: unknown, ack?: unknown) => {
      const now = Date.now();
      if (now - lastTyping < TYPING_EVERY_MS) return done(ack)();
      lastTyping = now;
      void safely('typing', async () => {
        const c = await findOpenConversation(deps.db, visitor.workspaceId, visitor.channelId, visitor.contactId);
        if (c?.assigneeId) deps.realtime.toUser(visitor.workspaceId, c.assigneeId, 'conversation.typing', { conversationId: c.id });
      }).finally(done(ack));
    });
    // Each acknowledgement costs a lookup per message id: a widget sends a few a minute, so a
    // socket sending more than ACKS_PER_WINDOW in a window is ignored until the window passes.
    let window = { start: Date.now(), count: 0 };
    for (const status of ['delivered', 'read'] as const) {
      socket.on(status, (payload: { messageIds?: unknown } | undefined, ack?: unknown) => {
        const now = Date.now();
        if (now - window.start > ACK_WINDOW_MS) window = { start: now, count: 0 };
        if (++window.count > ACKS_PER_WINDOW) return done(ack)();
        void safely(status, () => markFromVisitor(deps, visitor, status, payload?.messageIds)).finally(done(ack));
      });
    }
  });
}
