import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { handleFormError, notifySuccess } from '../../lib/errors';
import { FormActions } from '../../ui/FormActions';
import { useSaveOperation, type Operation } from './operationsApi';

export type OperationModalState = { mode: 'create' } | { mode: 'edit'; operation: Operation } | null;

export function OperationModal({ state, onClose }: { state: OperationModalState; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={state !== null}
      onClose={onClose}
      size="lg"
      title={<Text fw={700}>{state?.mode === 'edit' ? t('operations.editTitle') : t('operations.createTitle')}</Text>}
    >
      {state && <OperationForm key={state.mode === 'edit' ? state.operation.id : 'new'} state={state} onClose={onClose} />}
    </Modal>
  );
}

function OperationForm({ state, onClose }: { state: NonNullable<OperationModalState>; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveOperation();
  const editing = state.mode === 'edit' ? state.operation : null;
  const form = useForm({
    initialValues: { name: editing?.name ?? '', description: editing?.description ?? '' },
    validate: { name: (v) => (v.trim() ? null : t('fieldErrors.required')) },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate(
          { id: editing?.id, name: v.name.trim(), description: v.description.trim() || null },
          {
            onSuccess: () => {
              notifySuccess(editing ? t('operations.updated') : t('operations.created', { name: v.name.trim() }));
              onClose();
            },
            onError: (err) => handleFormError(form, err, t),
          },
        ),
      )}
    >
      <Stack gap="md" data-testid="operation-form">
        <TextInput label={t('operations.fields.name')} placeholder={t('operations.fields.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label={t('operations.fields.description')}
          description={t('operations.fields.descriptionHint')}
          autosize
          minRows={3}
          maxRows={8}
          {...form.getInputProps('description')}
        />
        <FormActions
          onCancel={onClose}
          pending={save.isPending}
          submitLabel={editing ? t('common.saveChanges') : t('operations.createSubmit')}
        />
      </Stack>
    </form>
  );
}
