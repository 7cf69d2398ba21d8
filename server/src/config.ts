import { z } from 'zod';

/** Every environment variable Atende reads (API.md "Process"), parsed once at start-up. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Port of the embedded PostgreSQL (only without DATABASE_URL); a free one if taken. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(5433),
  PUBLIC_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  REDIS_URL: z.string().url().optional(),
  ATENDE_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  ATENDE_BOOTSTRAP_WORKSPACE: z.string().min(1).optional(),
  ATENDE_BOOTSTRAP_ADMIN_LOGIN: z.string().min(1).optional(),
  ATENDE_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(1).optional(),
  WHATSAPP_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
});

export type Config = z.infer<typeof schema> & { secureCookies: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset": shells and .env files often export VAR= .
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const bootstrap = [c.ATENDE_BOOTSTRAP_WORKSPACE, c.ATENDE_BOOTSTRAP_ADMIN_LOGIN, c.ATENDE_BOOTSTRAP_ADMIN_PASSWORD];
  if (bootstrap.some(Boolean) && !bootstrap.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\n  ATENDE_BOOTSTRAP_*: set ATENDE_BOOTSTRAP_WORKSPACE, ATENDE_BOOTSTRAP_ADMIN_LOGIN and ATENDE_BOOTSTRAP_ADMIN_PASSWORD together',
    );
  }
  return { ...c, secureCookies: (c.PUBLIC_URL ?? '').startsWith('https://') };
}
