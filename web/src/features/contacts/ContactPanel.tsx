import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Box, Button, Divider, Group, ScrollArea, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconAt, IconHistory, IconId, IconListDetails, IconPhone, IconUser, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { servingErrorMessage, servingFieldMessage } from '../serving/servingErrors';
import { ContactAvatar, contactLabel, formatPhone } from '../serving/ContactAvatar';
import { useConversation } from '../conversation/conversationApi';
import { ContactField } from './ContactField';
import { ContactTimeline } from './ContactTimeline';
import { timelineKey, useContact, useContactTimeline, useUpdateContact, type ContactPatch, type TimelineItem } from './contactsApi';
import { TimelineConversationModal } from './TimelineConversationModal';
import { ContactDrawer } from './ContactDrawer';
import { formatDocument } from './contactFormat';
import type { ContactRecord } from './contactRecordApi';

type FieldName = keyof ContactPatch;

/** The contact beside the conversation: editable data (CONT-5) and the history timeline (CONT-4). */
export function ContactPanel({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const conversation = useConversation(conversationId);
  const contactId = conversation.data?.contactId;
  const contact = useContact(contactId);
  const timeline = useContactTimeline(contactId);
  const update = useUpdateContact(contactId ?? '');
  const [saving, setSaving] = useState<FieldName | null>(null);
  const [opened, setOpened] = useState<TimelineItem | null>(null);
  const [fullRecord, setFullRecord] = useState(false);
  const queryClient = useQueryClient();

  // The timeline counts the open conversation's messages: keep it in step as they arrive.
  const lastMessageAt = conversation.data?.lastMessageAt;
  const seenMessageAt = useRef(lastMessageAt);
  useEffect(() => {
    const first = seenMessageAt.current === undefined;
    if (seenMessageAt.current === lastMessageAt) return;
    seenMessageAt.current = lastMessageAt;
    if (contactId && !first) void queryClient.invalidateQueries({ queryKey: timelineKey(contactId) });
  }, [contactId, lastMessageAt, queryClient]);

  const errorFor = (name: FieldName): string | null => {
    // Each save sends one field, so the last failure belongs to the field it sent.
    const err = update.error;
    if (!err || !update.variables || !(name in update.variables)) return null;
    if (isApiError(err)) {
      const field = err.fields.find((f) => f.path === name);
      if (field) return servingFieldMessage(field.message, t);
    }
    return servingErrorMessage(err, t);
  };

  const save = (name: FieldName) => async (value: string | null) => {
    setSaving(name);
    try {
      await update.mutateAsync({ [name]: name === 'displayName' ? (value ?? '') : value });
    } finally {
      setSaving(null);
    }
  };

  const data = contact.data;
  // The API answers the whole record; contactsApi types only the fields edited in place.
  const record = data as ContactRecord | undefined;
  const name = contactLabel(data ?? conversation.data?.contact);

  return (
    <aside className="inbox-side" data-testid="contact-panel" aria-label={t('inbox.contact.title')}>
      <Group justify="space-between" px="md" h={64} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', flex: 'none' }}>
        <Text fw={700}>{t('inbox.contact.title')}</Text>
        <Tooltip label={t('inbox.header.hideContact')}>
          <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label={t('inbox.header.hideContact')}>
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <ScrollArea style={{ flex: 1 }} type="hover">
        <Stack gap="md" p="md">
          {contact.isPending ? (
            <Stack align="center" gap={8}>
              <Skeleton circle h={64} />
              <Skeleton h={14} w="60%" />
              <Skeleton h={10} w="40%" />
            </Stack>
          ) : (
            <Stack align="center" gap={4}>
              {contactId && <ContactAvatar id={contactId} name={name} size={64} />}
              <Text fw={700} size="lg" ta="center" mt={4} data-testid="contact-name">
                {name}
              </Text>
              {data?.phone && (
                <Text size="sm" c="dimmed">
                  {formatPhone(data.phone)}
                </Text>
              )}
            </Stack>
          )}
          {contact.isError && (
            <Text size="sm" c="red.7">
              {errorMessage(contact.error, t)}
            </Text>
          )}
          {data && (
            <Box>
              <Group justify="space-between" mb={4} px={8} wrap="nowrap">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {t('inbox.contact.data')}
                </Text>
                <Tooltip label={t('contacts.panel.editAllHint')}>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconListDetails size={14} />}
                    onClick={() => setFullRecord(true)}
                    data-testid="contact-edit-full"
                  >
                    {t('contacts.panel.editAll')}
                  </Button>
                </Tooltip>
              </Group>
              <Stack gap={2}>
                <ContactField
                  name="displayName"
                  label={t('inbox.contact.displayName')}
                  icon={IconUser}
                  value={data.displayName}
                  placeholder={t('inbox.contact.empty')}
                  required
                  saving={saving === 'displayName'}
                  error={errorFor('displayName')}
                  onEditStart={() => update.reset()}
                  onSave={save('displayName')}
                />
                <ContactField
                  name="phone"
                  label={t('inbox.contact.phone')}
                  icon={IconPhone}
                  type="tel"
                  value={data.phone}
                  display={formatPhone(data.phone)}
                  placeholder={t('inbox.contact.addPhone')}
                  saving={saving === 'phone'}
                  error={errorFor('phone')}
                  onEditStart={() => update.reset()}
                  onSave={save('phone')}
                />
                <ContactField
                  name="email"
                  label={t('inbox.contact.email')}
                  icon={IconAt}
                  type="email"
                  value={data.email}
                  placeholder={t('inbox.contact.addEmail')}
                  saving={saving === 'email'}
                  error={errorFor('email')}
                  onEditStart={() => update.reset()}
                  onSave={save('email')}
                />
                {record?.document && (
                  <Group gap="sm" wrap="nowrap" px={8} py={6}>
                    <IconId size={16} color="var(--mantine-color-gray-6)" style={{ flex: 'none' }} />
                    <Stack gap={0}>
                      <Text size="xs" c="dimmed">
                        {t('contacts.panel.document')}
                      </Text>
                      <Text size="sm">{formatDocument(record.document)}</Text>
                    </Stack>
                  </Group>
                )}
              </Stack>
            </Box>
          )}
          <Divider />
          <Box>
            <Group gap={6} mb={8} px={2}>
              <IconHistory size={14} color="var(--mantine-color-gray-6)" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {t('inbox.contact.history')}
              </Text>
            </Group>
            <ContactTimeline query={timeline} currentId={conversationId} timeZone={workspace.timeZone} onOpen={setOpened} />
          </Box>
        </Stack>
      </ScrollArea>
      <TimelineConversationModal item={opened} timeZone={workspace.timeZone} onClose={() => setOpened(null)} />
      {/* CONT-5: every field of the record, with the required ones enforced by the same form as the contacts page. */}
      <ContactDrawer state={fullRecord && contactId ? { mode: 'edit', id: contactId } : null} onClose={() => setFullRecord(false)} />
    </aside>
  );
}
