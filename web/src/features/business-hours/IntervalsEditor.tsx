import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MAX_INTERVALS_PER_DAY, type OpeningInterval } from '@contracts/business-hours';
import { DayIntervalsEditor } from '../../ui/DayIntervalsEditor';
import type { BusinessHoursFormValues } from './businessHoursFormValues';

/** The opening intervals of one day (a weekday or a holiday's special hours), at `path` in the form. */
export function IntervalsEditor(props: { form: UseFormReturnType<BusinessHoursFormValues>; path: string; intervals: OpeningInterval[]; dayLabel: string }) {
  const { t } = useTranslation();
  const day = props.dayLabel;
  return (
    <DayIntervalsEditor
      form={props.form}
      path={props.path}
      intervals={props.intervals}
      max={MAX_INTERVALS_PER_DAY}
      labels={{
        add: t('businessHours.week.addInterval'),
        addTo: t('businessHours.week.addIntervalTo', { day }),
        remove: t('businessHours.week.removeInterval'),
        removeOf: (n) => t('businessHours.week.removeIntervalOf', { day, n }),
        startOf: (n) => t('businessHours.week.startOf', { day, n }),
        endOf: (n) => t('businessHours.week.endOf', { day, n }),
      }}
    />
  );
}
