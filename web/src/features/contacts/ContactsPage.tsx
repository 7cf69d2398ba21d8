import { useState } from 'react';
import { Avatar, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconFileImport, IconStarFilled, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { listItems, type StatusFilterValue } from '../../lib/cursorList';
import { initials } from '../../lib/format';
import { StatusBadge } from '../../ui/Badges';
import { FilterBar, SearchFilter, StatusFilter } from '../../ui/ListFilters';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { ContactDrawer, type ContactDrawerState } from './ContactDrawer';
import { formatContactPhone, formatDocument } from './contactFormat';
import { useContactsList } from './contactRecordApi';

/** The customer base (CONT-1/2): search as you type by name, phone, e-mail or CPF/CNPJ. */
export function ContactsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canEdit = can('contacts.edit');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [status, setStatus] = useState<StatusFilterValue>('all');
  const [drawer, setDrawer] = useState<ContactDrawerState>(null);
  const list = useContactsList({ q, status });
  const contacts = listItems(list);
  const filtered = Boolean(q.trim() || status !== 'all');

  const createButton = canEdit && (
    <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDrawer({ mode: 'create' })} data-testid="new-contact">
      {t('contacts.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="contacts-page">
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.subtitle')}
        actions={
          <>
            {can('contacts.import') && (
              <Button component={Link} to="/contacts/import" variant="default" leftSection={<IconFileImport size={18} />} data-testid="open-import">
                {t('contacts.import.open')}
              </Button>
            )}
            {createButton}
          </>
        }
      />
      <FilterBar>
        <SearchFilter label={t('contacts.search')} placeholder={t('contacts.searchPlaceholder')} value={search} onChange={setSearch} />
        <StatusFilter id="contacts-status-filter" label={t('contacts.columns.status')} value={status} onChange={setStatus} />
      </FilterBar>
      <ListTable
        query={list}
        minWidth={860}
        highlightOnHover
        columns={[
          { label: t('contacts.columns.name') },
          { label: t('contacts.columns.phone') },
          { label: t('contacts.columns.email') },
          { label: t('contacts.columns.document') },
          { label: t('contacts.columns.status'), w: 130 },
        ]}
        icon={IconAddressBook}
        loadFailedTitle={t('contacts.loadFailed')}
        empty={{
          title: filtered ? t('contacts.emptyFilteredTitle') : t('contacts.emptyTitle'),
          description: filtered ? t('contacts.emptyFilteredText') : t('contacts.emptyText'),
          action: filtered ? undefined : createButton,
        }}
      >
        {contacts.map((c) => (
          <Table.Tr key={c.id} data-testid="contact-row" data-contact-id={c.id} style={{ cursor: 'pointer' }} onClick={() => setDrawer({ mode: 'edit', id: c.id })}>
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                <Avatar radius="xl" color={c.status === 'active' ? 'brand' : 'gray'} size={36}>
                  {initials(c.displayName)}
                </Avatar>
                <div style={{ minWidth: 0 }}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600} truncate data-testid="contact-row-name">
                      {c.displayName}
                    </Text>
                    {c.priority > 0 && (
                      <Tooltip label={t('contacts.priorityBadge', { n: c.priority })}>
                        <IconStarFilled size={13} color="var(--mantine-color-orange-5)" aria-label={t('contacts.priorityBadge', { n: c.priority })} />
                      </Tooltip>
                    )}
                  </Group>
                  {c.companyName && (
                    <Text size="xs" c="dimmed" truncate>
                      {c.companyName}
                    </Text>
                  )}
                </div>
              </Group>
            </Table.Td>
            <Table.Td>
              {c.phone ? (
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="contact-row-phone">
                    {formatContactPhone(c.phone)}
                  </Text>
                  {c.phones.length > 1 && (
                    <Tooltip label={c.phones.slice(1).map((p) => formatContactPhone(p.number)).join(' · ')}>
                      <Badge size="xs" variant="light" color="gray">
                        +{c.phones.length - 1}
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">—</Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={c.email ? undefined : 'dimmed'} truncate maw={240}>
                {c.email ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              {c.document ? (
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="outline" color="gray" w={44}>
                    {c.document.type.toUpperCase()}
                  </Badge>
                  <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="contact-row-document">
                    {formatDocument(c.document)}
                  </Text>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">—</Text>
              )}
            </Table.Td>
            <Table.Td>
              <StatusBadge status={c.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <ContactDrawer state={drawer} onClose={() => setDrawer(null)} />
    </Stack>
  );
}
