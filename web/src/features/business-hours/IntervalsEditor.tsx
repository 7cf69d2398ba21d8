import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MAX_INTERVALS_PER_DAY, type OpeningInterval } from '@contracts/business-hours';
import { TimeField } from '../../ui/TimeField';
import type { BusinessHoursFormValues } from './businessHoursFormValues';

type Form = UseFormReturnType<BusinessHoursFormValues>;

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A new interval an hour after the day's last one (four hours long), so adding one rarely needs retyping. */
export function nextInterval(intervals: OpeningInterval[]): OpeningInterval {
  const lastEnd = Math.max(-1, ...intervals.map((r) => toMinutes(r.end)));
  if (lastEnd < 0) return { start: '08:00', end: '18:00' };
  const start = Math.min(lastEnd + 60, 23 * 60);
  return { start: toHhmm(start), end: toHhmm(Math.min(start + 240, 24 * 60)) };
}

/** The HH:MM intervals of one day (a weekday or a holiday's special hours), at `path` in the form. */
export function IntervalsEditor({ form, path, intervals, dayLabel }: { form: Form; path: string; intervals: OpeningInterval[]; dayLabel: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" style={{ flex: 1 }}>
      <Stack gap={6}>
        {intervals.map((_, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TimeField size="xs" w={76} aria-label={t('businessHours.week.startOf', { day: dayLabel, n: i + 1 })} {...form.getInputProps(`${path}.${i}.start`)} />
            <Text size="sm" c="dimmed" pt={4}>
              –
            </Text>
            <TimeField size="xs" w={76} aria-label={t('businessHours.week.endOf', { day: dayLabel, n: i + 1 })} {...form.getInputProps(`${path}.${i}.end`)} />
            <Tooltip label={t('businessHours.week.removeInterval')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={2}
                onClick={() => form.removeListItem(path, i)}
                aria-label={t('businessHours.week.removeIntervalOf', { day: dayLabel, n: i + 1 })}
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
        disabled={intervals.length >= MAX_INTERVALS_PER_DAY}
        onClick={() => form.insertListItem(path, nextInterval(intervals))}
        aria-label={t('businessHours.week.addIntervalTo', { day: dayLabel })}
      >
        {t('businessHours.week.addInterval')}
      </Button>
    </Group>
  );
}
