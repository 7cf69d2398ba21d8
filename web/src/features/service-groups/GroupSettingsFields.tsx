import { Checkbox, Divider, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { BusinessHoursSelect } from '../business-hours/BusinessHoursSelect';
import { SettingsBlock } from './FormSection';
import { SWITCHED_TIMER_DEFAULTS, type ServiceGroupFormValues, type SwitchedTimer } from './serviceGroupFormValues';

// Grouped as the seeds describe them: who gets the queue, then what agents may send.
const QUEUE_TOGGLES = ['requiresOnlineAgent', 'priorityToWalletAgent', 'redirectOnDisconnect', 'transferToPaused'] as const;
const QUEUE_TIMER_SWITCHES: SwitchedTimer[] = ['autoPendingMinutes', 'queuePositionMinutes'];
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
  // The seeds' flags that open a field under "Temporizadores/Inatividade".
  const timerSwitch = (f: SwitchedTimer) => (
    <Switch
      key={f}
      label={t(`serviceGroups.settings.switch.${f}`)}
      description={t(`serviceGroups.settings.switch.${f}Hint`)}
      data-testid={`setting-switch-${f}`}
      checked={form.values.timerOn[f]}
      onChange={(e) => {
        const on = e.currentTarget.checked;
        form.setFieldValue(`timerOn.${f}`, on);
        if (on && form.values.timers[f] === '') form.setFieldValue(`timers.${f}`, SWITCHED_TIMER_DEFAULTS[f]);
        if (!on) form.clearFieldError(`timers.${f}`);
      }}
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
        <Stack gap="md">
          {QUEUE_TOGGLES.map(toggle)}
          {QUEUE_TIMER_SWITCHES.map(timerSwitch)}
        </Stack>
      </SettingsBlock>
      <SettingsBlock title={t('serviceGroups.settings.sendingBlock')} hint={t('serviceGroups.settings.sendingBlockHint')} testId="settings-sending">
        <Stack gap="md">
          {SENDING_TOGGLES.map(toggle)}
          {timerSwitch('partnerInactivityWarningMinutes')}
          <Divider />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <div>
              <Text size="sm" fw={500}>
                {t('serviceGroups.settings.activeSend')}
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                {t('serviceGroups.settings.activeSendHint')}
              </Text>
              <Stack gap={10}>
                {ACTIVE_SEND.map((channel) => (
                  <Checkbox
                    key={channel}
                    label={t(`serviceGroups.settings.activeSendChannels.${channel}`)}
                    description={t(`serviceGroups.settings.activeSendHints.${channel}`)}
                    disabled={form.values.settings.receptiveOnly}
                    data-testid={`setting-activeSend-${channel}`}
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
              <Stack gap={10}>
                {MEDIA.map((key) => (
                  <Checkbox
                    key={key}
                    label={t(`serviceGroups.settings.${key}`)}
                    description={t(`serviceGroups.settings.${key}Hint`)}
                    data-testid={`setting-${key}`}
                    {...form.getInputProps(`settings.${key}`, { type: 'checkbox' })}
                  />
                ))}
              </Stack>
            </div>
          </SimpleGrid>
        </Stack>
      </SettingsBlock>
    </Stack>
  );
}
