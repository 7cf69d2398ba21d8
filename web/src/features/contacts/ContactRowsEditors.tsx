import type { ReactNode } from 'react';
import { ActionIcon, Badge, Button, type ButtonProps, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCircleCheck, IconPhonePlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { readDocument } from './contactFormat';
import { rowKey, type ContactFormValues } from './contactFormValues';
import type { ContactAttribute } from './contactRecordApi';

type Form = UseFormReturnType<ContactFormValues>;

/** The bin at the end of a phone or attribute row. */
function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="gray" size={36} onClick={onClick} aria-label={label}>
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

/** The link under the phone or attribute rows that adds one more. */
function AddRowButton(props: ButtonProps & { onClick: () => void; 'data-testid': string; children: ReactNode }) {
  return <Button variant="subtle" size="compact-sm" style={{ alignSelf: 'flex-start' }} {...props} />;
}

/** Several phones per contact (CONT-1); the first is the main one, used by the channels. */
export function PhonesEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  const typeOptions = [
    { value: 'auto', label: t('contacts.phoneTypes.auto') },
    { value: 'mobile', label: t('contacts.phoneTypes.mobile') },
    { value: 'fixed', label: t('contacts.phoneTypes.fixed') },
    { value: 'unknown', label: t('contacts.phoneTypes.unknown') },
  ];
  return (
    <Stack gap="xs" data-testid="contact-phones">
      {form.values.phones.map((p, i) => (
        <Group key={p.key} gap="xs" align="flex-start" wrap="nowrap" data-testid="contact-phone-row">
          <TextInput
            style={{ flex: 1 }}
            type="tel"
            aria-label={t('contacts.fields.phoneN', { n: i + 1 })}
            placeholder="(11) 98765-4321"
            leftSection={i === 0 ? <Tooltip label={t('contacts.fields.mainPhone')}><Text size="xs" fw={700} c="brand.7">1º</Text></Tooltip> : <Text size="xs" c="dimmed">{i + 1}º</Text>}
            {...form.getInputProps(`phones.${i}.number`)}
            onChange={(e) => {
              // A new number may be of the other kind: let the server detect it again.
              form.setFieldValue(`phones.${i}.number`, e.currentTarget.value);
              if (p.type !== 'auto') form.setFieldValue(`phones.${i}.type`, 'auto');
            }}
          />
          <Select
            w={170}
            aria-label={t('contacts.fields.phoneType')}
            data={typeOptions}
            allowDeselect={false}
            {...form.getInputProps(`phones.${i}.type`)}
          />
          <RemoveRowButton label={t('contacts.fields.removePhone')} onClick={() => form.removeListItem('phones', i)} />
        </Group>
      ))}
      <AddRowButton
        leftSection={<IconPhonePlus size={16} />}
        onClick={() => form.insertListItem('phones', { key: rowKey(), number: '', type: 'auto' })}
        data-testid="contact-add-phone"
      >
        {t('contacts.fields.addPhone')}
      </AddRowButton>
    </Stack>
  );
}

/** The single CPF/CNPJ field: it says which of the two it recognised as the person types. */
export function DocumentField({ form }: { form: Form }) {
  const { t } = useTranslation();
  const reading = readDocument(form.values.document);
  const badge =
    reading.state === 'valid' ? (
      <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={12} />} data-testid="document-kind">
        {reading.type.toUpperCase()}
      </Badge>
    ) : reading.state === 'invalid' && reading.type ? (
      // Complete but wrong reads as an error at once; still being typed, as a guess.
      <Badge color={reading.reason === 'length' ? 'gray' : 'red'} variant="light" data-testid="document-kind">
        {reading.type.toUpperCase()}
        {reading.reason === 'length' ? '?' : ' ✕'}
      </Badge>
    ) : null;
  return (
    <TextInput
      label={t('contacts.fields.document')}
      description={t('contacts.fields.documentHint')}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder="000.000.000-00"
      rightSection={badge}
      rightSectionWidth={badge ? 84 : undefined}
      rightSectionPointerEvents="none"
      autoComplete="off"
      {...form.getInputProps('document')}
    />
  );
}

/** Attribute/value pairs from the workspace's catalogue (CONT-2); inactive ones stay readable. */
export function AttributesEditor({ form, catalogue }: { form: Form; catalogue: ContactAttribute[] }) {
  const { t } = useTranslation();
  const used = new Set(form.values.attributes.map((a) => a.attributeId));
  const options = (current: string | null) =>
    catalogue
      .filter((a) => a.status === 'active' || a.id === current)
      .map((a) => ({
        value: a.id,
        label: a.status === 'active' ? a.name : `${a.name} (${t('statusLabels.inactive')})`,
        disabled: a.id !== current && used.has(a.id),
      }));
  const noneActive = !catalogue.some((a) => a.status === 'active');
  return (
    <Stack gap="xs" data-testid="contact-attributes">
      {form.values.attributes.length === 0 && (
        <Text size="sm" c="dimmed">
          {noneActive ? t('contacts.fields.noAttributesInCatalogue') : t('contacts.fields.noAttributes')}
        </Text>
      )}
      {form.values.attributes.map((a, i) => (
        <Group key={a.key} gap="xs" align="flex-start" wrap="nowrap" data-testid="contact-attribute-row">
          <Select
            w={220}
            aria-label={t('contacts.fields.attribute')}
            placeholder={t('contacts.fields.attribute')}
            data={options(a.attributeId)}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            {...form.getInputProps(`attributes.${i}.attributeId`)}
          />
          <TextInput style={{ flex: 1 }} aria-label={t('contacts.fields.attributeValue')} placeholder={t('contacts.fields.attributeValue')} {...form.getInputProps(`attributes.${i}.value`)} />
          <RemoveRowButton label={t('contacts.fields.removeAttribute')} onClick={() => form.removeListItem('attributes', i)} />
        </Group>
      ))}
      <AddRowButton
        leftSection={<IconPlus size={16} />}
        disabled={noneActive}
        onClick={() => form.insertListItem('attributes', { key: rowKey(), attributeId: null, value: '' })}
        data-testid="contact-add-attribute"
      >
        {t('contacts.fields.addAttribute')}
      </AddRowButton>
    </Stack>
  );
}
