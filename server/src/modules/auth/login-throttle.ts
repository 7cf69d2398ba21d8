import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { loginThrottle } from './auth.schema';

/** USER-5: after MAX_FAILURES wrong passwords within WINDOW, that login is locked for LOCK. */
export const MAX_FAILURES = 5;
const WINDOW_S = 15 * 60;
const LOCK_S = 15 * 60;

const keyOf = (login: string) => login.trim().toLowerCase();

/** Seconds the login stays locked, or 0. */
export async function lockedFor(db: Executor, login: string): Promise<number> {
  const [row] = await db
    .select({ s: sql<number>`greatest(0, extract(epoch from (${loginThrottle.lockedUntil} - now())))::float` })
    .from(loginThrottle)
    .where(eq(loginThrottle.key, keyOf(login)));
  return row ? Math.ceil(row.s) : 0;
}

/**
 * Counts one failure atomically (one upsert, so concurrent attempts from several processes
 * all count) and returns the lock it caused, in seconds, or 0.
 */
export async function registerFailure(db: Executor, login: string): Promise<number> {
  const r = await db.execute<{ locked: number }>(sql`
    insert into login_throttle (key, failures, window_started_at)
    values (${keyOf(login)}, 1, now())
    on conflict (key) do update set
      failures = case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_S})
                      then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_S})
                      then now() else login_throttle.window_started_at end
    returning failures >= ${MAX_FAILURES} as locked`);
  if (!r.rows[0]?.locked) return 0;
  await db
    .update(loginThrottle)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${LOCK_S})`, failures: 0, windowStartedAt: sql`now()` })
    .where(eq(loginThrottle.key, keyOf(login)));
  return LOCK_S;
}

export async function clearFailures(db: Executor, login: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keyOf(login)));
}
