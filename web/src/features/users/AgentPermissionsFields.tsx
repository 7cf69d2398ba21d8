import { Checkbox, Collapse, Paper, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { UserFormValues } from './userFormValues';

/** USER-4 agent permissions, including answering by voice with an extension. */
export function AgentPermissionsFields({ form }: { form: UseFormReturnType<UserFormValues> }) {
  const { t } = useTranslation();
  const voiceOn = form.values.permissions.voice.enabled;
  return (
    <Stack gap="sm" data-testid="agent-permissions">
      <Checkbox
        label={t('users.permissions.viewGroupHistory')}
        description={t('users.permissions.viewGroupHistoryHint')}
        {...form.getInputProps('permissions.viewGroupHistory', { type: 'checkbox' })}
      />
      <Checkbox
        label={t('users.permissions.viewOperationHistory')}
        description={t('users.permissions.viewOperationHistoryHint')}
        {...form.getInputProps('permissions.viewOperationHistory', { type: 'checkbox' })}
      />
      <Checkbox
        label={t('users.permissions.confidentialHistory')}
        description={t('users.permissions.confidentialHistoryHint')}
        {...form.getInputProps('permissions.confidentialHistory', { type: 'checkbox' })}
      />
      <Checkbox label={t('users.permissions.recordCalls')} {...form.getInputProps('permissions.recordCalls', { type: 'checkbox' })} />
      <Paper withBorder p="sm" radius="md" mt={4}>
        <Switch
          label={t('users.permissions.voice')}
          description={t('users.permissions.voiceHint')}
          {...form.getInputProps('permissions.voice.enabled', { type: 'checkbox' })}
        />
        <Collapse in={voiceOn}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <TextInput label={t('users.permissions.extension')} disabled={!voiceOn} {...form.getInputProps('permissions.voice.extension')} />
            <PasswordInput
              label={t('users.permissions.extensionPassword')}
              autoComplete="new-password"
              disabled={!voiceOn}
              {...form.getInputProps('permissions.voice.extensionPassword')}
            />
          </SimpleGrid>
          <Checkbox
            mt="sm"
            label={t('users.permissions.pauseDuringCall')}
            disabled={!voiceOn}
            {...form.getInputProps('permissions.voice.pauseDuringCall', { type: 'checkbox' })}
          />
        </Collapse>
      </Paper>
    </Stack>
  );
}
