import { useRef, type ReactNode } from 'react';
import { Box, Button, Checkbox, Divider, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAdjustmentsHorizontal, IconArrowsExchange, IconCircleCheck, IconClock, IconId, IconRoute, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { STRATEGIES } from '@contracts/serving';
import { handleFormError, notifySuccess, revealFirstError } from '../../lib/errors';
import { useOperationOptions } from '../operations/operationsApi';
import { useClassificationTree } from '../classifications/classificationsApi';
import { localizeFieldErrors } from './configErrors';
import { FormSection } from './FormSection';
import { GroupSettingsFields } from './GroupSettingsFields';
import { GroupTimersFields } from './GroupTimersFields';
import { PickerField, type PickerOption } from './PickerField';
import { createBody, updateBody, validateServiceGroup, type ServiceGroupFormValues } from './serviceGroupFormValues';
import { useAgentOptions, useSaveServiceGroup, useServiceGroupOptions, type ServiceGroup } from './serviceGroupsApi';

/** Server errors name the entry (`agentIds.2`); the picker shows the first one, with the entry's name. */
function indexedError(errors: Record<string, ReactNode>, field: string, values: string[], options: PickerOption[]): ReactNode {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  if (!key) return undefined;
  const id = values[Number(key.split('.')[1])];
  const label = options.find((o) => o.value === id)?.label;
  return label ? `${label}: ${errors[key]}` : errors[key];
}

interface Props {
  groupId?: string;
  initial: ServiceGroupFormValues;
  onSaved: (group: ServiceGroup) => void;
  onCancel: () => void;
}

export function ServiceGroupForm({ groupId, initial, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useForm<ServiceGroupFormValues>({ initialValues: initial, validate: (v) => validateServiceGroup(v, t) });
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveServiceGroup();
  const operations = useOperationOptions();
  const agents = useAgentOptions();
  const groups = useServiceGroupOptions();
  const tree = useClassificationTree();
  const inactive = (label: string) => `${label} (${t('statusLabels.inactive')})`;

  const operationOptions = (operations.data?.items ?? [])
    .filter((o) => o.status === 'active' || o.id === form.values.operationId)
    .map((o) => ({ value: o.id, label: o.status === 'active' ? o.name : inactive(o.name) }));
  const agentOptions = (agents.data ?? [])
    .filter((u) => u.status === 'active' || form.values.agentIds.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.status === 'active' ? u.displayName : inactive(u.displayName)} · ${t(`roles.${u.role as 'agent'}`)}` }));
  const groupOptions = (groups.data?.items ?? [])
    .filter((g) => g.id !== groupId && (g.status === 'active' || form.values.transferGroupIds.includes(g.id)))
    .map((g) => ({ value: g.id, label: g.status === 'active' ? g.name : inactive(g.name) }));
  const rootOptions = (tree.data?.items ?? [])
    .filter((c) => c.status === 'active' || c.id === form.values.classificationId)
    .map((c) => ({ value: c.id, label: c.status === 'active' ? c.name : inactive(c.name) }));
  const chosenRoot = tree.data?.items.find((c) => c.id === form.values.classificationId);

  const submit = (values: ServiceGroupFormValues) => {
    save.mutate(
      { id: groupId, body: groupId ? updateBody(values, initial) : createBody(values) },
      {
        onSuccess: (group) => {
          notifySuccess(groupId ? t('serviceGroups.updated') : t('serviceGroups.created', { name: group.name }));
          onSaved(group);
        },
        onError: (err) => {
          handleFormError(form, localizeFieldErrors(err, t), t);
          revealFirstError(formRef.current);
        },
      },
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, () => revealFirstError(formRef.current))} data-testid="service-group-form">
      <Stack gap="xl" pb="md">
        <FormSection icon={IconId} title={t('serviceGroups.sections.identification')} description={t('serviceGroups.sections.identificationHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('serviceGroups.fields.name')} placeholder={t('serviceGroups.fields.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
            <Select
              label={t('serviceGroups.fields.operation')}
              placeholder={operationOptions.length ? t('serviceGroups.fields.operationPlaceholder') : t('serviceGroups.fields.noOperations')}
              data={operationOptions}
              clearable
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('operationId')}
            />
          </SimpleGrid>
        </FormSection>
        <Divider />
        <FormSection icon={IconRoute} title={t('serviceGroups.sections.distribution')} description={t('serviceGroups.sections.distributionHint')}>
          <Select
            label={t('serviceGroups.fields.strategy')}
            description={t(`serviceGroups.strategies.${form.values.strategy}.hint`)}
            allowDeselect={false}
            data={STRATEGIES.map((s) => ({ value: s, label: t(`serviceGroups.strategies.${s}.label`) }))}
            renderOption={({ option }) => (
              <Box py={2}>
                <Text size="sm" fw={500}>
                  {option.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`serviceGroups.strategies.${option.value as 'circular'}.hint`)}
                </Text>
              </Box>
            )}
            comboboxProps={{ width: 520, position: 'bottom-start' }}
            maxDropdownHeight={420}
            data-testid="strategy-select"
            {...form.getInputProps('strategy')}
          />
        </FormSection>
        <Divider />
        <FormSection icon={IconUsers} title={t('serviceGroups.sections.members')} description={t('serviceGroups.sections.membersHint')}>
          <PickerField
            label={t('serviceGroups.fields.agents')}
            placeholder={t('serviceGroups.fields.agentsPlaceholder')}
            emptyText={t('serviceGroups.fields.noAgents')}
            options={agentOptions}
            disabled={agents.isPending}
            testId="members-picker"
            value={form.values.agentIds}
            onChange={(v) => form.setFieldValue('agentIds', v)}
            error={indexedError(form.errors, 'agentIds', form.values.agentIds, agentOptions)}
          />
        </FormSection>
        <Divider />
        <FormSection icon={IconArrowsExchange} title={t('serviceGroups.sections.transfers')} description={t('serviceGroups.sections.transfersHint')}>
          <PickerField
            label={t('serviceGroups.fields.transferGroups')}
            placeholder={t('serviceGroups.fields.transferGroupsPlaceholder')}
            emptyText={t('serviceGroups.fields.noOtherGroups')}
            options={groupOptions}
            disabled={groups.isPending}
            testId="transfers-picker"
            value={form.values.transferGroupIds}
            onChange={(v) => form.setFieldValue('transferGroupIds', v)}
            error={indexedError(form.errors, 'transferGroupIds', form.values.transferGroupIds, groupOptions)}
          />
        </FormSection>
        <Divider />
        <FormSection icon={IconCircleCheck} title={t('serviceGroups.sections.closing')} description={t('serviceGroups.sections.closingHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('serviceGroups.fields.classification')}
              description={
                chosenRoot
                  ? t('serviceGroups.fields.classificationReasons', { count: chosenRoot.children.length })
                  : t('serviceGroups.fields.classificationHint')
              }
              placeholder={rootOptions.length ? t('serviceGroups.fields.classificationPlaceholder') : t('serviceGroups.fields.noClassifications')}
              data={rootOptions}
              clearable
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('classificationId')}
              onChange={(v) => {
                form.setFieldValue('classificationId', v);
                if (!v) form.setFieldValue('classificationRequired', false);
              }}
            />
            <Checkbox
              mt={{ base: 0, sm: 30 }}
              label={t('serviceGroups.fields.classificationRequired')}
              description={t('serviceGroups.fields.classificationRequiredHint')}
              disabled={!form.values.classificationId}
              {...form.getInputProps('classificationRequired', { type: 'checkbox' })}
            />
          </SimpleGrid>
        </FormSection>
        <Divider />
        <FormSection icon={IconAdjustmentsHorizontal} title={t('serviceGroups.sections.settings')} description={t('serviceGroups.sections.settingsHint')}>
          <GroupSettingsFields form={form} />
        </FormSection>
        <Divider />
        <FormSection icon={IconClock} title={t('serviceGroups.sections.timers')} description={t('serviceGroups.sections.timersHint')}>
          <GroupTimersFields form={form} />
        </FormSection>
      </Stack>
      <Group
        justify="flex-end"
        gap="sm"
        py="md"
        style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-gray-3)', zIndex: 2 }}
      >
        <Button variant="default" onClick={onCancel} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending} data-testid="service-group-submit">
          {groupId ? t('common.saveChanges') : t('serviceGroups.createSubmit')}
        </Button>
      </Group>
    </form>
  );
}
