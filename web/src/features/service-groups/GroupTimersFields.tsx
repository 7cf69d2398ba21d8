import { NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SettingsBlock } from './FormSection';
import { SWITCHED_TIMERS, type ServiceGroupFormValues, type SwitchedTimer, type TimerField } from './serviceGroupFormValues';

// Grouped as the seeds' "Temporizadores/Inatividade" reads: inactivity, the queue and its agents, the rest.
const QUEUE_FIELDS: TimerField[] = ['agentAnswerMinutes', 'autoPendingMinutes', 'queuePositionMinutes'];
const OTHER_FIELDS: TimerField[] = ['activeSendDelayMinutes', 'initialSlaMinutes'];
/** Timers whose empty value is not "off" but a behaviour of its own. */
const EMPTY_MEANS = { activeSendDelayMinutes: 'activeSendDelayMinutesEmpty' } as const;
const isSwitched = (f: TimerField): f is SwitchedTimer => (SWITCHED_TIMERS as readonly string[]).includes(f);
// Hints under the inputs keep labels and inputs of a row aligned whatever the hints' lengths.
const BELOW: Array<'label' | 'input' | 'description' | 'error'> = ['label', 'input', 'description', 'error'];

function duration(minutes: number, t: TFunction): string {
  if (minutes < 60) return t('pauseReasons.duration.minutes', { m: minutes });
  if (minutes % 60 === 0) return t('pauseReasons.duration.hours', { h: minutes / 60 });
  return t('pauseReasons.duration.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** When the inactivity warning goes out, in words, or null while either value is off or invalid. */
function warningAt(v: ServiceGroupFormValues['timers'], t: TFunction): string | null {
  const total = Number(v.inactivityMinutes);
  const percent = Number(v.inactivityWarningPercent);
  if (v.inactivityMinutes === '' || v.inactivityWarningPercent === '' || !Number.isInteger(total) || !Number.isInteger(percent)) return null;
  if (total <= 0 || percent <= 0 || percent > 100) return null;
  return t('serviceGroups.timers.inactivityWarningAt', { duration: duration(Math.round((total * percent) / 100), t) });
}

/** The switched timers of a block that are off, named by their flags (the seeds hide their fields). */
function SwitchedOff({ fields, form }: { fields: TimerField[]; form: UseFormReturnType<ServiceGroupFormValues> }) {
  const { t } = useTranslation();
  const off = fields.filter((f) => isSwitched(f) && !form.values.timerOn[f]) as SwitchedTimer[];
  if (!off.length) return null;
  return (
    <Text size="xs" c="dimmed" mt="md" data-testid="timers-switched-off">
      {t('serviceGroups.timers.switchedOff', { names: off.map((f) => `“${t(`serviceGroups.settings.switch.${f}`)}”`).join(', ') })}
    </Text>
  );
}

/** ROUTE-4 timers; an empty field is a timer that is off; a flagged one shows only while its flag is on. */
export function GroupTimersFields({ form }: { form: UseFormReturnType<ServiceGroupFormValues> }) {
  const { t } = useTranslation();
  const shown = (f: TimerField) => !isSwitched(f) || form.values.timerOn[f];
  const timer = (f: TimerField) => (
    <NumberInput
      key={f}
      label={t(`serviceGroups.timers.${f}`)}
      description={t(`serviceGroups.timers.${f}Hint`)}
      placeholder={
        isSwitched(f) ? undefined : f in EMPTY_MEANS ? t(`serviceGroups.timers.${EMPTY_MEANS[f as keyof typeof EMPTY_MEANS]}`) : t('serviceGroups.timers.off')
      }
      inputWrapperOrder={BELOW}
      suffix={f === 'inactivityWarningPercent' ? ' %' : ` ${t('serviceGroups.timers.minutesSuffix')}`}
      min={0}
      max={f === 'inactivityWarningPercent' ? 100 : 525_600}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      data-testid={`timer-${f}`}
      {...form.getInputProps(`timers.${f}`)}
    />
  );
  const warning = warningAt(form.values.timers, t);
  return (
    <Stack gap="md">
      <SettingsBlock title={t('serviceGroups.timers.inactivityBlock')} hint={t('serviceGroups.timers.inactivityBlockHint')} testId="timers-inactivity">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="lg">
          {timer('inactivityMinutes')}
          <Select
            label={t('serviceGroups.timers.inactivityScope')}
            description={t('serviceGroups.timers.inactivityScopeHint')}
            allowDeselect={false}
            inputWrapperOrder={BELOW}
            data={(['customer', 'both'] as const).map((v) => ({ value: v, label: t(`serviceGroups.timers.scope.${v}`) }))}
            {...form.getInputProps('timers.inactivityScope')}
          />
          <div>
            {timer('inactivityWarningPercent')}
            {warning && (
              <Text size="xs" c="teal.8" mt={4} data-testid="inactivity-warning-at">
                {warning}
              </Text>
            )}
          </div>
          {shown('partnerInactivityWarningMinutes') && timer('partnerInactivityWarningMinutes')}
        </SimpleGrid>
        <SwitchedOff fields={['partnerInactivityWarningMinutes']} form={form} />
      </SettingsBlock>
      <SettingsBlock title={t('serviceGroups.timers.queueBlock')} hint={t('serviceGroups.timers.queueBlockHint')} testId="timers-queue">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="lg">
          {QUEUE_FIELDS.filter(shown).map(timer)}
        </SimpleGrid>
        <SwitchedOff fields={QUEUE_FIELDS} form={form} />
      </SettingsBlock>
      <SettingsBlock title={t('serviceGroups.timers.otherBlock')} hint={t('serviceGroups.timers.otherBlockHint')} testId="timers-other">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="lg">
          {OTHER_FIELDS.map(timer)}
        </SimpleGrid>
      </SettingsBlock>
    </Stack>
  );
}
