import { Checkbox, Paper, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { BusinessHoursSelect } from '../business-hours/BusinessHoursSelect';
import type { ServiceGroupFormValues } from './serviceGroupFormValues';

const TOGGLES = [
  'redirectOnDisconnect',
  'transferToPaused',
  'requiresOnlineAgent',
  'priorityToWalletAgent',
  'receptiveOnly',
  'sendWhatsappTemplate',
] as const;
const ACTIVE_SEND = ['whatsapp', 'sms', 'email', 'telegram', 'voice'] as const;
const MEDIA = ['allowImage', 'allowDocument', 'allowAudio', 'allowVideo'] as const;

/** ROUTE-3: what the group allows and how it behaves, each switch with the sentence that explains it. */
export function GroupSettingsFields({ form }: { form: UseFormReturnType<ServiceGroupFormValues> }) {
  const { t } = useTranslation();
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
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          {TOGGLES.map((key) => (
            <Switch
              key={key}
              label={t(`serviceGroups.settings.${key}`)}
              description={t(`serviceGroups.settings.${key}Hint`)}
              data-testid={`setting-${key}`}
              {...form.getInputProps(`settings.${key}`, { type: 'checkbox' })}
            />
          ))}
        </Stack>
      </Paper>
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
  );
}
