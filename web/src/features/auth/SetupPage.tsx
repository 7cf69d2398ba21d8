import { Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { homePath, refreshSession, SETUP_KEY } from '../../app/session';
import { handleFormError, notifySuccess } from '../../lib/errors';
import { PasswordChecklist, isPasswordAcceptable } from '../../ui/PasswordChecklist';
import { AuthLayout } from './AuthLayout';
import { setupWorkspace } from './authApi';

const LOGIN_PATTERN = /^[a-zA-Z0-9._@-]{3,64}$/;

/** First visit to a server without a workspace: creates it with its first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { workspaceName: '', adminDisplayName: '', adminLogin: '', adminEmail: '', adminPassword: '', confirmPassword: '' },
    validate: {
      workspaceName: (v) => (v.trim() ? null : t('fieldErrors.required')),
      adminDisplayName: (v) => (v.trim() ? null : t('fieldErrors.required')),
      adminLogin: (v) => (LOGIN_PATTERN.test(v.trim()) ? null : t('fieldErrors.loginChars')),
      adminEmail: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('fieldErrors.email')),
      adminPassword: (v) => (isPasswordAcceptable(v) ? null : t('fieldErrors.passwordPolicy')),
      confirmPassword: (v, values) => (v === values.adminPassword ? null : t('password.mismatch')),
    },
  });

  const mutation = useMutation({
    mutationFn: setupWorkspace,
    onSuccess: async () => {
      queryClient.setQueryData(SETUP_KEY, { needsSetup: false });
      notifySuccess(t('setup.done'));
      const me = await refreshSession(queryClient);
      void navigate(me ? homePath(me) : '/login', { replace: true });
    },
    onError: (err) => handleFormError(form, err, t),
  });

  return (
    <AuthLayout testId="setup-page">
      <Stack gap={6} mb="xl">
        <Text size="sm" fw={700} c="brand.7" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
          {t('setup.eyebrow')}
        </Text>
        <Title order={1}>{t('setup.title')}</Title>
        <Text c="dimmed">{t('setup.subtitle')}</Text>
      </Stack>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          mutation.mutate({
            workspaceName: v.workspaceName.trim(),
            adminDisplayName: v.adminDisplayName.trim(),
            adminLogin: v.adminLogin.trim(),
            adminPassword: v.adminPassword,
            ...(v.adminEmail.trim() ? { adminEmail: v.adminEmail.trim() } : {}),
          }),
        )}
      >
        <Stack gap="sm">
          <TextInput label={t('setup.workspaceName')} description={t('setup.workspaceNameHint')} required withAsterisk={false} {...form.getInputProps('workspaceName')} />
          <Divider label={t('setup.adminSection')} labelPosition="left" mt="xs" />
          <TextInput label={t('setup.adminDisplayName')} required withAsterisk={false} autoComplete="name" {...form.getInputProps('adminDisplayName')} />
          <TextInput label={t('setup.adminLogin')} required withAsterisk={false} autoComplete="username" {...form.getInputProps('adminLogin')} />
          <TextInput label={t('setup.adminEmail')} type="email" autoComplete="email" {...form.getInputProps('adminEmail')} />
          <PasswordInput label={t('setup.adminPassword')} required withAsterisk={false} autoComplete="new-password" {...form.getInputProps('adminPassword')} />
          <PasswordChecklist password={form.values.adminPassword} />
          <PasswordInput label={t('password.confirm')} required withAsterisk={false} autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
          <Button type="submit" size="md" mt="sm" loading={mutation.isPending} fullWidth>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
