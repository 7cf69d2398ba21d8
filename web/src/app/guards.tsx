import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '@contracts/permissions';
import { homePath, useMe, useSetupStatus } from './session';
import { FullPageLoader, LoadFailedPage, ForbiddenPage } from './StatusPages';

/** Sends every visit to /setup while the server has no workspace, and away from it afterwards. */
export function SetupGate() {
  const { data, isPending } = useSetupStatus();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  const onSetup = location.pathname === '/setup';
  if (data?.needsSetup && !onSetup) return <Navigate to="/setup" replace />;
  if (!data?.needsSetup && onSetup) return <Navigate to="/login" replace />;
  return <Outlet />;
}

/** Signed-in area: anonymous visitors go to login, users with a temporary password to the change screen. */
export function RequireSession() {
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (isError) return <LoadFailedPage onRetry={() => void refetch()} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.user.mustChangePassword) return <Navigate to="/password-change" replace />;
  return <Outlet />;
}

/** Login and setup are for visitors; a signed-in user goes straight home. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { data: me, isPending } = useMe();
  if (isPending) return <FullPageLoader />;
  if (me && me.user.mustChangePassword) return <Navigate to="/password-change" replace />;
  if (me) return <Navigate to={homePath(me)} replace />;
  return <>{children}</>;
}

export function RequirePermission({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me || !anyOf.some((p) => me.permissions.includes(p))) return <ForbiddenPage />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const { data: me } = useMe();
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={homePath(me)} replace />;
}
