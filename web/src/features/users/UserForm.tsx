import { useRef, type ReactNode } from 'react';
import { Box, Button, Checkbox, Divider, Group, MultiSelect, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ROLES, type User } from '@contracts/users';
import { handleFormError, notifySuccess, revealFirstError } from '../../lib/errors';
import { DateField } from '../../ui/DateField';
import { PasswordChecklist } from '../../ui/PasswordChecklist';
import { useOperationOptions } from '../operations/operationsApi';
import { useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import { localizeFieldErrors } from '../service-groups/configErrors';
import { AgentPermissionsFields } from './AgentPermissionsFields';
import { useSaveUser } from './usersApi';
import { createBody, servesInGroups, updateBody, validateUser, type UserFormValues } from './userFormValues';
import { WorkHoursEditor } from './WorkHoursEditor';

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Title order={4} mb={2}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      <Box mt={description ? 0 : 'sm'}>{children}</Box>
    </Box>
  );
}

interface Props {
  mode: 'create' | 'edit';
  userId?: string;
  initial: UserFormValues;
  onSaved: (user: User) => void;
  onCancel: () => void;
}

export function UserForm({ mode, userId, initial, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useForm<UserFormValues>({ initialValues: initial, validate: (v) => validateUser(v, mode, t) });
  const operations = useOperationOptions();
  const serviceGroups = useServiceGroupOptions();
  const save = useSaveUser();
  const formRef = useRef<HTMLFormElement>(null);

  const operationOptions = (operations.data?.items ?? [])
    .filter((o) => o.status === 'active' || form.values.operationIds.includes(o.id))
    .map((o) => ({ value: o.id, label: o.status === 'active' ? o.name : `${o.name} (${t('statusLabels.inactive')})` }));

  const groupOptions = (serviceGroups.data?.items ?? [])
    .filter((g) => g.status === 'active' || form.values.serviceGroupIds.includes(g.id))
    .map((g) => ({ value: g.id, label: g.status === 'active' ? g.name : `${g.name} (${t('statusLabels.inactive')})` }));
  const groupError = Object.entries(form.errors).find(([k]) => k === 'serviceGroupIds' || k.startsWith('serviceGroupIds.'))?.[1];

  const submit = (values: UserFormValues) => {
    const input = mode === 'create' ? { body: createBody(values) } : { id: userId!, body: updateBody(values, initial) };
    save.mutate(input, {
      onSuccess: (user) => {
        notifySuccess(mode === 'create' ? t('users.created', { name: values.displayName.trim() }) : t('users.updated'));
        onSaved(user);
      },
      onError: (err) => {
        handleFormError(form, localizeFieldErrors(err, t), t);
        revealFirstError(formRef.current);
      },
    });
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(submit, () => revealFirstError(formRef.current))}
      data-testid="user-form"
    >
      <Stack gap="xl" pb="md">
        <Section title={t('users.sections.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('users.fields.displayName')} required {...form.getInputProps('displayName')} />
            <TextInput
              label={t('users.fields.login')}
              required={mode === 'create'}
              disabled={mode === 'edit'}
              description={mode === 'edit' ? t('users.fields.loginImmutable') : t('users.fields.loginHint')}
              autoComplete="off"
              {...form.getInputProps('login')}
            />
            <Select
              label={t('users.fields.role')}
              required
              allowDeselect={false}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              description={t(`roles.${form.values.role}Hint`)}
              {...form.getInputProps('role')}
            />
            <TextInput label={t('users.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label={t('users.fields.phone')} type="tel" {...form.getInputProps('phone')} />
            <DateField label={t('users.fields.birthDate')} {...form.getInputProps('birthDate')} />
            <TextInput label={t('users.fields.company')} {...form.getInputProps('company')} />
            <TextInput label={t('users.fields.department')} {...form.getInputProps('department')} />
            <TextInput label={t('users.fields.profile')} {...form.getInputProps('profile')} />
          </SimpleGrid>
        </Section>
        <Divider />
        <Section
          title={t('users.sections.access')}
          description={mode === 'create' ? t('users.sections.accessHintCreate') : t('users.sections.accessHintEdit')}
        >
          <Stack gap="sm">
            <PasswordInput
              label={mode === 'create' ? t('users.fields.temporaryPassword') : t('users.fields.newTemporaryPassword')}
              required={mode === 'create'}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            {(mode === 'create' || form.values.password) && <PasswordChecklist password={form.values.password} />}
            <Checkbox
              label={t('users.fields.mustChangePassword')}
              {...form.getInputProps('mustChangePassword', { type: 'checkbox' })}
            />
          </Stack>
        </Section>
        <Divider />
        <Section title={t('users.sections.service')} description={t('users.sections.serviceHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label={t('users.fields.maxConversations')}
              description={t('users.fields.maxConversationsHint')}
              min={0}
              max={80}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              {...form.getInputProps('maxConversations')}
            />
            <NumberInput
              label={t('users.fields.priority')}
              description={t('users.fields.priorityHint')}
              min={0}
              max={1000}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              {...form.getInputProps('priority')}
            />
          </SimpleGrid>
          <MultiSelect
            mt="md"
            label={t('users.fields.operations')}
            description={t('users.fields.operationsHint')}
            placeholder={operationOptions.length ? t('users.fields.operationsPlaceholder') : t('users.fields.noOperations')}
            data={operationOptions}
            searchable
            clearable
            disabled={operations.isPending}
            nothingFoundMessage={t('common.nothingFound')}
            {...form.getInputProps('operationIds')}
          />
          {servesInGroups(form.values.role) && (
            <MultiSelect
              mt="md"
              label={t('config.userForm.serviceGroups')}
              description={t('config.userForm.serviceGroupsHint')}
              placeholder={groupOptions.length ? t('config.userForm.serviceGroupsPlaceholder') : t('config.userForm.noServiceGroups')}
              data={groupOptions}
              searchable
              clearable
              disabled={serviceGroups.isPending}
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="user-service-groups"
              value={form.values.serviceGroupIds}
              onChange={(v) => form.setFieldValue('serviceGroupIds', v)}
              error={groupError}
            />
          )}
        </Section>
        <Divider />
        <Section title={t('users.sections.workHours')} description={t('users.sections.workHoursHint')}>
          <WorkHoursEditor form={form} />
        </Section>
        <Divider />
        <Section title={t('users.sections.permissions')} description={t('users.sections.permissionsHint')}>
          <AgentPermissionsFields form={form} />
        </Section>
        <Divider />
        <Section title={t('users.sections.integrations')} description={t('users.sections.integrationsHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('users.fields.socialToken')} autoComplete="off" {...form.getInputProps('socialToken')} />
            <TextInput label={t('users.fields.integrationKey')} autoComplete="off" {...form.getInputProps('integrationKey')} />
          </SimpleGrid>
        </Section>
      </Stack>
      <Group
        justify="flex-end"
        gap="sm"
        py="md"
        style={{
          position: 'sticky',
          bottom: 0,
          background: 'var(--mantine-color-body)',
          borderTop: '1px solid var(--mantine-color-gray-3)',
          zIndex: 2,
        }}
      >
        <Button variant="default" onClick={onCancel} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending} data-testid="user-form-submit">
          {mode === 'create' ? t('users.createSubmit') : t('common.saveChanges')}
        </Button>
      </Group>
    </form>
  );
}
