import { useRef, useState, type ReactNode } from 'react';
import { Alert, Badge, ColorInput, Grid, Group, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_TYPES, type ChannelType } from '@contracts/serving';
import { handleFormError, revealFirstError } from '../../lib/errors';
import { FormActions } from '../../ui/FormActions';
import { localizeFieldErrors } from '../service-groups/configErrors';
import { useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import { BusinessHoursSelect } from '../business-hours/BusinessHoursSelect';
import { ChannelMessagesFields } from './ChannelMessagesFields';
import { ChannelTypeIcon } from './ChannelTypeIcon';
import { channelFormValues, createChannelBody, updateChannelBody, validateChannel, type ChannelFormValues } from './channelFormValues';
import { useSaveChannel, type Channel } from './channelsApi';
import { WidgetPreview } from './WidgetPreview';

const SWATCHES = ['#0f766e', '#1d4ed8', '#7c3aed', '#db2777', '#ea580c', '#16a34a', '#0f172a'];
/** Channel types whose adapters exist; the others arrive with later releases. */
const AVAILABLE: ChannelType[] = ['webchat'];

export function ChannelForm(props: { channel: Channel | null; onSaved: (c: Channel) => void; onCancel: () => void; /** Shown above the buttons (the embed code when editing). */ footer?: ReactNode }) {
  const { channel, onSaved, onCancel } = props;
  const { t } = useTranslation();
  const save = useSaveChannel();
  const groups = useServiceGroupOptions();
  const [previewOffline, setPreviewOffline] = useState(false);
  const [initial] = useState(() => channelFormValues(channel, t));
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<ChannelFormValues>({ initialValues: initial, validate: (v) => validateChannel(v, t) });
  const webchat = form.values.type === 'webchat';
  const groupOptions = (groups.data?.items ?? [])
    .filter((g) => g.status === 'active' || g.id === form.values.serviceGroupId)
    .map((g) => ({ value: g.id, label: g.status === 'active' ? g.name : `${g.name} (${t('statusLabels.inactive')})` }));

  const submit = (v: ChannelFormValues) => {
    const body = channel ? updateChannelBody(v, initial, channel) : createChannelBody(v);
    save.mutate(
      { id: channel?.id, body },
      {
        onSuccess: onSaved,
        onError: (err) => {
          handleFormError(form, localizeFieldErrors(err, t), t);
          revealFirstError(formRef.current, 250);
        },
      },
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, () => revealFirstError(formRef.current, 250))} data-testid="channel-form">
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: webchat ? 7 : 12 }}>
          <Stack gap="md">
            {!channel && (
              <div>
                <Text size="sm" fw={500} mb={6}>
                  {t('channels.fields.type')}
                </Text>
                <SimpleGrid cols={3} spacing="xs">
                  {[...AVAILABLE, ...CHANNEL_TYPES.filter((x) => !AVAILABLE.includes(x))].map((type) => {
                    const available = AVAILABLE.includes(type);
                    const selected = form.values.type === type;
                    return (
                      <UnstyledButton
                        key={type}
                        disabled={!available}
                        onClick={() => form.setFieldValue('type', type)}
                        aria-pressed={selected}
                        data-testid={`channel-type-${type}`}
                        style={{
                          border: `1px solid ${selected ? 'var(--mantine-color-brand-6)' : 'var(--mantine-color-gray-3)'}`,
                          background: selected ? 'var(--mantine-color-brand-0)' : undefined,
                          borderRadius: 10,
                          padding: '8px 10px',
                          opacity: available ? 1 : 0.55,
                          cursor: available ? 'pointer' : 'not-allowed',
                        }}
                      >
                        <Group gap={8} wrap="nowrap">
                          <ChannelTypeIcon type={type} size={28} />
                          <div style={{ minWidth: 0 }}>
                            <Text size="sm" fw={600} truncate>
                              {t(`channels.types.${type}`)}
                            </Text>
                            {!available && (
                              <Badge size="xs" variant="light" color="gray" tt="none">
                                {t('channels.soon')}
                              </Badge>
                            )}
                          </div>
                        </Group>
                      </UnstyledButton>
                    );
                  })}
                </SimpleGrid>
              </div>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={t('channels.fields.name')} placeholder={t('channels.fields.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
              <Select
                label={t('channels.fields.group')}
                description={t('channels.fields.groupHint')}
                placeholder={groupOptions.length ? t('channels.fields.groupPlaceholder') : t('channels.fields.noGroups')}
                data={groupOptions}
                required
                searchable
                nothingFoundMessage={t('common.nothingFound')}
                {...form.getInputProps('serviceGroupId')}
              />
            </SimpleGrid>
            <BusinessHoursSelect description={t('businessHours.select.channelHint')} {...form.getInputProps('settings.businessHoursId')} />
            {channel?.hasCredentials && (
              <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
                {t('channels.credentialsNote')}
              </Alert>
            )}
            <div>
              <Text size="sm" fw={700} mt="xs" mb="xs">
                {t('automation.contacts.title')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  label={t('automation.contacts.defaultName')}
                  description={t('automation.contacts.defaultNameHint')}
                  maxLength={120}
                  data-testid="default-contact-name"
                  {...form.getInputProps('settings.defaultContactName')}
                />
                <Switch
                  mt={{ base: 0, sm: 'lg' }}
                  label={t('automation.contacts.autoCreate')}
                  description={t('automation.contacts.autoCreateHint')}
                  data-testid="auto-create-contacts"
                  {...form.getInputProps('settings.autoCreateContacts', { type: 'checkbox' })}
                />
              </SimpleGrid>
              <Textarea
                mt="md"
                label={t('automation.contacts.inactiveMessage')}
                description={t('automation.contacts.inactiveMessageHint')}
                autosize
                minRows={2}
                maxLength={2000}
                data-testid="inactive-contact-message"
                {...form.getInputProps('settings.inactiveContactMessage')}
              />
            </div>
            {webchat && (
              <>
                <Text size="sm" fw={700} mt="xs">
                  {t('channels.sections.widget')}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <TextInput label={t('channels.fields.widgetTitle')} maxLength={80} {...form.getInputProps('settings.widget.title')} />
                  <ColorInput label={t('channels.fields.widgetColor')} format="hex" swatches={SWATCHES} swatchesPerRow={7} {...form.getInputProps('settings.widget.color')} />
                </SimpleGrid>
                <Textarea label={t('channels.fields.welcome')} description={t('channels.fields.welcomeHint')} autosize minRows={2} maxLength={500} {...form.getInputProps('settings.widget.welcome')} />
                <Textarea
                  label={t('channels.fields.offlineMessage')}
                  description={t('channels.fields.offlineMessageHint')}
                  autosize
                  minRows={2}
                  maxLength={500}
                  {...form.getInputProps('settings.widget.offlineMessage')}
                  onFocus={() => setPreviewOffline(true)}
                />
              </>
            )}
          </Stack>
        </Grid.Col>
        {webchat && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
                  {t('channels.preview.title')}
                </Text>
                <SegmentedControl
                  size="xs"
                  value={previewOffline ? 'offline' : 'online'}
                  onChange={(v) => setPreviewOffline(v === 'offline')}
                  data={[
                    { value: 'online', label: t('channels.preview.online') },
                    { value: 'offline', label: t('channels.preview.offline') },
                  ]}
                />
              </Group>
              <WidgetPreview {...form.values.settings.widget} offline={previewOffline} />
            </Stack>
          </Grid.Col>
        )}
        <Grid.Col span={12}>
          <Text size="sm" fw={700}>
            {t('automation.section')}
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            {t('automation.sectionHint')}
          </Text>
          <ChannelMessagesFields form={form} />
        </Grid.Col>
        {props.footer && <Grid.Col span={12}>{props.footer}</Grid.Col>}
        <Grid.Col span={12}>
          <FormActions onCancel={onCancel} pending={save.isPending} submitLabel={channel ? t('common.saveChanges') : t('channels.createSubmit')} />
        </Grid.Col>
      </Grid>
    </form>
  );
}
