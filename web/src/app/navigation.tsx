import { IconChartBar, IconHistory, IconKey, IconMessages, IconSitemap, IconUsers, type TablerIcon } from '@tabler/icons-react';
import { IconClockHour8, IconClockPause, IconListTree, IconMessageBolt, IconPlugConnected, IconUsersGroup } from '@tabler/icons-react';
import { IconAddressBook, IconTags } from '@tabler/icons-react';
import type { Permission } from '@contracts/permissions';
import type { TFunction } from 'i18next';

export interface NavItem {
  to: string;
  label: string;
  /** The navbar draws and sizes it, so every entry's icon looks the same. */
  icon: TablerIcon;
  anyOf: Permission[];
  testId: string;
}

export interface NavSection {
  title: string | null;
  testId: string;
  items: NavItem[];
}

/** One list decides both what the navbar shows and what each route requires, so they cannot drift apart. */
export const ROUTE_PERMISSIONS = {
  inbox: ['serving.use'],
  supervision: ['supervision.view'],
  contacts: ['contacts.read'],
  contactImport: ['contacts.import'],
  contactAttributes: ['contactAttributes.manage'],
  users: ['users.read', 'users.manage'],
  operations: ['operations.read', 'operations.manage'],
  serviceGroups: ['serviceGroups.manage'],
  channels: ['channels.manage'],
  classifications: ['classifications.manage'],
  cannedResponses: ['cannedResponses.manage'],
  pauseReasons: ['pauseReasons.manage'],
  businessHours: ['businessHours.manage'],
  apiCredentials: ['apiCredentials.manage'],
  audit: ['audit.read'],
} satisfies Record<string, Permission[]>;

export function navSections(t: TFunction): NavSection[] {
  return [
    {
      title: null,
      testId: 'nav-main',
      items: [
        { to: '/inbox', label: t('nav.inbox'), icon: IconMessages, anyOf: ROUTE_PERMISSIONS.inbox, testId: 'nav-inbox' },
        { to: '/supervision', label: t('nav.supervision'), icon: IconChartBar, anyOf: ROUTE_PERMISSIONS.supervision, testId: 'nav-supervision' },
        { to: '/contacts', label: t('contacts.nav'), icon: IconAddressBook, anyOf: ROUTE_PERMISSIONS.contacts, testId: 'nav-contacts' },
      ],
    },
    {
      title: t('nav.administration'),
      testId: 'nav-admin',
      items: [
        { to: '/admin/users', label: t('nav.users'), icon: IconUsers, anyOf: ROUTE_PERMISSIONS.users, testId: 'nav-users' },
        { to: '/admin/operations', label: t('nav.operations'), icon: IconSitemap, anyOf: ROUTE_PERMISSIONS.operations, testId: 'nav-operations' },
        { to: '/admin/service-groups', label: t('config.nav.serviceGroups'), icon: IconUsersGroup, anyOf: ROUTE_PERMISSIONS.serviceGroups, testId: 'nav-service-groups' },
        { to: '/admin/channels', label: t('config.nav.channels'), icon: IconPlugConnected, anyOf: ROUTE_PERMISSIONS.channels, testId: 'nav-channels' },
        { to: '/admin/classifications', label: t('config.nav.classifications'), icon: IconListTree, anyOf: ROUTE_PERMISSIONS.classifications, testId: 'nav-classifications' },
        { to: '/admin/canned-responses', label: t('config.nav.cannedResponses'), icon: IconMessageBolt, anyOf: ROUTE_PERMISSIONS.cannedResponses, testId: 'nav-canned-responses' },
        { to: '/admin/pause-reasons', label: t('config.nav.pauseReasons'), icon: IconClockPause, anyOf: ROUTE_PERMISSIONS.pauseReasons, testId: 'nav-pause-reasons' },
        {
          to: '/admin/contact-attributes',
          label: t('contactAttributes.nav'),
          icon: IconTags,
          anyOf: ROUTE_PERMISSIONS.contactAttributes,
          testId: 'nav-contact-attributes',
        },
        { to: '/admin/business-hours', label: t('businessHours.nav'), icon: IconClockHour8, anyOf: ROUTE_PERMISSIONS.businessHours, testId: 'nav-business-hours' },
        {
          to: '/admin/api-credentials',
          label: t('nav.apiCredentials'),
          icon: IconKey,
          anyOf: ROUTE_PERMISSIONS.apiCredentials,
          testId: 'nav-api-credentials',
        },
        { to: '/admin/audit-log', label: t('nav.audit'), icon: IconHistory, anyOf: ROUTE_PERMISSIONS.audit, testId: 'nav-audit' },
      ],
    },
  ];
}

export function visibleSections(t: TFunction, permissions: readonly string[]): NavSection[] {
  const granted = new Set(permissions);
  return navSections(t)
    .map((s) => ({ ...s, items: s.items.filter((i) => i.anyOf.some((p) => granted.has(p))) }))
    .filter((s) => s.items.length > 0);
}
