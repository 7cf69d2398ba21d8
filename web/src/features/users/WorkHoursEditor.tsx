import { ActionIcon, Alert, Button, Group, Paper, Stack, Switch, Text, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Weekday } from '@contracts/users';
import { TimeField } from '../../ui/TimeField';
import { WEEK_ORDER, businessWeek, type UserFormValues } from './userFormValues';

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
  const ranges = form.values.workHours[day];
  const dayName = t(`weekdays.${day}`);

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
      <Text fw={600} size="sm" w={96} pt={6} style={{ flexShrink: 0 }}>
        {dayName}
      </Text>
      <Stack gap={6} style={{ flex: 1 }}>
        {ranges.length === 0 && (
          <Text size="sm" c="dimmed" pt={6}>
            {t('users.workHours.dayOff')}
          </Text>
        )}
        {ranges.map((_, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TimeField
              size="xs"
              w={76}
              aria-label={t('users.workHours.startOf', { day: dayName, n: i + 1 })}
              {...form.getInputProps(`workHours.${day}.${i}.start`)}
            />
            <Text size="sm" c="dimmed" pt={4}>
              –
            </Text>
            <TimeField
              size="xs"
              w={76}
              aria-label={t('users.workHours.endOf', { day: dayName, n: i + 1 })}
              {...form.getInputProps(`workHours.${day}.${i}.end`)}
            />
            <Tooltip label={t('users.workHours.removeRange')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={2}
                onClick={() => form.removeListItem(`workHours.${day}`, i)}
                aria-label={t('users.workHours.removeRangeOf', { day: dayName, n: i + 1 })}
              >
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
      <Button
        variant="subtle"
        size="compact-xs"
        mt={4}
        leftSection={<IconPlus size={13} />}
        disabled={ranges.length >= MAX_RANGES}
        onClick={() => {
          const last = ranges[ranges.length - 1];
          form.insertListItem(`workHours.${day}`, last ? { start: last.end < '23:00' ? last.end : '08:00', end: '23:59' } : { start: '08:00', end: '18:00' });
        }}
        aria-label={t('users.workHours.addRangeTo', { day: dayName })}
      >
        {t('users.workHours.addRange')}
      </Button>
    </Group>
  );
}
