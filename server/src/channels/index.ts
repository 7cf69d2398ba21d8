import type { FastifyBaseLogger } from 'fastify';
import type { App } from '../platform/http/server';
import type { Deps } from '../platform/context';
import type { OutboxDispatcher } from '../platform/events/outbox';
import { deliverMessage } from './delivery';
import { forwardAgentTyping } from './typing';
import { registerWebchatRoutes } from './webchat/webchat.routes';
import { attachWebchatSocket } from './webchat/webchat.socket';
import { registerWidgetRoutes } from './webchat/widget.routes';
import { registerWebchatListeners } from './webchat/webchat.listeners';

export {
  ChannelSendError,
  ChannelInboundError,
  mediaAllowed,
  type ChannelAdapter,
  type ChannelCapabilities,
  type NormalizedInbound,
  type OutboundMessage,
} from './channel-adapter';
export { adapterFor, hasAdapter } from './registry';

/**
 * The channels' public entry points — web chat API, widget, demo page, their sockets (and the
 * providers' webhooks later) — for web roles. Configuration of channels is modules/channels.
 */
export async function registerChannelEntryPoints(app: App, deps: Deps) {
  await registerWebchatRoutes(app, deps);
  registerWidgetRoutes(app, deps);
  attachWebchatSocket(deps, app.log);
  forwardAgentTyping(deps, app.log);
}

/** Sending company messages through their channel: every process that dispatches the outbox. */
export function registerChannelListeners(outbox: OutboxDispatcher, deps: Deps, log: FastifyBaseLogger) {
  // Only company messages leave through a channel: customers' own need no transaction at all.
  outbox.on('message.created', 'channels.deliver', (event, tx) => deliverMessage(deps, log, event, tx), {
    when: (e) => e.payload.direction === 'out' && e.payload.kind === 'message' && !e.payload.deliverAt,
  });
  // An active send the group holds back (ROUTE-4 delay) leaves when its timer fires.
  outbox.on('message.due', 'channels.deliver-due', (event, tx) => deliverMessage(deps, log, event, tx));
  registerWebchatListeners(outbox, deps);
}
