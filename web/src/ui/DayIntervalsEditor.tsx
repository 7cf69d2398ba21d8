import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { FormArrayElement, UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { TimeField } from './TimeField';

export interface DayInterval {
  start: string;
  end: string;
}

/** What the editor says; each screen keeps its own words ("intervalo", "faixa"…) for its own setting. */
export interface DayIntervalsLabels {
  add: string;
  addTo: string;
  remove: string;
  removeOf: (n: number) => string;
  startOf: (n: number) => string;
  endOf: (n: number) => string;
  /** Shown instead of the inputs when the day has no interval ("Folga"); nothing when absent. */
  empty?: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A new interval an hour after the day's last one (four hours long), so adding one rarely needs retyping. */
export function nextInterval(intervals: DayInterval[]): DayInterval {
  const ends = intervals.map((r) => toMinutes(r.end)).filter((m) => Number.isFinite(m));
  const lastEnd = Math.max(-1, ...ends);
  if (lastEnd < 0) return { start: '08:00', end: '18:00' };
  const start = Math.min(lastEnd + 60, 23 * 60);
  return { start: toHhmm(start), end: toHhmm(Math.min(start + 240, 24 * 60)) };
}

interface Props<V> {
  form: UseFormReturnType<V>;
  /** Where the day's list sits in the form (`weekly.mon`, `workHours.tue`), so server errors land on its inputs. */
  path: string;
  intervals: DayInterval[];
  max: number;
  labels: DayIntervalsLabels;
}

/** The HH:MM intervals of one day: business hours, a holiday's special hours, a user's work hours. */
export function DayIntervalsEditor<V>({ form, path, intervals, max, labels }: Props<V>) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" style={{ flex: 1 }}>
      {/* As wide as an interval row, so an empty day's add button lines up with the others. */}
      <Stack gap={6} miw={205}>
        {intervals.length === 0 && labels.empty && (
          <Text size="sm" c="dimmed" pt={4}>
            {labels.empty}
          </Text>
        )}
        {intervals.map((_, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TimeField size="xs" w={76} aria-label={labels.startOf(i + 1)} {...form.getInputProps(`${path}.${i}.start`)} />
            <Text size="sm" c="dimmed" pt={4}>
              –
            </Text>
            <TimeField size="xs" w={76} aria-label={labels.endOf(i + 1)} {...form.getInputProps(`${path}.${i}.end`)} />
            <Tooltip label={labels.remove}>
              <ActionIcon variant="subtle" color="gray" mt={2} onClick={() => form.removeListItem(path, i)} aria-label={labels.removeOf(i + 1)}>
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
        disabled={intervals.length >= max}
        // The path is only known at run time; the caller points it at a list of intervals.
        onClick={() => form.insertListItem(path, nextInterval(intervals) as FormArrayElement<V, string>)}
        aria-label={labels.addTo}
      >
        {labels.add}
      </Button>
    </Group>
  );
}
