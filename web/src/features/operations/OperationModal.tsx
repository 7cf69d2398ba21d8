import { useTranslation } from 'react-i18next';
import { NameDescriptionModal } from '../../ui/NameDescriptionModal';
import { useSaveOperation, type Operation } from './operationsApi';

export type OperationModalState = { mode: 'create' } | { mode: 'edit'; operation: Operation } | null;

export function OperationModal({ state, onClose }: { state: OperationModalState; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <NameDescriptionModal
      state={state?.mode === 'edit' ? { mode: 'edit', record: state.operation } : state}
      onClose={onClose}
      useSave={useSaveOperation}
      testId="operation-form"
      size="lg"
      descriptionRows={{ min: 3, max: 8 }}
      texts={{
        createTitle: t('operations.createTitle'),
        editTitle: t('operations.editTitle'),
        name: t('operations.fields.name'),
        namePlaceholder: t('operations.fields.namePlaceholder'),
        description: t('operations.fields.description'),
        descriptionHint: t('operations.fields.descriptionHint'),
        createSubmit: t('operations.createSubmit'),
        created: (name) => t('operations.created', { name }),
        updated: t('operations.updated'),
      }}
    />
  );
}
