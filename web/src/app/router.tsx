import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import type { Permission } from '@contracts/permissions';
import { setSessionHandlers } from '../lib/api';
import { LoginPage } from '../features/auth/LoginPage';
import { PasswordChangePage } from '../features/auth/PasswordChangePage';
import { SetupPage } from '../features/auth/SetupPage';
import { AgentWorkspacePage } from '../features/serving/AgentWorkspacePage';
import { SupervisionPage } from '../features/supervision/SupervisionPage';
import { UsersPage } from '../features/users/UsersPage';
import { OperationsPage } from '../features/operations/OperationsPage';
import { ApiCredentialsPage } from '../features/api-credentials/ApiCredentialsPage';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { ServiceGroupsPage } from '../features/service-groups/ServiceGroupsPage';
import { ChannelsPage } from '../features/channels/ChannelsPage';
import { ClassificationsPage } from '../features/classifications/ClassificationsPage';
import { CannedResponsesPage } from '../features/canned-responses/CannedResponsesPage';
import { PauseReasonsPage } from '../features/pause-reasons/PauseReasonsPage';
import { BusinessHoursPage } from '../features/business-hours/BusinessHoursPage';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { ContactImportPage } from '../features/contacts/ContactImportPage';
import { ContactAttributesPage } from '../features/contacts/ContactAttributesPage';
import { AppLayout } from './AppLayout';
import { GuestOnly, HomeRedirect, RequirePermission, RequireSession, SetupGate } from './guards';
import { ROUTE_PERMISSIONS } from './navigation';
import { ME_KEY } from './session';
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from './StatusPages';

const guarded = (anyOf: Permission[], element: ReactNode) => <RequirePermission anyOf={anyOf}>{element}</RequirePermission>;

export function createAppRouter(queryClient: QueryClient) {
  const router = createBrowserRouter([
    {
      element: <SetupGate />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/setup', element: <SetupPage /> },
        { path: '/login', element: <GuestOnly><LoginPage /></GuestOnly> },
        { path: '/password-change', element: <PasswordChangePage /> },
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <HomeRedirect /> },
                { path: '/inbox/:conversationId?', element: guarded(ROUTE_PERMISSIONS.inbox, <AgentWorkspacePage />) },
                { path: '/supervision', element: guarded(ROUTE_PERMISSIONS.supervision, <SupervisionPage />) },
                { path: '/contacts', element: guarded(ROUTE_PERMISSIONS.contacts, <ContactsPage />) },
                { path: '/contacts/import', element: guarded(ROUTE_PERMISSIONS.contactImport, <ContactImportPage />) },
                { path: '/admin', element: <HomeRedirect /> },
                { path: '/admin/users', element: guarded(ROUTE_PERMISSIONS.users, <UsersPage />) },
                { path: '/admin/operations', element: guarded(ROUTE_PERMISSIONS.operations, <OperationsPage />) },
                { path: '/admin/service-groups', element: guarded(ROUTE_PERMISSIONS.serviceGroups, <ServiceGroupsPage />) },
                { path: '/admin/channels', element: guarded(ROUTE_PERMISSIONS.channels, <ChannelsPage />) },
                { path: '/admin/classifications', element: guarded(ROUTE_PERMISSIONS.classifications, <ClassificationsPage />) },
                { path: '/admin/canned-responses', element: guarded(ROUTE_PERMISSIONS.cannedResponses, <CannedResponsesPage />) },
                { path: '/admin/pause-reasons', element: guarded(ROUTE_PERMISSIONS.pauseReasons, <PauseReasonsPage />) },
                { path: '/admin/contact-attributes', element: guarded(ROUTE_PERMISSIONS.contactAttributes, <ContactAttributesPage />) },
                { path: '/admin/business-hours', element: guarded(ROUTE_PERMISSIONS.businessHours, <BusinessHoursPage />) },
                { path: '/admin/api-credentials', element: guarded(ROUTE_PERMISSIONS.apiCredentials, <ApiCredentialsPage />) },
                { path: '/admin/audit-log', element: guarded(ROUTE_PERMISSIONS.audit, <AuditLogPage />) },
                { path: '/no-access', element: <ForbiddenPage /> },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);

  setSessionHandlers({
    // The cookie expired or was revoked: forget everything cached for the old session.
    sessionLost: () => {
      if (router.state.location.pathname === '/login') return;
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      void router.navigate('/login', { replace: true, state: { from: router.state.location.pathname } });
    },
    passwordChangeRequired: () => {
      if (router.state.location.pathname === '/password-change') return;
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void router.navigate('/password-change', { replace: true });
    },
  });
  return router;
}
