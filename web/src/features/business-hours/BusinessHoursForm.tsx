import { useRef } from 'react';
import { Button, Divider, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarEvent, IconClockHour8, IconId } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { COMMON_TIME_ZONES } from '@contracts/business-hours';
import { handleFormError, notifySuccess, revealFirstError } from '../../lib/errors';
import { ApiError, isApiError } from '../../lib/api';
import { FormSection } from '../service-groups/FormSection';
import {
  createBody,
  timeZoneLabel,
  translateHoursMessage,
  updateBody,
  validateBusinessHours,
  type BusinessHoursFormValues,
} from './businessHoursFormValues';
import { useSaveBusinessHours, type BusinessHours } from './businessHoursApi';
import { HolidaysEditor } from './HolidaysEditor';
import { WeeklyScheduleEditor } from './WeeklyScheduleEditor';

interface Props {
  id?: string;
  initial: BusinessHoursFormValues;
  onSaved: (saved: BusinessHours) => void;
  onCancel: () => void;
}

export function BusinessHoursForm({ id, initial, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useForm<BusinessHoursFormValues>({ initialValues: initial, validate: (v) => validateBusinessHours(v, t) });
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveBusinessHours();
  const zones = [...new Set<string>([...COMMON_TIME_ZONES, form.values.timeZone])].map((z) => ({ value: z, label: timeZoneLabel(z) }));

  const submit = (values: BusinessHoursFormValues) => {
    save.mutate(
      { id, body: id ? updateBody(values, initial) : createBody(values) },
      {
        onSuccess: (saved) => {
          notifySuccess(id ? t('businessHours.updated') : t('businessHours.created', { name: saved.name }));
          onSaved(saved);
        },
        onError: (err) => {
          const localized = isApiError(err)
            ? new ApiError(err.status, err.code, err.message, err.fields.map((f) => ({ ...f, message: translateHoursMessage(f.message, t) })), err.retryAfter)
            : err;
          handleFormError(form, localized, t);
          revealFirstError(formRef.current);
        },
      },
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, () => revealFirstError(formRef.current))} data-testid="business-hours-form">
      <Stack gap="xl" pb="md">
        <FormSection icon={IconId} title={t('businessHours.sections.identification')} description={t('businessHours.sections.identificationHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('businessHours.fields.name')}
              placeholder={t('businessHours.fields.namePlaceholder')}
              required
              maxLength={80}
              data-autofocus
              {...form.getInputProps('name')}
            />
            <Select
              label={t('businessHours.fields.timeZone')}
              description={t('businessHours.fields.timeZoneHint')}
              data={zones}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="time-zone-select"
              {...form.getInputProps('timeZone')}
            />
          </SimpleGrid>
        </FormSection>
        <Divider />
        <FormSection icon={IconClockHour8} title={t('businessHours.sections.week')} description={t('businessHours.sections.weekHint')}>
          <WeeklyScheduleEditor form={form} />
        </FormSection>
        <Divider />
        <FormSection icon={IconCalendarEvent} title={t('businessHours.sections.holidays')} description={t('businessHours.sections.holidaysHint')}>
          <HolidaysEditor form={form} />
        </FormSection>
      </Stack>
      <Group
        justify="flex-end"
        gap="sm"
        py="md"
        style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-gray-3)', zIndex: 2 }}
      >
        <Button variant="default" onClick={onCancel} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending} data-testid="business-hours-submit">
          {id ? t('common.saveChanges') : t('businessHours.createSubmit')}
        </Button>
      </Group>
    </form>
  );
}
