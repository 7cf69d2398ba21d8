import { useRef, type ReactNode } from 'react';
import { Box, Divider, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { handleFormError, notifySuccess, revealFirstError } from '../../lib/errors';
import { DateField } from '../../ui/DateField';
import { FormActions } from '../../ui/FormActions';
import { useAgentOptions, useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import { localizeContactErrors } from './contactErrors';
import { contactBody, validateContact, type ContactFormValues } from './contactFormValues';
import { useContactAttributes, useSaveContact, type ContactRecord } from './contactRecordApi';
import { AttributesEditor, DocumentField, PhonesEditor } from './ContactRowsEditors';

/** Hints under the input, so the inputs of a grid row line up whatever their hints' length. */
const BELOW: Array<'label' | 'input' | 'description' | 'error'> = ['label', 'input', 'description', 'error'];

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Title order={4} mb={hint ? 2 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Box>
  );
}

/** Every CONT-1 field of a contact, for creating one or editing it (from the list or a conversation). */
export function ContactForm(props: {
  contact: ContactRecord | null;
  initial: ContactFormValues;
  onSaved: (contact: ContactRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const editing = props.contact !== null;
  const form = useForm<ContactFormValues>({ initialValues: props.initial, validate: (v) => validateContact(v, t) });
  const save = useSaveContact();
  const formRef = useRef<HTMLFormElement>(null);
  // The agent list is for those who may see users; an agent keeps the wallet agent as it is.
  const canPickAgent = can('users.read');
  const agents = useAgentOptions(canPickAgent);
  const groups = useServiceGroupOptions();
  const attributes = useContactAttributes();

  const agentOptions = (agents.data ?? [])
    .filter((a) => a.status === 'active' || a.id === form.values.walletAgentId)
    .map((a) => ({ value: a.id, label: `${a.displayName} (${a.login})` }));
  const groupOptions = (groups.data?.items ?? [])
    .filter((g) => g.status === 'active' || g.id === form.values.serviceGroupId)
    .map((g) => ({ value: g.id, label: g.status === 'active' ? g.name : `${g.name} (${t('statusLabels.inactive')})` }));

  const submit = (values: ContactFormValues) => {
    const { body, rename } = contactBody(values, editing ? props.initial : null);
    if (editing && Object.keys(body).length === 0) {
      props.onCancel();
      return;
    }
    save.mutate(
      { id: props.contact?.id, body },
      {
        onSuccess: (contact) => {
          notifySuccess(editing ? t('contacts.updated') : t('contacts.created', { name: contact.displayName }));
          props.onSaved(contact);
        },
        onError: (err) => {
          handleFormError(form, localizeContactErrors(err, t), t, rename);
          revealFirstError(formRef.current);
        },
      },
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, () => revealFirstError(formRef.current))} data-testid="contact-form">
      <Stack gap="xl" pb="md">
        <Section title={t('contacts.sections.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('contacts.fields.displayName')} required data-autofocus {...form.getInputProps('displayName')} />
            <TextInput
              label={t('contacts.fields.username')}
              value={props.contact?.username ?? ''}
              placeholder={t('contacts.fields.usernamePending')}
              description={t('contacts.fields.usernameHint')}
              inputWrapperOrder={BELOW}
              readOnly
              disabled
            />
            <TextInput label={t('contacts.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
            <DateField label={t('contacts.fields.birthDate')} {...form.getInputProps('birthDate')} />
            <DocumentField form={form} />
            <TextInput label={t('contacts.fields.companyName')} {...form.getInputProps('companyName')} />
          </SimpleGrid>
        </Section>
        <Divider />
        <Section title={t('contacts.sections.phones')} hint={t('contacts.sections.phonesHint')}>
          <PhonesEditor form={form} />
        </Section>
        <Divider />
        <Section title={t('contacts.sections.service')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('contacts.fields.walletAgent')}
              description={canPickAgent ? t('contacts.fields.walletAgentHint') : t('contacts.fields.walletAgentLocked')}
              inputWrapperOrder={BELOW}
              placeholder={canPickAgent ? t('contacts.fields.noWalletAgent') : undefined}
              data={agentOptions}
              searchable
              clearable
              disabled={!canPickAgent}
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('walletAgentId')}
            />
            <Select
              label={t('contacts.fields.serviceGroup')}
              description={t('contacts.fields.serviceGroupHint')}
              inputWrapperOrder={BELOW}
              placeholder={t('contacts.fields.noServiceGroup')}
              data={groupOptions}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('serviceGroupId')}
            />
            <NumberInput
              label={t('contacts.fields.priority')}
              description={t('contacts.fields.priorityHint')}
              inputWrapperOrder={BELOW}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              {...form.getInputProps('priority')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="contact-status-label">
                {t('contacts.fields.status')}
              </Text>
              <SegmentedControl
                aria-labelledby="contact-status-label"
                data={[
                  { value: 'active', label: t('statusLabels.active') },
                  { value: 'inactive', label: t('statusLabels.inactive') },
                ]}
                {...form.getInputProps('status')}
              />
              <Text size="xs" c="dimmed">
                {form.values.status === 'active' ? t('contacts.fields.statusActiveHint') : t('contacts.fields.statusInactiveHint')}
              </Text>
            </Stack>
          </SimpleGrid>
          <Switch
            mt="md"
            label={t('contacts.fields.showNameInGreeting')}
            description={t('contacts.fields.showNameInGreetingHint')}
            {...form.getInputProps('showNameInGreeting', { type: 'checkbox' })}
          />
        </Section>
        <Divider />
        <Section title={t('contacts.sections.attributes')} hint={t('contacts.sections.attributesHint')}>
          <AttributesEditor form={form} catalogue={attributes.data?.items ?? []} />
        </Section>
        <FormActions onCancel={props.onCancel} pending={save.isPending} submitLabel={editing ? t('common.saveChanges') : t('contacts.createSubmit')} />
      </Stack>
    </form>
  );
}
