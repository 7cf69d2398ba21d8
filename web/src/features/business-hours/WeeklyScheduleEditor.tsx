import { Alert, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Weekday } from '@contracts/users';
import { WEEK_ORDER, type BusinessHoursFormValues } from './businessHoursFormValues';
import { IntervalsEditor } from './IntervalsEditor';

type Form = UseFormReturnType<BusinessHoursFormValues>;

/** ROUTE-5 weekly grid: each weekday closed or open in one or more intervals. */
export function WeeklyScheduleEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  const noDayOpen = WEEK_ORDER.every((d) => form.values.weekly[d].length === 0);
  const copyMonday = () => {
    for (const d of ['tue', 'wed', 'thu', 'fri'] as const) form.setFieldValue(`weekly.${d}`, form.values.weekly.mon.map((r) => ({ ...r })));
  };

  return (
    <Stack gap="sm" data-testid="weekly-schedule">
      <Paper withBorder p="sm" radius="md">
        <Stack gap={0}>
          {WEEK_ORDER.map((day) => (
            <DayRow key={day} day={day} form={form} />
          ))}
        </Stack>
        <Group justify="flex-end" mt="xs">
          <Button variant="subtle" size="compact-sm" leftSection={<IconCopy size={14} />} onClick={copyMonday} disabled={!form.values.weekly.mon.length}>
            {t('businessHours.week.copyMonday')}
          </Button>
        </Group>
      </Paper>
      {noDayOpen && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} py="xs">
          {t('businessHours.week.noDayWarning')}
        </Alert>
      )}
    </Stack>
  );
}

function DayRow({ day, form }: { day: Weekday; form: Form }) {
  const { t } = useTranslation();
  const intervals = form.values.weekly[day];
  const dayName = t(`weekdays.${day}`);
  const open = intervals.length > 0;

  return (
    <Group align="flex-start" gap="md" wrap="nowrap" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }} data-testid={`day-${day}`}>
      <Text fw={600} size="sm" w={84} pt={4} style={{ flexShrink: 0 }}>
        {dayName}
      </Text>
      <Switch
        size="sm"
        mt={5}
        w={96}
        style={{ flexShrink: 0 }}
        checked={open}
        label={open ? t('businessHours.week.open') : t('businessHours.week.closed')}
        aria-label={t('businessHours.week.openOn', { day: dayName })}
        onChange={(e) => form.setFieldValue(`weekly.${day}`, e.currentTarget.checked ? [{ start: '08:00', end: '18:00' }] : [])}
      />
      {open && <IntervalsEditor form={form} path={`weekly.${day}`} intervals={intervals} dayLabel={dayName} />}
    </Group>
  );
}
