import type { ReactNode } from 'react';
import { Box, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBrandWhatsapp, IconChartDots3, IconRobot, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Logo } from '../../ui/Logo';
import { LanguageMenu } from '../../ui/LanguageMenu';

/** Split screen used by setup, login and the forced password change: brand story left, task right. */
export function AuthLayout({ children, testId }: { children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const highlights = [
    { icon: <IconBrandWhatsapp size={18} />, text: t('auth.highlights.channels') },
    { icon: <IconUsersGroup size={18} />, text: t('auth.highlights.routing') },
    { icon: <IconRobot size={18} />, text: t('auth.highlights.bots') },
    { icon: <IconChartDots3 size={18} />, text: t('auth.highlights.reports') },
  ];
  return (
    <Box style={{ display: 'flex', minHeight: '100vh' }} data-testid={testId}>
      <Box
        className="atende-auth-panel"
        visibleFrom="md"
        style={{ flex: '0 0 44%', maxWidth: 620, display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }}
        p={48}
      >
        <Logo inverted size="md" />
        <Stack gap="xl" maw={440}>
          <Title order={1} c="white" fz={34} lh={1.2}>
            {t('auth.tagline')}
          </Title>
          <Text c="white" opacity={0.85} size="lg">
            {t('auth.pitch')}
          </Text>
          <Stack gap="sm">
            {highlights.map((h) => (
              <Group key={h.text} gap="sm" wrap="nowrap">
                <ThemeIcon variant="white" color="brand.8" radius="xl" size={30} style={{ opacity: 0.95 }}>
                  {h.icon}
                </ThemeIcon>
                <Text c="white" size="sm">
                  {h.text}
                </Text>
              </Group>
            ))}
          </Stack>
        </Stack>
        <Text c="white" opacity={0.7} size="xs">
          {t('auth.footer')}
        </Text>
      </Box>
      <Box style={{ flex: 1, display: 'flex', flexDirection: 'column', background: 'var(--mantine-color-white)' }}>
        <Group justify="space-between" p="lg">
          <Box hiddenFrom="md">
            <Logo size="sm" />
          </Box>
          <Box style={{ marginLeft: 'auto' }}>
            <LanguageMenu variant="default" />
          </Box>
        </Group>
        <Box style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center' }} px="lg" pb={48}>
          <Box w="100%" maw={420}>
            {children}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
