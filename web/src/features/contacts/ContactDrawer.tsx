import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { EditDrawer } from '../../ui/EditDrawer';
import { ContactForm } from './ContactForm';
import { emptyContactValues, valuesFromContact } from './contactFormValues';
import { useContactRecord, type ContactRecord } from './contactRecordApi';

export type ContactDrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** The contact's whole record in a side drawer: from the contacts list and from a conversation (CONT-5). */
export function ContactDrawer({ state, onClose, onSaved }: { state: ContactDrawerState; onClose: () => void; onSaved?: (c: ContactRecord) => void }) {
  const { t } = useTranslation();
  const editing = state?.mode === 'edit';
  const contact = useContactRecord(editing ? state.id : null);
  const saved = (c: ContactRecord) => {
    onSaved?.(c);
    onClose();
  };

  return (
    <EditDrawer
      opened={state !== null}
      onClose={onClose}
      size={760}
      title={editing ? (contact.data?.displayName ?? t('contacts.editTitle')) : t('contacts.createTitle')}
      badges={
        editing &&
        contact.data && (
          <>
            <StatusBadge status={contact.data.status} />
            {contact.data.priority > 0 && (
              <Badge color="orange" variant="light" tt="none">
                {t('contacts.priorityBadge', { n: contact.data.priority })}
              </Badge>
            )}
          </>
        )
      }
      loading={editing && contact.isPending}
      error={editing && contact.isError ? errorMessage(contact.error, t) : null}
      loadFailedTitle={t('contacts.loadOneFailed')}
      onRetry={() => void contact.refetch()}
      loadingTestId="contact-form-loading"
    >
      {state?.mode === 'create' && <ContactForm key="create" contact={null} initial={emptyContactValues()} onSaved={saved} onCancel={onClose} />}
      {editing && contact.data && (
        <ContactForm
          key={`${contact.data.id}:${contact.data.updatedAt}`}
          contact={contact.data}
          initial={valuesFromContact(contact.data)}
          onSaved={saved}
          onCancel={onClose}
        />
      )}
    </EditDrawer>
  );
}
