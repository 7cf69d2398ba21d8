import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Cancel and submit at the foot of a form. Cancel is locked while the submit is in flight so
 * a closing form cannot drop a save; without `onCancel` the submit takes the whole row.
 */
export function FormActions({ onCancel, pending, submitLabel }: { onCancel?: () => void; pending: boolean; submitLabel: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="xs">
      {onCancel && (
        <Button variant="default" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>
      )}
      <Button type="submit" loading={pending} fullWidth={!onCancel}>
        {submitLabel}
      </Button>
    </Group>
  );
}
