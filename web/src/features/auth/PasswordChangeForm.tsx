import { PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { handleFormError } from '../../lib/errors';
import { FormActions } from '../../ui/FormActions';
import { PasswordChecklist, isPasswordAcceptable } from '../../ui/PasswordChecklist';
import { changePassword } from './authApi';

interface Props {
  submitLabel: string;
  onSuccess: () => void;
  onCancel?: () => void;
  /** The server revoked the session (401 unauthorized) while the form was open. */
  onSessionLost: () => void;
}

export function PasswordChangeForm({ submitLabel, onSuccess, onCancel, onSessionLost }: Props) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('fieldErrors.required')),
      newPassword: (v, values) =>
        !isPasswordAcceptable(v)
          ? t('fieldErrors.passwordPolicy')
          : v === values.currentPassword
            ? t('password.sameAsCurrent')
            : null,
      confirmPassword: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess,
    onError: (err) => {
      if (isApiError(err, 'unauthorized')) return onSessionLost();
      // A wrong current password may come as 401/403 without field paths; it still belongs under that field.
      if (isApiError(err) && err.fields.length === 0 && ['invalid_credentials', 'invalid_password', 'wrong_password'].includes(err.code)) {
        form.setFieldError('currentPassword', t('password.currentWrong'));
        return;
      }
      handleFormError(form, err, t);
    },
  });

  return (
    <form
      onSubmit={form.onSubmit((v) => mutation.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }))}
      noValidate
    >
      <Stack gap="md">
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required withAsterisk={false}
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput label={t('password.new')} autoComplete="new-password" required withAsterisk={false} {...form.getInputProps('newPassword')} />
        <PasswordChecklist password={form.values.newPassword} />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          required withAsterisk={false}
          {...form.getInputProps('confirmPassword')}
        />
        <FormActions onCancel={onCancel} pending={mutation.isPending} submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}
