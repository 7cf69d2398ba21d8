import { Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { handleFormError, notifySuccess } from '../../lib/errors';
import { FormActions } from '../../ui/FormActions';
import { localizeFieldErrors } from '../service-groups/configErrors';
import { useSavePauseReason, type PauseReason } from './pauseReasonsApi';

export type PauseReasonModalState = { mode: 'create' } | { mode: 'edit'; reason: PauseReason } | null;

export function PauseReasonModal({ state, onClose }: { state: PauseReasonModalState; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={state !== null}
      onClose={onClose}
      size="md"
      title={<Text fw={700}>{state?.mode === 'edit' ? t('pauseReasons.editTitle') : t('pauseReasons.createTitle')}</Text>}
    >
      {state && <PauseReasonForm key={state.mode === 'edit' ? state.reason.id : 'new'} state={state} onClose={onClose} />}
    </Modal>
  );
}

function PauseReasonForm({ state, onClose }: { state: NonNullable<PauseReasonModalState>; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSavePauseReason();
  const editing = state.mode === 'edit' ? state.reason : null;
  const form = useForm<{ name: string; minutes: number | string }>({
    initialValues: { name: editing?.name ?? '', minutes: editing?.minutes ?? 15 },
    validate: {
      name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      minutes: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 480 && v !== '' ? null : t('config.fieldErrors.pauseMinutes')),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate(
          { id: editing?.id, name: v.name.trim(), minutes: Number(v.minutes) },
          {
            onSuccess: () => {
              notifySuccess(editing ? t('pauseReasons.updated') : t('pauseReasons.created', { name: v.name.trim() }));
              onClose();
            },
            onError: (err) => handleFormError(form, localizeFieldErrors(err, t), t),
          },
        ),
      )}
    >
      <Stack gap="md" data-testid="pause-reason-form">
        <TextInput
          label={t('pauseReasons.fields.name')}
          placeholder={t('pauseReasons.fields.namePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <NumberInput
          label={t('pauseReasons.fields.minutes')}
          description={t('pauseReasons.fields.minutesHint')}
          suffix={` ${t('pauseReasons.minutesSuffix')}`}
          min={1}
          max={480}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          required
          maw={220}
          {...form.getInputProps('minutes')}
        />
        <FormActions onCancel={onClose} pending={save.isPending} submitLabel={editing ? t('common.saveChanges') : t('pauseReasons.createSubmit')} />
      </Stack>
    </form>
  );
}
