import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/context';
import { loginThrottle, sessions } from './auth.schema';

const KEEP_EXPIRED_DAYS = 30;

/** Daily clean-up: sessions long expired, and failed-login counters no longer counting or locking. */
export async function defineAuthJobs(deps: Deps) {
  await deps.jobs.define('auth.prune', async () => {
    await deps.db.delete(sessions).where(lt(sessions.expiresAt, sql`now() - make_interval(days => ${KEEP_EXPIRED_DAYS})`));
    await deps.db
      .delete(loginThrottle)
      .where(
        and(
          lt(loginThrottle.windowStartedAt, sql`now() - interval '1 day'`),
          or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, sql`now()`)),
        ),
      );
  });
}
