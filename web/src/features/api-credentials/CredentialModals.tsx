import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@contracts/users';
import { handleFormError } from '../../lib/errors';
import { CopyField } from '../../ui/CopyField';
import { FormActions } from '../../ui/FormActions';
import { useCreateApiCredential, type CreatedApiCredential } from './apiCredentialsApi';

export function CreateCredentialModal(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (credential: CreatedApiCredential) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={<Text fw={700}>{t('apiCredentials.createTitle')}</Text>} size="md">
      {props.opened && <CreateCredentialForm {...props} />}
    </Modal>
  );
}

function CreateCredentialForm({ onClose, onCreated }: { onClose: () => void; onCreated: (c: CreatedApiCredential) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiCredential();
  const form = useForm<{ name: string; role: Role }>({
    initialValues: { name: '', role: 'admin' },
    validate: { name: (v) => (v.trim() ? null : t('fieldErrors.required')) },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        create.mutate({ name: v.name.trim(), role: v.role }, { onSuccess: onCreated, onError: (err) => handleFormError(form, err, t) }),
      )}
    >
      <Stack gap="md">
        <TextInput
          label={t('apiCredentials.fields.name')}
          description={t('apiCredentials.fields.nameHint')}
          placeholder={t('apiCredentials.fields.namePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Select
          label={t('apiCredentials.fields.role')}
          description={t('apiCredentials.fields.roleHint')}
          allowDeselect={false}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          {...form.getInputProps('role')}
        />
        <FormActions onCancel={onClose} pending={create.isPending} submitLabel={t('apiCredentials.createSubmit')} />
      </Stack>
    </form>
  );
}

/** The secret exists in this browser only while this modal is open; the API never returns it again. */
export function SecretRevealModal({ credential, onClose }: { credential: CreatedApiCredential | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={credential !== null}
      onClose={onClose}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      size="lg"
      title={<Text fw={700}>{t('apiCredentials.secretTitle', { name: credential?.name })}</Text>}
    >
      {credential && (
        <Stack gap="md" data-testid="credential-secret-modal">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('apiCredentials.secretWarningTitle')}>
            {t('apiCredentials.secretWarning')}
          </Alert>
          <CopyField label={t('apiCredentials.fields.consumerKey')} value={credential.consumerKey} testId="consumer-key" />
          <CopyField label={t('apiCredentials.fields.consumerSecret')} value={credential.consumerSecret} testId="consumer-secret" />
          <Text size="sm" c="dimmed">
            {t('apiCredentials.secretUsage')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="secret-acknowledge">
              {t('apiCredentials.secretDone')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
