import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { homePath, refreshSession, useMe } from '../../app/session';
import { FullPageLoader } from '../../app/StatusPages';
import { notifySuccess } from '../../lib/errors';
import { AuthLayout } from './AuthLayout';
import { useLogout } from './authApi';
import { PasswordChangeForm } from './PasswordChangeForm';

/** First sign-in with a temporary password: the server refuses everything else until it is changed. */
export function PasswordChangePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me, isPending } = useMe();
  const logout = useLogout();

  if (isPending) return <FullPageLoader />;
  if (!me) return <Navigate to="/login" replace />;
  if (!me.user.mustChangePassword) return <Navigate to={homePath(me)} replace />;

  return (
    <AuthLayout testId="password-change">
      <Stack gap={6} mb="lg">
        <Title order={1}>{t('password.forcedTitle')}</Title>
        <Text c="dimmed">{t('password.forcedSubtitle', { name: me.user.displayName })}</Text>
      </Stack>
      <Alert color="brand" variant="light" icon={<IconShieldLock size={18} />} mb="lg">
        {t('password.forcedExplain')}
      </Alert>
      <PasswordChangeForm
        submitLabel={t('password.saveAndContinue')}
        onSuccess={async () => {
          notifySuccess(t('password.changed'));
          const fresh = await refreshSession(queryClient);
          void navigate(fresh && !fresh.user.mustChangePassword ? homePath(fresh) : '/', { replace: true });
        }}
        onSessionLost={() => void navigate('/login', { replace: true })}
      />
      <Text size="sm" c="dimmed" ta="center" mt="lg">
        {t('password.notYou', { login: me.user.login })}{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => logout.mutate()}>
          {t('shell.logout')}
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
