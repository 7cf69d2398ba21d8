import { Checkbox, Divider, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { BusinessHoursSelect } from '../business-hours/BusinessHoursSelect';
import { SettingsBlock } from './FormSection';
import type { ServiceGroupFormValues } from './serviceGroupFormValues';

// Grouped as the seeds describe them: who gets the queue, then what agents may send.
const QUEUE_TOGGLES = ['requiresOnlineAgent', 'priorityToWalletAgent', 'redirectOnDisconnect', 'transferToPaused'] as const;
const SENDING_TOGGLES = ['receptiveOnly', 'sendWhatsappTemplate'] as const;
const ACTIVE_SEND = ['whatsapp', 'sms', 'email', 'telegram', 'voice'] as const;
const MEDIA = ['allowImage', 'allowDocument', 'allowAudio', 'allowVideo'] as const;

/** ROUTE-3: what the group allows and how it behaves, each switch with the sentence that explains it. */
export function GroupSettingsFields({ form }: { form: UseFormReturnType<ServiceGroupFormValues> }) {
  const { t } = useTranslation();
  const toggle = (key: (typeof QUEUE_TOGGLES)[number] | (typeof SENDING_TOGGLES)[number]) => (
    <Switch
      key={key}
      label={t(`serviceGroups.settings.${key}`)}
      description={t(`serviceGroups.settings.${key}Hint`)}
      data-testid={`setting-${key}`}
      {...form.getInputProps(`settings.${key}`, { type: 'checkbox' })}
    />
  );
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label={t('serviceGroups.settings.nameShown')}
          description={t('serviceGroups.settings.nameShownHint')}
          allowDeselect={false}
          data={(['agent', 'company', 'none'] as const).map((v) => ({ value: v, label: t(`serviceGroups.settings.nameShownOptions.${v}`) }))}
          {...form.getInputProps('settings.nameShown')}
        />
        <BusinessHoursSelect description={t('businessHours.select.groupHint')} {...form.getInputProps('settings.businessHoursId')} />
      </SimpleGrid>
      <SettingsBlock title={t('serviceGroups.settings.queueBlock')} hint={t('serviceGroups.settings.queueBlockHint')} testId="settings-queue">
        <Stack gap="md">{QUEUE_TOGGLES.map(toggle)}</Stack>
      </SettingsBlock>
      <SettingsBlock title={t('serviceGroups.settings.sendingBlock')} hint={t('serviceGroups.settings.sendingBlockHint')} testId="settings-sending">
        <Stack gap="md">
          {SENDING_TOGGLES.map(toggle)}
          <Divider />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <div>
              <Text size="sm" fw={500}>
                {t('serviceGroups.settings.activeSend')}
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                {t('serviceGroups.settings.activeSendHint')}
              </Text>
              <Stack gap={8}>
                {ACTIVE_SEND.map((channel) => (
                  <Checkbox
                    key={channel}
                    label={t(`serviceGroups.settings.activeSendChannels.${channel}`)}
                    disabled={form.values.settings.receptiveOnly}
                    {...form.getInputProps(`settings.activeSend.${channel}`, { type: 'checkbox' })}
                  />
                ))}
              </Stack>
            </div>
            <div>
              <Text size="sm" fw={500}>
                {t('serviceGroups.settings.media')}
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                {t('serviceGroups.settings.mediaHint')}
              </Text>
              <Stack gap={8}>
                {MEDIA.map((key) => (
                  <Checkbox key={key} label={t(`serviceGroups.settings.${key}`)} {...form.getInputProps(`settings.${key}`, { type: 'checkbox' })} />
                ))}
              </Stack>
            </div>
          </SimpleGrid>
        </Stack>
      </SettingsBlock>
    </Stack>
  );
}
