import { useState } from 'react';
import { Button, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconTags } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StatusFilterValue } from '../../lib/cursorList';
import { notifyError, notifySuccess } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FilterBar, SearchFilter, StatusFilter } from '../../ui/ListFilters';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { StatusActionsMenu } from '../../ui/StatusActionsMenu';
import { ContactAttributeModal, type ContactAttributeModalState } from './ContactAttributeModal';
import { useContactAttributes, useSaveContactAttribute, type ContactAttribute } from './contactRecordApi';

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/**
 * CONT-2: the workspace's catalogue of extra contact fields. It is short (tens of entries), so
 * the API returns it whole and the page filters it here.
 */
export function ContactAttributesPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilterValue>('active');
  const [modal, setModal] = useState<ContactAttributeModalState>(null);
  const [toggling, setToggling] = useState<ContactAttribute | null>(null);
  const query = useContactAttributes();
  const save = useSaveContactAttribute();
  const all = query.data?.items ?? [];
  const items = all.filter((a) => (status === 'all' || a.status === status) && (!search.trim() || fold(`${a.name} ${a.description ?? ''}`).includes(fold(search.trim()))));
  const filtered = Boolean(search.trim() || status !== 'active');
  const deactivating = toggling?.status === 'active';

  // ListTable reads a cursor list; a whole list is one page with nothing after it.
  const listQuery = {
    ...query,
    isPlaceholderData: false,
    hasNextPage: false,
    isFetchingNextPage: false,
    fetchNextPage: () => undefined,
    data: query.data ? { pages: [{ items }] } : undefined,
  };

  const confirmToggle = () => {
    if (!toggling) return;
    save.mutate(
      { id: toggling.id, body: { status: deactivating ? 'inactive' : 'active' } },
      {
        onSuccess: () => {
          notifySuccess(deactivating ? t('contactAttributes.deactivated', { name: toggling.name }) : t('contactAttributes.activated', { name: toggling.name }));
          setToggling(null);
        },
        onError: (err) => {
          notifyError(err, t);
          setToggling(null);
        },
      },
    );
  };

  const createButton = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setModal({ mode: 'create' })} data-testid="new-contact-attribute">
      {t('contactAttributes.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="contact-attributes-page">
      <PageHeader title={t('contactAttributes.title')} description={t('contactAttributes.subtitle')} actions={createButton} />
      <FilterBar>
        <SearchFilter label={t('contacts.search')} placeholder={t('contactAttributes.searchPlaceholder')} value={search} onChange={setSearch} />
        <StatusFilter id="contact-attributes-status-filter" label={t('contacts.columns.status')} value={status} onChange={setStatus} />
      </FilterBar>
      <ListTable
        query={listQuery}
        minWidth={640}
        skeletonRows={3}
        highlightOnHover
        columns={[
          { label: t('contactAttributes.columns.name') },
          { label: t('contactAttributes.columns.description') },
          { label: t('contacts.columns.status'), w: 120 },
          { label: t('common.actions'), srOnly: true, w: 56 },
        ]}
        icon={IconTags}
        loadFailedTitle={t('contactAttributes.loadFailed')}
        empty={{
          title: filtered ? t('contactAttributes.emptyFilteredTitle') : t('contactAttributes.emptyTitle'),
          description: filtered ? t('contacts.emptyFilteredText') : t('contactAttributes.emptyText'),
          action: filtered ? undefined : createButton,
        }}
      >
        {items.map((a) => (
          <Table.Tr key={a.id} data-testid="contact-attribute-row" style={{ cursor: 'pointer' }} onClick={() => setModal({ mode: 'edit', attribute: a })}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {a.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={a.description ? undefined : 'dimmed'} lineClamp={2}>
                {a.description ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={a.status} />
            </Table.Td>
            <Table.Td onClick={(e) => e.stopPropagation()}>
              <StatusActionsMenu
                label={t('contactAttributes.actionsFor', { name: a.name })}
                active={a.status === 'active'}
                onEdit={() => setModal({ mode: 'edit', attribute: a })}
                onToggle={() => setToggling(a)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <ContactAttributeModal state={modal} onClose={() => setModal(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={deactivating ? t('contactAttributes.deactivateTitle') : t('contactAttributes.activateTitle')}
        message={deactivating ? t('contactAttributes.deactivateText', { name: toggling?.name }) : t('contactAttributes.activateText', { name: toggling?.name })}
        confirmLabel={deactivating ? t('common.deactivate') : t('common.activate')}
        color={deactivating ? 'red' : 'teal'}
        loading={save.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
