import type { FastifyBaseLogger } from 'fastify';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import type { OutboxDispatcher } from '../../platform/events/outbox';
import { ChannelSendError } from '../channel-adapter';
import { sendReadReceipt } from './whatsapp.adapter';
import { setDefaultGraphUrl } from './whatsapp.graph';
import { registerWhatsappWebhook } from './whatsapp.webhook.routes';
import { registerTemplateRoutes } from './whatsapp.templates.routes';
import type { WhatsappDrainer } from './whatsapp.drainer';

export { whatsappAdapter, setSendLimits } from './whatsapp.adapter';
export { whatsappEvents, whatsappTemplates } from './whatsapp.schema';
export { processPending } from './whatsapp.processor';
export { WhatsappDrainer } from './whatsapp.drainer';

const SWEEP_JOB = 'whatsapp.sweep';

/**
 * Every role defines the queue; workers (which have a drainer) run it. The sweep re-queues
 * events a lost signal or a crash left pending; workers also need the Graph URL for media.
 */
export async function defineWhatsappJobs(deps: Deps, drainer: WhatsappDrainer | null, opts: { graphUrl: string }) {
  setDefaultGraphUrl(opts.graphUrl);
  await deps.jobs.define(SWEEP_JOB, async () => drainer?.sweep());
}

/** `/webhooks/whatsapp` and the templates API; `graphUrl` is config WHATSAPP_GRAPH_URL. */
export async function registerWhatsappRoutes(app: App, deps: Deps, opts: { graphUrl: string }) {
  setDefaultGraphUrl(opts.graphUrl);
  await registerWhatsappWebhook(app, deps);
  registerTemplateRoutes(app, deps);
}

/** Read receipts: the agent opened the conversation → Meta shows the blue ticks. */
export function registerWhatsappListeners(outbox: OutboxDispatcher, deps: Deps, log: FastifyBaseLogger) {
  outbox.on('conversation.read', 'whatsapp.read-receipt', async (event) => {
    const p = event.payload as { conversationId?: string; channelId?: string };
    if (!p.conversationId || !p.channelId) return;
    try {
      await sendReadReceipt(deps, event.workspaceId, p.channelId, p.conversationId);
    } catch (err) {
      // Only a temporary failure is worth another try; a read receipt is never critical.
      if (err instanceof ChannelSendError && !err.retryable) return log.warn({ err }, 'WhatsApp read receipt refused');
      throw err;
    }
  });
}

export async function scheduleWhatsappJobs(deps: Deps) {
  await deps.jobs.schedule(SWEEP_JOB, '* * * * *');
}
