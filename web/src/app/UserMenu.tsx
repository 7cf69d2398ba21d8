import { useState } from 'react';
import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconChevronDown, IconKey, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { useLogout } from '../features/auth/authApi';
import { LANGUAGES, currentLanguage, setLanguage } from '../lib/i18n';
import { initials } from '../lib/format';
import { useSession } from './session';

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);
  const language = currentLanguage();

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label={t('shell.userMenu')} data-testid="user-menu" px={6} py={4} style={{ borderRadius: 8 }}>
            <Group gap="xs" wrap="nowrap">
              <Avatar color="brand" radius="xl" size={34}>
                {initials(user.displayName)}
              </Avatar>
              <Stack gap={0} visibleFrom="sm">
                <Text size="sm" fw={600} lh={1.2} truncate maw={160}>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {t(`roles.${user.role}`)}
                </Text>
              </Stack>
              <IconChevronDown size={14} color="var(--mantine-color-gray-6)" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.login}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChangingPassword(true)} data-testid="menu-change-password">
            {t('password.changeTitle')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>
            <Group gap={6}>
              <IconLanguage size={14} />
              {t('language.label')}
            </Group>
          </Menu.Label>
          {LANGUAGES.map((l) => (
            <Menu.Item key={l.code} onClick={() => setLanguage(l.code)} rightSection={l.code === language ? <IconCheck size={14} /> : null}>
              {l.label}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()} data-testid="menu-logout">
            {t('shell.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
