import { Alert, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconClockPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ServiceGroupFormValues, TimerField } from './serviceGroupFormValues';

const FIELDS: TimerField[] = [
  'inactivityMinutes',
  'inactivityWarningPercent',
  'agentAnswerMinutes',
  'autoPendingMinutes',
  'queuePositionMinutes',
  'partnerInactivityWarningMinutes',
  'activeSendDelayMinutes',
  'initialSlaMinutes',
];

/** ROUTE-4 timers; an empty field is a timer that is off. */
export function GroupTimersFields({ form }: { form: UseFormReturnType<ServiceGroupFormValues> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert variant="light" color="blue" icon={<IconClockPause size={18} />} data-testid="timers-note">
        {t('serviceGroups.timers.note')}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="lg">
        {FIELDS.map((f) => (
          <NumberInput
            key={f}
            label={t(`serviceGroups.timers.${f}`)}
            description={t(`serviceGroups.timers.${f}Hint`)}
            placeholder={t('serviceGroups.timers.off')}
            suffix={f === 'inactivityWarningPercent' ? ' %' : ` ${t('serviceGroups.timers.minutesSuffix')}`}
            min={0}
            max={f === 'inactivityWarningPercent' ? 100 : 525_600}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            {...form.getInputProps(`timers.${f}`)}
          />
        ))}
        <Select
          label={t('serviceGroups.timers.inactivityScope')}
          description={t('serviceGroups.timers.inactivityScopeHint')}
          allowDeselect={false}
          data={(['customer', 'both'] as const).map((v) => ({ value: v, label: t(`serviceGroups.timers.scope.${v}`) }))}
          {...form.getInputProps('timers.inactivityScope')}
        />
      </SimpleGrid>
    </Stack>
  );
}
