import { ActionIcon, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCalendarPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MAX_HOLIDAYS } from '@contracts/business-hours';
import { DateField } from '../../ui/DateField';
import type { BusinessHoursFormValues } from './businessHoursFormValues';
import { IntervalsEditor } from './IntervalsEditor';

type Form = UseFormReturnType<BusinessHoursFormValues>;

/** Dated exceptions to the week: closed all day or open only in special hours. */
export function HolidaysEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  const holidays = form.values.holidays;

  return (
    <Stack gap="sm" data-testid="holidays">
      {holidays.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('businessHours.holidays.empty')}
        </Text>
      )}
      {holidays.map((h, i) => {
        const label = h.name.trim() || t('businessHours.holidays.unnamed', { n: i + 1 });
        return (
          <Paper key={i} withBorder p="sm" radius="md" data-testid="holiday-row">
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <DateField label={t('businessHours.holidays.date')} w={130} required {...form.getInputProps(`holidays.${i}.date`)} />
              <TextInput
                label={t('businessHours.holidays.name')}
                placeholder={t('businessHours.holidays.namePlaceholder')}
                required
                maxLength={80}
                style={{ flex: 1 }}
                {...form.getInputProps(`holidays.${i}.name`)}
              />
              <Tooltip label={t('businessHours.holidays.remove')}>
                <ActionIcon variant="subtle" color="gray" mt={26} onClick={() => form.removeListItem('holidays', i)} aria-label={t('businessHours.holidays.removeOf', { name: label })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
            <Group align="flex-start" gap="md" mt="xs" wrap="nowrap">
              <SegmentedControl
                size="xs"
                aria-label={t('businessHours.holidays.kindOf', { name: label })}
                value={h.special ? 'special' : 'closed'}
                onChange={(v) => {
                  const special = v === 'special';
                  form.setFieldValue(`holidays.${i}.special`, special);
                  if (special && h.intervals.length === 0) form.setFieldValue(`holidays.${i}.intervals`, [{ start: '08:00', end: '12:00' }]);
                }}
                data={[
                  { value: 'closed', label: t('businessHours.holidays.closedAllDay') },
                  { value: 'special', label: t('businessHours.holidays.specialHours') },
                ]}
              />
              {h.special && <IntervalsEditor form={form} path={`holidays.${i}.intervals`} intervals={h.intervals} dayLabel={label} />}
            </Group>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconCalendarPlus size={15} />}
          disabled={holidays.length >= MAX_HOLIDAYS}
          onClick={() => form.insertListItem('holidays', { date: '', name: '', special: false, intervals: [] })}
          data-testid="add-holiday"
        >
          {t('businessHours.holidays.add')}
        </Button>
      </Group>
    </Stack>
  );
}
