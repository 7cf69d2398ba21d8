import { loadConfig, ConfigError, type Config } from './config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './platform/db/embedded';
import { buildApp, type Atende } from './app';
import { createLogger } from './platform/logger';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL, { role: config.ATENDE_ROLE });

  let embedded: EmbeddedDatabase | undefined;
  let app: Atende | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await app?.close();
      await embedded?.stop();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  // A failed background promise (a job library's bookkeeping while the database restarts)
  // is logged, not fatal: durable work is retried from the database.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, log, { port: config.EMBEDDED_PG_PORT });
    databaseUrl = embedded.url;
  }
  app = await buildApp(config, log, databaseUrl);
  const address = await app.listen();
  log.info({ address, role: config.ATENDE_ROLE }, 'Atende is running');
  console.log(
    address
      ? `Atende is running on ${config.PUBLIC_URL ?? `http://localhost:${config.PORT}`} (role ${config.ATENDE_ROLE})`
      : `Atende worker is running (role ${config.ATENDE_ROLE})`,
  );
  // `npm start -- --sandbox`: a local fake WhatsApp Cloud API in this process, so a new user can
  // try WhatsApp end to end without Meta (README "WhatsApp sandbox"). Never on by default.
  if (process.argv.includes('--sandbox') && address) {
    const { startSandboxBesideAtende } = await import('../../sandbox/whatsapp/main');
    await startSandboxBesideAtende({ atendeUrl: `http://localhost:${config.PORT}`, databaseUrl });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
