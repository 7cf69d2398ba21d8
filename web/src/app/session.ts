import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { User } from '@contracts/users';
import type { Permission } from '@contracts/permissions';
import { api, isApiError } from '../lib/api';
import { applyWorkspaceLanguage } from '../lib/i18n';

export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
}

export interface Me {
  user: User;
  workspace: Workspace;
  permissions: Permission[];
}

export const ME_KEY = ['me'] as const;
export const SETUP_KEY = ['setup-status'] as const;

/** null means "not signed in": the 401 of /me is an answer, not a failure. */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/v1/me', { expectUnauthorized: true });
    applyWorkspaceLanguage(me.workspace?.locale);
    return me;
  } catch (err) {
    if (isApiError(err) && (err.status === 401 || err.code === 'user_inactive' || err.code === 'outside_work_hours')) {
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

let lastSession: Me | null = null;

/**
 * The signed-in session, for components below the session guard. When the session ends, the
 * shell may render once more before the guard redirects; it then sees the last known session
 * instead of crashing.
 */
export function useSession(): Me {
  const { data } = useMe();
  if (data) lastSession = data;
  const session = data ?? lastSession;
  if (!session) throw new Error('useSession used outside a signed-in route');
  return session;
}

export function useCan() {
  const { data } = useMe();
  const granted = new Set(data?.permissions ?? []);
  return (...anyOf: Permission[]) => anyOf.some((p) => granted.has(p));
}

export async function refreshSession(queryClient: QueryClient): Promise<Me | null> {
  return queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
}

async function fetchSetupStatus(): Promise<{ needsSetup: boolean }> {
  try {
    return await api.get<{ needsSetup: boolean }>('/api/v1/setup/status', { expectUnauthorized: true });
  } catch (err) {
    // A server without the setup route was bootstrapped from the environment.
    if (isApiError(err) && err.status === 404) return { needsSetup: false };
    throw err;
  }
}

export function useSetupStatus() {
  return useQuery({ queryKey: SETUP_KEY, queryFn: fetchSetupStatus, staleTime: Infinity });
}

/** Where each role lands after signing in (USER-2). */
export function homePath(me: Me): string {
  const has = (p: Permission) => me.permissions.includes(p);
  if (me.user.role === 'admin') return '/admin/users';
  if (has('serving.use')) return '/inbox';
  if (has('supervision.view')) return '/supervision';
  if (has('users.read')) return '/admin/users';
  return '/no-access';
}
