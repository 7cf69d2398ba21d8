import { useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TemplateSend } from '@contracts/messages';
import { api, isApiError, query, type Page } from '../../lib/api';
import { handleFormError, notifySuccess } from '../../lib/errors';
import { useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import type { Channel } from '../channels/channelsApi';
import type { Conversation, Message } from '../serving/types';
import { PhonePreview, TemplateBubble } from './PhonePreview';
import { picked, TemplateFields } from './TemplatePicker';
import { useTemplates } from './templatesApi';

interface ContactOption {
  id: string;
  displayName: string;
  phone: string | null;
}

interface Values {
  contactId: string | null;
  channelId: string | null;
  serviceGroupId: string | null;
  mode: 'template' | 'text';
  templateId: string | null;
  parameters: string[];
  text: string;
}

/** AGENT-6: start a WhatsApp conversation — contact, channel, a group allowing active send, then a template (or text inside the window). */
export function NewConversationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const form = useForm<Values>({
    initialValues: { contactId: null, channelId: null, serviceGroupId: null, mode: 'template', templateId: null, parameters: [], text: '' },
    validate: {
      contactId: (v) => (v ? null : t('whatsapp.builder.required')),
      channelId: (v) => (v ? null : t('whatsapp.builder.required')),
      serviceGroupId: (v) => (v ? null : t('whatsapp.builder.required')),
      templateId: (v, all) => (all.mode === 'template' && !v ? t('whatsapp.builder.required') : null),
      text: (v, all) => (all.mode === 'text' && !v.trim() ? t('whatsapp.builder.required') : null),
    },
  });
  const v = form.values;

  const contacts = useQuery({
    queryKey: ['contacts', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<ContactOption>>(`/api/v1/contacts${query({ q: q.trim(), limit: 20 })}`, { signal }),
    enabled: opened,
    placeholderData: (prev) => prev,
  });
  const [chosenContact, setChosenContact] = useState<ContactOption | null>(null);
  const channels = useQuery({
    queryKey: ['channels', 'whatsapp-options'],
    queryFn: () => api.get<Page<Channel>>(`/api/v1/channels${query({ type: 'whatsapp', status: 'active', limit: 100 })}`),
    enabled: opened,
  });
  const groups = useServiceGroupOptions(opened);
  const allowedGroups = (groups.data?.items ?? []).filter((g) => g.status === 'active' && g.settings.activeSend?.whatsapp && !g.settings.receptiveOnly);
  const templates = useTemplates(v.channelId, opened && v.mode === 'template');
  const template = templates.data?.find((x) => x.id === v.templateId) ?? null;
  const result = useMemo(() => (template ? picked(template, v.parameters) : null), [template, v.parameters]);

  const contactOptions = [...(chosenContact ? [chosenContact] : []), ...(contacts.data?.items ?? []).filter((c) => c.id !== chosenContact?.id)].map((c) => ({
    value: c.id,
    label: c.phone ? `${c.displayName} · ${c.phone}` : c.displayName,
  }));

  const start = useMutation({
    mutationFn: (body: { contactId: string; channelId: string; serviceGroupId: string; text?: string; template?: TemplateSend }) =>
      api.post<{ conversation: Conversation; message: Message }>('/api/v1/outbound-messages', body),
  });

  const close = () => {
    form.reset();
    setChosenContact(null);
    setSearch('');
    onClose();
  };

  const submit = form.onSubmit((values) => {
    if (values.mode === 'template' && result && result.template.parameters.some((p) => !p)) {
      form.setFieldError('parameters', t('whatsapp.picker.fillAll'));
      return;
    }
    start.mutate(
      {
        contactId: values.contactId!,
        channelId: values.channelId!,
        serviceGroupId: values.serviceGroupId!,
        ...(values.mode === 'template' && result ? { template: result.template } : { text: values.text.trim() }),
      },
      {
        onSuccess: ({ conversation }) => {
          notifySuccess(t('whatsapp.newConversation.started', { name: conversation.contact?.displayName ?? chosenContact?.displayName ?? '' }));
          void qc.invalidateQueries({ queryKey: ['conversations'] });
          close();
          navigate(`/inbox/${conversation.id}`);
        },
        onError: (err) => {
          // The server names no field when the agent is outside the group; it belongs under the group.
          if (isApiError(err) && err.code === 'forbidden' && err.fields.length === 0 && /member of this service group/i.test(err.message)) {
            form.setFieldError('serviceGroupId', t('whatsapp.newConversation.notMember'));
            return;
          }
          if (isApiError(err) && err.code === 'window_closed') {
            form.setFieldError('text', t('whatsapp.window.closedReason'));
            return;
          }
          handleFormError(form, err, t, { 'template.name': 'templateId', 'template.parameters': 'parameters', template: 'templateId', attachmentId: 'text' });
        },
      },
    );
  });

  return (
    <Modal opened={opened} onClose={close} size={v.mode === 'template' && template ? 900 : 560} title={<Text fw={700}>{t('whatsapp.newConversation.title')}</Text>} data-testid="new-conversation">
      <form onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, sm: v.mode === 'template' && template ? 2 : 1 }} spacing="xl">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('whatsapp.newConversation.subtitle')}
            </Text>
            <Select
              label={t('whatsapp.newConversation.contact')}
              placeholder={t('whatsapp.newConversation.contactPlaceholder')}
              required
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              data={contactOptions}
              nothingFoundMessage={t('whatsapp.newConversation.noContacts')}
              {...form.getInputProps('contactId')}
              onChange={(id) => {
                form.setFieldValue('contactId', id);
                setChosenContact((contacts.data?.items ?? []).find((c) => c.id === id) ?? chosenContact);
              }}
              data-testid="nc-contact"
            />
            <Select
              label={t('whatsapp.newConversation.channel')}
              required
              data={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('channelId')}
              onChange={(id) => {
                form.setFieldValue('channelId', id);
                form.setFieldValue('templateId', null);
                const channel = channels.data?.items.find((c) => c.id === id);
                if (channel && !v.serviceGroupId && allowedGroups.some((g) => g.id === channel.serviceGroupId)) form.setFieldValue('serviceGroupId', channel.serviceGroupId);
              }}
              data-testid="nc-channel"
            />
            <Select
              label={t('whatsapp.newConversation.group')}
              description={t('whatsapp.newConversation.groupHint')}
              required
              data={allowedGroups.map((g) => ({ value: g.id, label: g.name }))}
              nothingFoundMessage={t('whatsapp.newConversation.noGroups')}
              {...form.getInputProps('serviceGroupId')}
              data-testid="nc-group"
            />
            {groups.isSuccess && allowedGroups.length === 0 && (
              <Alert color="orange" variant="light" py={6} icon={<IconInfoCircle size={16} />}>
                <Text size="sm">{t('whatsapp.newConversation.noGroups')}</Text>
              </Alert>
            )}
            <Box>
              <Text size="sm" fw={500} mb={4}>
                {t('whatsapp.newConversation.message')}
              </Text>
              <SegmentedControl
                fullWidth
                value={v.mode}
                onChange={(m) => form.setFieldValue('mode', m as Values['mode'])}
                data={[
                  { value: 'template', label: t('whatsapp.newConversation.useTemplate') },
                  { value: 'text', label: t('whatsapp.newConversation.useText') },
                ]}
              />
            </Box>
            {v.mode === 'template' ? (
              <>
                <Select
                  label={t('whatsapp.newConversation.template')}
                  placeholder={t('whatsapp.newConversation.pickTemplate')}
                  required
                  disabled={!v.channelId}
                  data={(templates.data ?? []).filter((x) => x.status === 'APPROVED').map((x) => ({ value: x.id, label: `${x.name} · ${x.language}` }))}
                  nothingFoundMessage={t('whatsapp.picker.empty')}
                  {...form.getInputProps('templateId')}
                  onChange={(id) => {
                    form.setFieldValue('templateId', id);
                    form.setFieldValue('parameters', []);
                  }}
                  data-testid="nc-template"
                />
                {template && <TemplateFields template={template} values={v.parameters} onChange={(p) => form.setFieldValue('parameters', p)} />}
                {form.errors.parameters && (
                  <Text size="xs" c="red.7">
                    {form.errors.parameters}
                  </Text>
                )}
              </>
            ) : (
              <>
                <Textarea label={t('whatsapp.newConversation.text')} required autosize minRows={3} maxRows={8} {...form.getInputProps('text')} data-testid="nc-text" />
                <Text size="xs" c="dimmed">
                  {t('whatsapp.newConversation.textHint')}
                </Text>
              </>
            )}
          </Stack>
          {v.mode === 'template' && template && (
            <Box>
              <Text size="sm" fw={600} mb={6}>
                {t('whatsapp.picker.preview')}
              </Text>
              <PhonePreview>
                <TemplateBubble components={template.components} body={result?.preview ?? ''} />
              </PhonePreview>
            </Box>
          )}
        </SimpleGrid>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" leftSection={<IconSend size={16} />} loading={start.isPending} data-testid="nc-submit">
            {t('whatsapp.newConversation.send')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
