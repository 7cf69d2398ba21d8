import pg from 'pg';
import type { Logger } from 'pino';

/**
 * One dedicated connection that LISTENs to PostgreSQL channels and calls back on each NOTIFY.
 * It reconnects with back-off; after a reconnect every callback runs once with no payload,
 * because notifications sent while it was away are lost.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = 500;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly name: string,
    private readonly handlers: Record<string, (payload: string | undefined) => void>,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.pool.options, application_name: this.name });
    client.on('notification', (n) => this.handlers[n.channel]?.(n.payload || undefined));
    client.on('error', (err) => this.log.warn({ err }, `${this.name}: listener connection error`));
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = null;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      for (const channel of Object.keys(this.handlers)) await client.query(`listen ${channel}`);
    } catch (err) {
      this.log.warn({ err }, `${this.name}: listener could not connect; polling until it does`);
      client.end().catch(() => {});
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.reconnectDelay = 500;
    for (const handler of Object.values(this.handlers)) handler(undefined);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }
}
