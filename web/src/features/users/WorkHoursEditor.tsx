import { Alert, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Weekday } from '@contracts/users';
import { DayIntervalsEditor } from '../../ui/DayIntervalsEditor';
import { WEEK_ORDER, businessWeek, type UserFormValues } from './userFormValues';

// USER-3 contract: at most six ranges a day.
const MAX_RANGES = 6;

/** USER-3 weekly schedule: per weekday a list of HH:MM ranges; switched off means "any time". */
export function WorkHoursEditor({ form }: { form: UseFormReturnType<UserFormValues> }) {
  const { t } = useTranslation();
  const { restrictHours, workHours } = form.values;
  const noDayOpen = WEEK_ORDER.every((d) => workHours[d].length === 0);

  const copyMondayToWeekdays = () => {
    const monday = workHours.mon.map((r) => ({ ...r }));
    for (const d of ['tue', 'wed', 'thu', 'fri'] as const) form.setFieldValue(`workHours.${d}`, monday.map((r) => ({ ...r })));
  };

  return (
    <Stack gap="sm" data-testid="work-hours">
      <Switch
        label={t('users.workHours.restrict')}
        description={restrictHours ? t('users.workHours.restrictOn') : t('users.workHours.restrictOff')}
        checked={restrictHours}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          form.setFieldValue('restrictHours', on);
          if (on && noDayOpen) form.setFieldValue('workHours', businessWeek());
        }}
      />
      {restrictHours && (
        <Paper withBorder p="sm" radius="md">
          <Stack gap={6}>
            {WEEK_ORDER.map((day) => (
              <DayRow key={day} day={day} form={form} />
            ))}
          </Stack>
          <Group justify="flex-end" mt="xs">
            <Button variant="subtle" size="compact-sm" leftSection={<IconCopy size={14} />} onClick={copyMondayToWeekdays}>
              {t('users.workHours.copyMonday')}
            </Button>
          </Group>
        </Paper>
      )}
      {restrictHours && noDayOpen && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} py="xs">
          {t('users.workHours.noDayWarning')}
        </Alert>
      )}
    </Stack>
  );
}

function DayRow({ day, form }: { day: Weekday; form: UseFormReturnType<UserFormValues> }) {
  const { t } = useTranslation();
  const dayName = t(`weekdays.${day}`);
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
      <Text fw={600} size="sm" w={96} pt={4} style={{ flexShrink: 0 }}>
        {dayName}
      </Text>
      <DayIntervalsEditor
        form={form}
        path={`workHours.${day}`}
        intervals={form.values.workHours[day]}
        max={MAX_RANGES}
        labels={{
          add: t('users.workHours.addRange'),
          addTo: t('users.workHours.addRangeTo', { day: dayName }),
          remove: t('users.workHours.removeRange'),
          removeOf: (n) => t('users.workHours.removeRangeOf', { day: dayName, n }),
          startOf: (n) => t('users.workHours.startOf', { day: dayName, n }),
          endOf: (n) => t('users.workHours.endOf', { day: dayName, n }),
          empty: t('users.workHours.dayOff'),
        }}
      />
    </Group>
  );
}
