import { useState } from 'react';
import { Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconKey, IconPlus, IconBan } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { RoleBadge, StatusBadge } from '../../ui/Badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { RelativeTime } from '../../ui/RelativeTime';
import { useApiCredentials, useRevokeApiCredential, type ApiCredential, type CreatedApiCredential } from './apiCredentialsApi';
import { CreateCredentialModal, SecretRevealModal } from './CredentialModals';

export function ApiCredentialsPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const list = useApiCredentials();
  const revoke = useRevokeApiCredential();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiCredential | null>(null);
  const [revoking, setRevoking] = useState<ApiCredential | null>(null);
  const items = listItems(list);

  const createButton = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-credential">
      {t('apiCredentials.new')}
    </Button>
  );

  return (
    <Stack gap={0} data-testid="admin-api-credentials">
      <PageHeader title={t('apiCredentials.title')} description={t('apiCredentials.subtitle')} actions={createButton} />
      <ListTable
        query={list}
        minWidth={860}
        skeletonRows={3}
        columns={[
          { label: t('apiCredentials.columns.name') },
          { label: t('apiCredentials.columns.consumerKey') },
          { label: t('apiCredentials.columns.role') },
          { label: t('apiCredentials.columns.status') },
          { label: t('apiCredentials.columns.created') },
          { label: t('apiCredentials.columns.lastUsed') },
          { label: t('common.actions'), srOnly: true },
        ]}
        icon={IconKey}
        loadFailedTitle={t('apiCredentials.loadFailed')}
        empty={{ title: t('apiCredentials.emptyTitle'), description: t('apiCredentials.emptyText'), action: createButton }}
      >
        {items.map((c) => (
          <Table.Tr key={c.id} data-testid="credential-row" style={{ opacity: c.status === 'revoked' ? 0.7 : 1 }}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {c.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Code>{c.consumerKey}</Code>
            </Table.Td>
            <Table.Td>
              <RoleBadge role={c.role} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={c.status} feminine />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(c.createdAt, workspace.timeZone)}</Text>
            </Table.Td>
            <Table.Td>
              <RelativeTime value={c.lastUsedAt} timeZone={workspace.timeZone} fallback={t('apiCredentials.neverUsed')} />
            </Table.Td>
            <Table.Td ta="right">
              {c.status === 'active' && (
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconBan size={14} />}
                  onClick={() => setRevoking(c)}
                  aria-label={t('apiCredentials.revokeFor', { name: c.name })}
                >
                  {t('apiCredentials.revoke')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <Group mt="md" gap={6}>
        <Text size="sm" c="dimmed">
          {t('apiCredentials.docsHint')}
        </Text>
        <Text size="sm" component="a" href="/api/docs" target="_blank" rel="noreferrer" c="brand.7" fw={500}>
          /api/docs
        </Text>
      </Group>

      <CreateCredentialModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          setCreated(c);
        }}
      />
      <SecretRevealModal credential={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('apiCredentials.revokeTitle')}
        message={t('apiCredentials.revokeText', { name: revoking?.name })}
        confirmLabel={t('apiCredentials.revoke')}
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifySuccess(t('apiCredentials.revoked', { name: revoking.name }));
              setRevoking(null);
            },
            onError: (err) => notifyError(err, t),
          })
        }
      />
    </Stack>
  );
}
