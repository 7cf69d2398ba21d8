import type { ReactNode } from 'react';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessHoursOptions } from './businessHoursApi';

/**
 * ROUTE-5 picker for channel and group forms: empty means always open. Inactive schedules are
 * not offered, except the one already chosen (shown as inactive, kept on save).
 */
export function BusinessHoursSelect(props: {
  value?: string | null;
  onChange: (id: string | null) => void;
  description: string;
  error?: ReactNode;
  onFocus?: () => void;
  onBlur?: () => void;
}) {
  const { t } = useTranslation();
  const options = useBusinessHoursOptions();
  const data = (options.data?.items ?? [])
    .filter((b) => b.status === 'active' || b.id === props.value)
    .map((b) => ({ value: b.id, label: b.status === 'active' ? b.name : `${b.name} (${t('statusLabels.inactive')})` }));

  return (
    <Select
      label={t('businessHours.select.label')}
      description={props.description}
      placeholder={data.length ? t('businessHours.select.placeholder') : t('businessHours.select.none')}
      data={data}
      clearable
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      disabled={options.isPending}
      data-testid="business-hours-select"
      value={props.value ?? null}
      onChange={props.onChange}
      error={props.error}
      onFocus={props.onFocus}
      onBlur={props.onBlur}
    />
  );
}
