import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconRefresh, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { notifyError, notifySuccess } from '../../lib/errors';
import { ListTable } from '../../ui/ListTable';
import { RelativeTime } from '../../ui/RelativeTime';
import { TemplateForm } from './TemplateForm';
import { templateBody, useSyncTemplates, useTemplatesList, type WhatsappTemplate } from './templatesApi';

const STATUS_COLOR: Record<string, string> = { APPROVED: 'teal', PENDING: 'yellow', REJECTED: 'red', PAUSED: 'orange', DISABLED: 'gray' };

export function TemplateStatusBadge({ template }: { template: WhatsappTemplate }) {
  const { t } = useTranslation();
  const known = template.status in STATUS_COLOR;
  return (
    <Badge color={STATUS_COLOR[template.status] ?? 'gray'} variant="light" tt="none" data-testid="template-status" data-status={template.status}>
      {known ? t(`whatsapp.templates.status.${template.status as 'APPROVED'}`) : template.status}
    </Badge>
  );
}

/** "Modelos" tab of a WhatsApp channel: templates with their review status, sync and creation. */
export function TemplatesPanel({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const canManage = useCan()('channels.manage');
  const { workspace } = useSession();
  const list = useTemplatesList(channelId);
  const sync = useSyncTemplates(channelId);
  const [creating, setCreating] = useState(false);
  const items = listItems(list);

  if (creating) return <TemplateForm channelId={channelId} onDone={() => setCreating(false)} />;

  const newButton = canManage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-template">
      {t('whatsapp.templates.new')}
    </Button>
  );
  return (
    <Stack gap="md" data-testid="templates-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={700}>{t('whatsapp.templates.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('whatsapp.templates.subtitle')}
          </Text>
        </div>
        {canManage && (
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={sync.isPending}
              onClick={() =>
                sync.mutate(undefined, {
                  onSuccess: () => notifySuccess(t('whatsapp.templates.synced')),
                  onError: (err) => notifyError(err, t),
                })
              }
              data-testid="sync-templates"
            >
              {t('whatsapp.templates.sync')}
            </Button>
            {newButton}
          </Group>
        )}
      </Group>
      <ListTable
        query={list}
        minWidth={640}
        icon={IconTemplate}
        loadFailedTitle={t('whatsapp.templates.loadFailed')}
        empty={{ title: t('whatsapp.templates.title'), description: t('whatsapp.templates.empty'), action: newButton || undefined }}
        columns={[
          { label: t('whatsapp.templates.columns.name') },
          { label: t('whatsapp.templates.columns.language'), w: 90 },
          { label: t('whatsapp.templates.columns.category'), w: 120 },
          { label: t('whatsapp.templates.columns.status'), w: 150 },
          { label: t('whatsapp.templates.columns.updated'), w: 120 },
        ]}
      >
        {items.map((x) => (
          <Table.Tr key={x.id} data-testid="template-row">
            <Table.Td>
              <Text size="sm" fw={600} ff="monospace">
                {x.name}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1} maw={320}>
                {templateBody(x)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="outline" color="gray" tt="none" size="sm">
                {x.language}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`whatsapp.templates.category.${x.category}`)}</Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <TemplateStatusBadge template={x} />
                {x.rejectedReason && (
                  <Tooltip label={x.rejectedReason}>
                    <Text size="xs" c="red.7" lineClamp={1} maw={150}>
                      {t('whatsapp.templates.rejected', { reason: x.rejectedReason })}
                    </Text>
                  </Tooltip>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>{x.updatedAt ? <RelativeTime value={x.updatedAt} timeZone={workspace.timeZone} /> : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}
