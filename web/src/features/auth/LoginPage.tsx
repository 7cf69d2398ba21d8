import { useEffect, useState } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconClockHour4, IconLock, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, isApiError } from '../../lib/api';
import { errorMessage, retryMessage } from '../../lib/errors';
import { homePath, refreshSession } from '../../app/session';
import { AuthLayout } from './AuthLayout';
import { login } from './authApi';

function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

const ERROR_ICONS: Record<string, React.ReactNode> = {
  outside_work_hours: <IconClockHour4 size={18} />,
  user_inactive: <IconUserOff size={18} />,
  rate_limited: <IconLock size={18} />,
};

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(blockedUntil);

  const form = useForm({
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() ? null : t('fieldErrors.required')),
      password: (v) => (v ? null : t('fieldErrors.required')),
    },
  });

  const mutation = useMutation({
    mutationFn: login,
    onMutate: () => setError(null),
    onSuccess: async (result) => {
      const me = await refreshSession(queryClient);
      if (result.user.mustChangePassword || me?.user.mustChangePassword) {
        void navigate('/password-change', { replace: true });
        return;
      }
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/' ? from : me ? homePath(me) : '/', { replace: true });
    },
    onError: (err) => {
      setError(err);
      if (isApiError(err, 'rate_limited')) setBlockedUntil(Date.now() + (err.retryAfter ?? 60) * 1000);
      if (isApiError(err, 'invalid_credentials')) form.setFieldValue('password', '');
    },
  });

  const blocked = secondsLeft > 0;
  const message =
    error && isApiError(error, 'rate_limited')
      ? blocked
        ? retryMessage(secondsLeft, t)
        : t('login.tryAgainNow')
      : error
        ? errorMessage(error, t)
        : null;
  const code = isApiError(error) ? error.code : 'unexpected';

  return (
    <AuthLayout testId="login-page">
      <Stack gap={6} mb="xl">
        <Title order={1}>{t('login.title')}</Title>
        <Text c="dimmed">{t('login.subtitle')}</Text>
      </Stack>
      <form onSubmit={form.onSubmit((values) => mutation.mutate({ login: values.login.trim(), password: values.password }))} noValidate>
        <Stack gap="md">
          {message && (
            <Alert
              color={code === 'outside_work_hours' ? 'orange' : 'red'}
              icon={ERROR_ICONS[code] ?? <IconAlertCircle size={18} />}
              data-testid="login-error"
              data-code={code}
              role="alert"
            >
              {message}
            </Alert>
          )}
          <TextInput
            label={t('login.login')}
            placeholder={t('login.loginPlaceholder')}
            autoComplete="username"
            autoFocus
            required withAsterisk={false}
            size="md"
            {...form.getInputProps('login')}
          />
          <PasswordInput label={t('login.password')} autoComplete="current-password" required withAsterisk={false} size="md" {...form.getInputProps('password')} />
          <Button type="submit" size="md" mt="xs" loading={mutation.isPending} disabled={blocked} fullWidth>
            {t('login.submit')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('login.forgotHint')}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
