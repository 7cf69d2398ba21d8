import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/client';
import type { SecretBox } from './crypto';
import type { Jobs } from './jobs/jobs';
import type { Realtime } from './realtime/realtime';
import type { Storage } from './storage';

/** The httpOnly cookie that carries a browser's session token (HTTP and realtime). */
export const SESSION_COOKIE = 'atende_session';

/** Who is acting: a logged-in user or an API credential, always inside one workspace. */
export interface Principal {
  workspaceId: string;
  sessionId: string;
  userId: string | null;
  credentialId: string | null;
  role: 'admin' | 'supervisor' | 'supervisor_agent' | 'agent';
  label: string;
  mustChangePassword: boolean;
}

/** What a use case receives: the database, the actor and where the request came from. */
export interface Ctx {
  db: Db;
  secrets: SecretBox;
  log: FastifyBaseLogger;
  workspaceId: string;
  actor: Principal | null;
  ip: string | null;
  userAgent: string | null;
  now: () => Date;
}

/** What the composition root hands to every module's routes and listeners. */
export interface Deps {
  db: Db;
  secrets: SecretBox;
  jobs: Jobs;
  realtime: Realtime;
  /** Uploaded files (attachments) under DATA_DIR. */
  storage: Storage;
}
