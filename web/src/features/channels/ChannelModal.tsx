import { useState } from 'react';
import { Alert, Button, Group, Modal, Skeleton, Stack, Tabs, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifySuccess } from '../../lib/errors';
import { StatusBadge } from '../../ui/Badges';
import { ChannelForm } from './ChannelForm';
import { ChannelTypeIcon } from './ChannelTypeIcon';
import { useChannel, type Channel } from './channelsApi';
import { EmbedCodePanel } from './EmbedCodePanel';
import { TemplatesPanel } from '../whatsapp/TemplatesPanel';

export type ChannelModalState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** Create (then show how to embed the new channel) or edit a channel. */
export function ChannelModal({ state, onClose }: { state: ChannelModalState; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<Channel | null>(null);
  const [tab, setTab] = useState<'settings' | 'templates'>('settings');
  const editId = state?.mode === 'edit' ? state.id : null;
  const channel = useChannel(editId);
  const close = () => {
    setCreated(null);
    setTab('settings');
    onClose();
  };

  const title = created ? (
    <Text fw={700}>{t('channels.createdTitle')}</Text>
  ) : state?.mode === 'edit' ? (
    <Group gap="sm">
      {channel.data && <ChannelTypeIcon type={channel.data.type} size={28} />}
      <Text fw={700}>{channel.data?.name ?? t('channels.editTitle')}</Text>
      {channel.data && <StatusBadge status={channel.data.status} />}
    </Group>
  ) : (
    <Text fw={700}>{t('channels.createTitle')}</Text>
  );

  return (
    <Modal opened={state !== null} onClose={close} size={tab === 'templates' ? 1000 : created ? 680 : channel.data && channel.data.type !== 'webchat' ? 820 : 1000} title={title}>
      {created && (
        <Stack gap="lg" data-testid="channel-created">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={44} radius="xl" color="teal" variant="light">
              <IconCircleCheck size={26} />
            </ThemeIcon>
            <div>
              <Text fw={700}>{t('channels.createdHeadline', { name: created.name })}</Text>
              <Text size="sm" c="dimmed">
                {t('channels.createdText')}
              </Text>
            </div>
          </Group>
          {created.embedCode && <EmbedCodePanel channelId={created.id} embedCode={created.embedCode} />}
          <Group justify="flex-end">
            <Button onClick={close} data-testid="channel-created-done">
              {t('channels.done')}
            </Button>
          </Group>
        </Stack>
      )}
      {!created && state?.mode === 'create' && (
        <ChannelForm
          channel={null}
          onSaved={(c) => {
            notifySuccess(t('channels.created', { name: c.name }));
            setCreated(c);
          }}
          onCancel={close}
        />
      )}
      {state?.mode === 'edit' && channel.isPending && <Skeleton height={320} radius="md" />}
      {state?.mode === 'edit' && channel.isError && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('channels.loadOneFailed')}>
          {errorMessage(channel.error, t)}
        </Alert>
      )}
      {state?.mode === 'edit' && channel.data?.type === 'whatsapp' && (
        <Tabs value={tab} onChange={(v) => setTab(v === 'templates' ? 'templates' : 'settings')} mb="md">
          <Tabs.List>
            <Tabs.Tab value="settings">{t('whatsapp.templates.settingsTab')}</Tabs.Tab>
            <Tabs.Tab value="templates" data-testid="templates-tab">
              {t('whatsapp.templates.tab')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      )}
      {state?.mode === 'edit' && channel.data && tab === 'templates' && <TemplatesPanel channelId={channel.data.id} />}
      {state?.mode === 'edit' && channel.data && tab === 'settings' && (
        <ChannelForm
          key={`${channel.data.id}:${channel.data.updatedAt}`}
          channel={channel.data}
          onSaved={() => {
            notifySuccess(t('channels.updated'));
            close();
          }}
          onCancel={close}
          footer={channel.data.embedCode && <EmbedCodePanel channelId={channel.data.id} embedCode={channel.data.embedCode} />}
        />
      )}
    </Modal>
  );
}
