import { AppShell, Badge, Box, Burger, Divider, Group, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconApi, IconBuilding, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { Logo } from '../ui/Logo';
import { LanguageMenu } from '../ui/LanguageMenu';
import { AgentStatusControl } from '../features/serving/AgentStatusControl';
import { visibleSections } from './navigation';
import { useSession } from './session';
import { UserMenu } from './UserMenu';

/** The one shell for every role; what it offers comes from the permissions /me returned. */
export function AppLayout() {
  const { t } = useTranslation();
  const { workspace, permissions } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const sections = visibleSections(t, permissions);
  // The agent workspace fills the screen edge to edge: its three columns need every pixel of a laptop.
  const fullBleed = location.pathname.startsWith('/inbox');
  // …so on a desktop its navigation shrinks to icons (names in tooltips).
  const mobile = useMediaQuery('(max-width: 48em)');
  const compact = fullBleed && !mobile;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: compact ? 72 : 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={fullBleed ? 0 : 'lg'}
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} />
            <Logo size="sm" />
            <Divider orientation="vertical" visibleFrom="sm" />
            <Group gap={6} visibleFrom="sm" wrap="nowrap" data-testid="workspace-name">
              <IconBuilding size={16} color="var(--mantine-color-gray-6)" />
              <Text size="sm" fw={600} c="gray.7" truncate maw={280}>
                {workspace.name}
              </Text>
            </Group>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {permissions.includes('serving.use') && <AgentStatusControl />}
            <LanguageMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" data-testid="app-navbar">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {sections.map((section) => (
              <Box key={section.testId} data-testid={section.testId} component="nav" aria-label={section.title ?? t('nav.main')}>
                {section.title && (compact ? <Divider mb="sm" /> : <div className="atende-nav-section">{section.title}</div>)}
                <Stack gap={2}>
                  {section.items.map((item) => (
                    <Tooltip key={item.to} label={item.label} position="right" disabled={!compact}>
                      <NavLink
                        component={RouterLink}
                        to={item.to}
                        label={compact ? null : item.label}
                        aria-label={item.label}
                        leftSection={<item.icon size={20} />}
                        active={location.pathname.startsWith(item.to)}
                        onClick={close}
                        data-testid={item.testId}
                        style={{ borderRadius: 8 }}
                        fw={500}
                      />
                    </Tooltip>
                  ))}
                </Stack>
              </Box>
            ))}
          </Stack>
        </AppShell.Section>
        {permissions.includes('apiCredentials.manage') && (
          <AppShell.Section>
            <Divider mb="sm" />
            <NavLink
              component="a"
              href="/api/docs"
              target="_blank"
              rel="noreferrer"
              label={compact ? null : t('nav.apiDocs')}
              aria-label={t('nav.apiDocs')}
              title={compact ? t('nav.apiDocs') : undefined}
              leftSection={<IconApi size={20} />}
              rightSection={compact ? null : <IconExternalLink size={14} />}
              c="dimmed"
              style={{ borderRadius: 8 }}
              styles={{ label: { whiteSpace: 'nowrap' } }}
            />
          </AppShell.Section>
        )}
        <AppShell.Section hiddenFrom="sm">
          <Badge variant="light" color="gray" fullWidth mt="sm">
            {workspace.name}
          </Badge>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={fullBleed ? undefined : 1280} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
