import type pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import type { Deps } from '../../platform/context';
import { PgListener } from '../../platform/db/listener';
import { processPending } from './whatsapp.processor';
import { channelsWithPending, WHATSAPP_EVENTS_CHANNEL } from './whatsapp.repository';

/** A failed event is tried again this much later (the minute sweep also catches it after a crash). */
const RETRY_MS = 5_000;
/** Another process holds the channel: look again this soon, so nothing it missed waits for the sweep. */
const BUSY_MS = 100;

/**
 * Turns stored webhook events into messages as soon as they commit: each worker process listens
 * for the webhook's NOTIFY and drains that channel. One drain per channel per process; across
 * processes, `processPending`'s advisory lock lets one batch of a channel run at a time, so a
 * contact's messages keep their order.
 */
export class WhatsappDrainer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listener: PgListener;
  private stopped = false;

  constructor(
    private readonly deps: Deps,
    private readonly log: FastifyBaseLogger,
    pool: pg.Pool,
  ) {
    this.listener = new PgListener(pool, log as unknown as Logger, 'atende-whatsapp', {
      // No payload: (re)connected, and what was signalled meanwhile is unknown.
      [WHATSAPP_EVENTS_CHANNEL]: (channelId) => (channelId ? this.request(channelId) : void this.sweep()),
    });
  }

  async start() {
    this.stopped = false;
    await this.listener.start();
  }

  async stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.listener.stop();
    await Promise.allSettled(this.running.values());
  }

  /** Every channel with pending events (after a restart, a lost signal, a failure's delay). */
  async sweep() {
    try {
      for (const channelId of await channelsWithPending(this.deps.db)) this.request(channelId);
    } catch (err) {
      this.log.warn({ err }, 'WhatsApp sweep failed');
    }
  }

  request(channelId: string) {
    if (this.stopped) return;
    if (this.running.has(channelId)) {
      this.again.add(channelId);
      return;
    }
    const run = this.drain(channelId).finally(() => this.running.delete(channelId));
    this.running.set(channelId, run);
  }

  private later(channelId: string, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.request(channelId);
    }, ms);
    this.timers.add(t);
  }

  private async drain(channelId: string) {
    do {
      this.again.delete(channelId);
      try {
        const r = await processPending(this.deps, this.log, channelId);
        if (r.busy) this.later(channelId, BUSY_MS);
        if (r.failed > 0) this.later(channelId, RETRY_MS);
      } catch (err) {
        this.log.warn({ err, channelId }, 'WhatsApp processing failed; retried later');
        this.later(channelId, RETRY_MS);
      }
    } while (this.again.has(channelId) && !this.stopped);
  }
}
