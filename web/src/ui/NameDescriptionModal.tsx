import { Modal, Stack, Text, TextInput, Textarea, type ModalProps } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { handleFormError, notifySuccess } from '../lib/errors';
import { FormActions } from './FormActions';

export interface NameDescriptionRecord {
  id: string;
  name: string;
  description: string | null;
}

export interface NameDescriptionInput {
  id?: string;
  name: string;
  description: string | null;
}

/** The part of a react-query mutation the modal uses; `id` is set when editing. */
export interface NameDescriptionSave {
  mutate: (input: NameDescriptionInput, callbacks: { onSuccess: () => void; onError: (err: unknown) => void }) => void;
  isPending: boolean;
}

/** Every text of the modal, already translated; `created` receives the saved name. */
export interface NameDescriptionTexts {
  createTitle: string;
  editTitle: string;
  name: string;
  namePlaceholder?: string;
  nameHint?: string;
  description: string;
  descriptionPlaceholder?: string;
  descriptionHint?: string;
  createSubmit: string;
  created: (name: string) => string;
  updated: string;
}

export type NameDescriptionModalState = { mode: 'create' } | { mode: 'edit'; record: NameDescriptionRecord } | null;

interface Props {
  state: NameDescriptionModalState;
  onClose: () => void;
  texts: NameDescriptionTexts;
  /**
   * A hook, called inside the form rather than passed as a mutation: each opening gets its own
   * mutation, so a save still in flight when the modal closes cannot notify or close the next one.
   */
  useSave: () => NameDescriptionSave;
  /** Turns the server's field messages into the reader's language before they are shown. */
  localizeError?: (err: unknown) => unknown;
  testId: string;
  size: ModalProps['size'];
  nameMaxLength?: number;
  descriptionMaxLength?: number;
  descriptionRows: { min: number; max?: number };
}

/** Create/edit modal of a catalogue entry that is just a required name and an optional description. */
export function NameDescriptionModal(props: Props) {
  const { state, onClose, texts, size } = props;
  return (
    <Modal opened={state !== null} onClose={onClose} size={size} title={<Text fw={700}>{state?.mode === 'edit' ? texts.editTitle : texts.createTitle}</Text>}>
      {state && <NameDescriptionForm key={state.mode === 'edit' ? state.record.id : 'new'} {...props} editing={state.mode === 'edit' ? state.record : null} />}
    </Modal>
  );
}

function NameDescriptionForm(props: Props & { editing: NameDescriptionRecord | null }) {
  const { editing, onClose, texts, useSave, localizeError } = props;
  const { t } = useTranslation();
  const save = useSave();
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
              notifySuccess(editing ? texts.updated : texts.created(v.name.trim()));
              onClose();
            },
            onError: (err) => handleFormError(form, localizeError ? localizeError(err) : err, t),
          },
        ),
      )}
    >
      <Stack gap="md" data-testid={props.testId}>
        <TextInput
          label={texts.name}
          placeholder={texts.namePlaceholder}
          description={texts.nameHint}
          required
          data-autofocus
          maxLength={props.nameMaxLength}
          {...form.getInputProps('name')}
        />
        <Textarea
          label={texts.description}
          placeholder={texts.descriptionPlaceholder}
          description={texts.descriptionHint}
          autosize
          minRows={props.descriptionRows.min}
          maxRows={props.descriptionRows.max}
          maxLength={props.descriptionMaxLength}
          {...form.getInputProps('description')}
        />
        <FormActions onCancel={onClose} pending={save.isPending} submitLabel={editing ? t('common.saveChanges') : texts.createSubmit} />
      </Stack>
    </form>
  );
}
