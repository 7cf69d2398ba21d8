import type { Logger } from 'pino';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Config } from './config';
import type { Deps } from './platform/context';
import { createDb, createPool, migrationsApplied, runMigrations, type Db } from './platform/db/client';
import { createHttpServer, type App } from './platform/http/server';
import { resolveSecretKey, SecretBox } from './platform/crypto';
import { OutboxDispatcher, pruneDispatchedEvents } from './platform/events/outbox';
import { TimerRunner } from './platform/timers/timers';
import { registerAutomation } from './modules/automation';
import { createJobs } from './platform/jobs/jobs';
import { createRealtime } from './platform/realtime/realtime';
import { LocalDiskStorage } from './platform/storage';
import multipart from '@fastify/multipart';
import { registerAttachmentRoutes } from './modules/attachments';
import { registerChannelEntryPoints, registerChannelListeners } from './channels';
import { defineAuthJobs, findPrincipal, installAccessControl, registerAuthListeners, registerAuthRoutes } from './modules/auth';
import { bootstrapFromEnv, registerWorkspaceRoutes } from './modules/workspaces';
import { registerUserImportRoutes, registerUserRoutes } from './modules/users';
import { registerOperationRoutes } from './modules/operations';
import { registerAuditRoutes } from './modules/audit';
import { registerServiceGroupRoutes } from './modules/service-groups';
import { registerClassificationRoutes } from './modules/classifications';
import { registerCannedResponseRoutes } from './modules/canned-responses';
import { registerPauseReasonRoutes } from './modules/pause-reasons';
import { registerChannelRoutes } from './modules/channels';
import { registerBusinessHoursRoutes } from './modules/business-hours';
import { defineContactImportJobs, registerContactAttributeRoutes, registerContactImportRoutes, registerContactRoutes } from './modules/contacts';
import { defineConversationJobs, EXPIRE_JOB, registerConversationListeners, registerConversationRoutes } from './modules/conversations';
import {
  defineAgentSocketJobs,
  defineRoutingJobs,
  registerAgentSockets,
  registerRoutingListeners,
  registerRoutingRoutes,
  registerRoutingTimers,
  registerSupervisorSockets,
} from './modules/routing';
import { registerSupervisionRoutes } from './modules/supervision';
import { defineWhatsappJobs, registerWhatsappListeners, registerWhatsappRoutes, scheduleWhatsappJobs, WhatsappDrainer } from './channels/whatsapp';
import { registerOutboundRoutes, registerOutboundTimers } from './modules/outbound';

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const OUTBOX_RETENTION_DAYS = 7;

export interface Atende {
  http: App | null;
  db: Db;
  deps: Deps;
  secrets: SecretBox;
  outbox: OutboxDispatcher | null;
  /** Durable timers (worker roles). */
  timers: TimerRunner | null;
  /** Starts listening (web roles) and background work (worker roles). */
  listen(): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * The composition root: builds every dependency once and mounts the modules.
 * `web` serves HTTP and realtime; `worker` runs jobs and the outbox; `all` does both.
 */
export async function buildApp(
  config: Config,
  log: Logger,
  databaseUrl: string,
  hooks: {
    /** Lets tests observe the HTTP server before routes are mounted (route inventory). */
    beforeRoutes?: (app: App) => void;
    /** The clock timers fire by (tests simulate one and call `timers.fireDue()`). */
    clock?: () => Date;
  } = {},
): Promise<Atende> {
  const serveHttp = config.ATENDE_ROLE !== 'worker';
  const work = config.ATENDE_ROLE !== 'web';

  const pool = createPool(databaseUrl, 20);
  pool.on('error', (err) => log.error({ err }, 'idle database client failed'));
  await runMigrations(pool);
  const db = createDb(pool);
  const secrets = new SecretBox(resolveSecretKey(config.SECRET_KEY, config.DATA_DIR));
  const jobs = await createJobs({ connectionString: databaseUrl, log, worker: work });

  const http = serveHttp
    ? await createHttpServer(log, { webRoot: existsSync(webDist) ? webDist : undefined })
    : null;
  if (serveHttp && !existsSync(webDist)) log.warn('web/dist is missing: run `npm run build` to serve the web app');
  // A worker has no sockets of its own, but its emits reach every web process through the adapter.
  const realtime = await createRealtime({
    httpServer: http?.server,
    pool,
    redisUrl: config.REDIS_URL,
    log,
    authenticate: (token) => findPrincipal(db, token),
  });
  const deps: Deps = { db, secrets, jobs, realtime, storage: new LocalDiskStorage(join(config.DATA_DIR, 'attachments')) };

  await bootstrapFromEnv({ db, secrets, log, ip: null, userAgent: null, now: () => new Date() }, {
    workspace: config.ATENDE_BOOTSTRAP_WORKSPACE,
    login: config.ATENDE_BOOTSTRAP_ADMIN_LOGIN,
    password: config.ATENDE_BOOTSTRAP_ADMIN_PASSWORD,
  });

  if (http) {
    hooks.beforeRoutes?.(http);
    http.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    http.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
      const ready = await migrationsApplied(pool).catch(() => false);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready' });
    });
    installAccessControl(http, db);
    const { startSession } = registerAuthRoutes(http, deps, { secureCookies: config.secureCookies });
    registerWorkspaceRoutes(http, deps, startSession);
    registerUserRoutes(http, deps);
    registerOperationRoutes(http, deps);
    registerAuditRoutes(http, deps);
    registerServiceGroupRoutes(http, deps);
    registerClassificationRoutes(http, deps);
    registerCannedResponseRoutes(http, deps);
    registerPauseReasonRoutes(http, deps);
    registerChannelRoutes(http, deps, { publicUrl: config.PUBLIC_URL });
    registerBusinessHoursRoutes(http, deps);
    registerContactRoutes(http, deps);
    registerContactAttributeRoutes(http, deps);
    registerConversationRoutes(http, deps);
    registerRoutingRoutes(http, deps);
    registerSupervisionRoutes(http, deps);
    registerOutboundRoutes(http, deps);
    registerSupervisorSockets(deps);
    registerAgentSockets(deps);
    // Uploads stream (limits are set per request); registered once for every module's upload routes.
    await http.register(multipart);
    registerAttachmentRoutes(http, deps);
    registerContactImportRoutes(http, deps);
    registerUserImportRoutes(http, deps);
    await registerChannelEntryPoints(http, deps);
    await registerWhatsappRoutes(http, deps, { graphUrl: config.WHATSAPP_GRAPH_URL });
  }

  // Every process that dispatches must register the same handlers (an event with none is done).
  const outbox = work ? new OutboxDispatcher({ pool, db, log }) : null;
  if (outbox) registerAuthListeners(outbox, deps);
  if (outbox) registerRoutingListeners(outbox, deps);
  if (outbox) registerConversationListeners(outbox, deps);
  if (outbox) registerChannelListeners(outbox, deps, log);
  if (outbox) registerWhatsappListeners(outbox, deps, log);
  const timers = work ? new TimerRunner({ db, log, now: hooks.clock }) : null;
  if (outbox && timers) registerAutomation(outbox, timers);
  if (timers) registerRoutingTimers(timers);
  if (outbox && timers) registerOutboundTimers(timers);

  await jobs.define('outbox.prune', async () => {
    const removed = await pruneDispatchedEvents(db, new Date(Date.now() - OUTBOX_RETENTION_DAYS * 86_400_000));
    log.info({ removed }, 'pruned dispatched outbox events');
  });
  await defineAuthJobs(deps);
  await defineRoutingJobs(deps);
  await defineAgentSocketJobs(deps);
  await defineConversationJobs(deps);
  await defineContactImportJobs(deps);
  const whatsapp = work ? new WhatsappDrainer(deps, log, pool) : null;
  await defineWhatsappJobs(deps, whatsapp, { graphUrl: config.WHATSAPP_GRAPH_URL });

  return {
    http,
    db,
    deps,
    secrets,
    outbox,
    timers,
    async listen() {
      if (outbox) await outbox.start();
      // A simulated clock is driven by its test, not by polling.
      if (timers && !hooks.clock) timers.start();
      // Listening starts with a sweep: what was stored but not processed goes at once.
      await whatsapp?.start();
      if (work) {
        await jobs.schedule('outbox.prune', '17 3 * * *');
        await jobs.schedule('auth.prune', '27 3 * * *');
        await jobs.schedule(EXPIRE_JOB, '* * * * *');
        await scheduleWhatsappJobs(deps);
      }
      return http ? http.listen({ port: config.PORT, host: config.HOST }) : null;
    },
    async close() {
      // Sockets and requests end first; then background work finishes; the pool closes last.
      await realtime.close();
      await http?.close();
      await whatsapp?.stop();
      await timers?.stop();
      await outbox?.stop();
      await jobs.stop();
      await pool.end();
    },
  };
}
