import { useTranslation } from 'react-i18next';
import { NameDescriptionModal, type NameDescriptionSave } from '../../ui/NameDescriptionModal';
import { localizeContactErrors } from './contactErrors';
import { useSaveContactAttribute, type ContactAttribute } from './contactRecordApi';

export type ContactAttributeModalState = { mode: 'create' } | { mode: 'edit'; attribute: ContactAttribute } | null;

/** The attribute API takes the fields as `body`; the modal hands over `{ id, name, description }`. */
function useSaveAttribute(): NameDescriptionSave {
  const save = useSaveContactAttribute();
  return { isPending: save.isPending, mutate: ({ id, ...body }, callbacks) => save.mutate({ id, body }, callbacks) };
}

export function ContactAttributeModal({ state, onClose }: { state: ContactAttributeModalState; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <NameDescriptionModal
      state={state?.mode === 'edit' ? { mode: 'edit', record: state.attribute } : state}
      onClose={onClose}
      useSave={useSaveAttribute}
      localizeError={(err) => localizeContactErrors(err, t)}
      testId="contact-attribute-form"
      size="md"
      nameMaxLength={60}
      descriptionMaxLength={300}
      descriptionRows={{ min: 2 }}
      texts={{
        createTitle: t('contactAttributes.createTitle'),
        editTitle: t('contactAttributes.editTitle'),
        name: t('contactAttributes.fields.name'),
        namePlaceholder: t('contactAttributes.fields.namePlaceholder'),
        nameHint: t('contactAttributes.fields.nameHint'),
        description: t('contactAttributes.fields.description'),
        descriptionPlaceholder: t('contactAttributes.fields.descriptionPlaceholder'),
        createSubmit: t('contactAttributes.createSubmit'),
        created: (name) => t('contactAttributes.created', { name }),
        updated: t('contactAttributes.updated'),
      }}
    />
  );
}
