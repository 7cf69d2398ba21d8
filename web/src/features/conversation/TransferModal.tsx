import { useEffect, useState } from 'react';
import { Alert, Avatar, Badge, Box, Button, Group, Loader, Modal, Progress, ScrollArea, Stack, Switch, Tabs, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../lib/errors';
import { servingErrorMessage } from '../serving/servingErrors';
import { initials } from '../../lib/format';
import { StatusDot } from '../serving/AgentStatusControl';
import { colorFor } from '../serving/ContactAvatar';
import { useTransfer, useTransferOptions, type TransferAgent } from './conversationApi';

type Target = { kind: 'agent'; id: string; name: string } | { kind: 'group'; id: string; name: string };

function AgentRow({ agent, selected, onSelect }: { agent: TransferAgent; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const status = agent.paused ? 'paused' : agent.presence;
  const full = agent.maxConversations > 0 && agent.activeCount >= agent.maxConversations;
  const load = agent.maxConversations > 0 ? (agent.activeCount / agent.maxConversations) * 100 : 100;
  return (
    <UnstyledButton
      onClick={onSelect}
      disabled={full}
      data-testid="transfer-agent-option"
      data-agent-id={agent.id}
      data-selected={selected}
      aria-pressed={selected}
      p="sm"
      w="100%"
      style={{
        borderRadius: 10,
        border: `1px solid var(--mantine-color-${selected ? 'brand-5' : 'gray-2'})`,
        background: selected ? 'var(--mantine-color-brand-0)' : 'white',
        opacity: full ? 0.55 : 1,
        cursor: full ? 'not-allowed' : 'pointer',
      }}
    >
      <Group wrap="nowrap" gap="sm">
        <Avatar radius="xl" color={colorFor(agent.id)} size={36}>
          {initials(agent.displayName)}
        </Avatar>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600} truncate>
            {agent.displayName}
          </Text>
          <Group gap={6} wrap="nowrap">
            <StatusDot status={status} size={8} />
            <Text size="xs" c="dimmed">
              {t(`inbox.status.${status}`)}
            </Text>
          </Group>
        </Box>
        <Stack gap={4} w={110} style={{ flex: 'none' }}>
          <Group justify="space-between" gap={4}>
            <Text size="xs" c="dimmed">
              {t('inbox.transfer.load')}
            </Text>
            {full ? (
              <Badge size="xs" color="red" variant="light">
                {t('inbox.transfer.full')}
              </Badge>
            ) : (
              <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {agent.activeCount}/{agent.maxConversations}
              </Text>
            )}
          </Group>
          <Progress value={load} size="sm" color={load >= 100 ? 'red' : load >= 70 ? 'orange' : 'teal'} aria-hidden />
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/** Transfer (ROUTE-8): to an agent (logged-in filter, search by name, load shown) or to an allowed group. */
export function TransferModal(props: { opened: boolean; conversationId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'agent' | 'group'>('agent');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [onlineOnly, setOnlineOnly] = useState(true);
  const [target, setTarget] = useState<Target | null>(null);
  const options = useTransferOptions(props.conversationId, q, onlineOnly, props.opened);
  const transfer = useTransfer(props.conversationId);

  useEffect(() => {
    if (!props.opened) {
      setTarget(null);
      setSearch('');
      transfer.reset();
    }
  }, [props.opened]);

  const submit = () => {
    if (!target) return;
    transfer.mutate(target.kind === 'agent' ? { agentId: target.id } : { serviceGroupId: target.id }, {
      onSuccess: () => {
        notifySuccess(t('inbox.transfer.done', { name: target.name }));
        props.onDone();
      },
    });
  };

  const err = transfer.error;
  const agents = options.data?.agents ?? [];
  const groups = options.data?.serviceGroups ?? [];

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('inbox.transfer.title')} size="lg" data-testid="transfer-modal">
      <Tabs value={tab} onChange={(v) => { setTab((v as 'agent' | 'group') ?? 'agent'); setTarget(null); transfer.reset(); }}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="agent" leftSection={<IconUser size={16} />} data-testid="transfer-tab-agent">
            {t('inbox.transfer.toAgent')}
          </Tabs.Tab>
          <Tabs.Tab value="group" leftSection={<IconUsersGroup size={16} />} data-testid="transfer-tab-group">
            {t('inbox.transfer.toGroup')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="agent">
          <Group gap="sm" mb="sm" align="center" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              placeholder={t('inbox.transfer.searchAgent')}
              aria-label={t('inbox.transfer.searchAgent')}
              leftSection={<IconSearch size={16} />}
              rightSection={options.isFetching ? <Loader size={14} /> : null}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-autofocus
            />
            <Switch label={t('inbox.transfer.onlineOnly')} checked={onlineOnly} onChange={(e) => setOnlineOnly(e.currentTarget.checked)} data-testid="transfer-online-only" />
          </Group>
          <ScrollArea.Autosize mah={320}>
            <Stack gap={6}>
              {options.isPending ? (
                <Group justify="center" py="lg">
                  <Loader type="dots" />
                </Group>
              ) : agents.length === 0 ? (
                <Text size="sm" c="dimmed" ta="center" py="lg">
                  {onlineOnly ? t('inbox.transfer.noAgentsOnline') : t('inbox.transfer.noAgents')}
                </Text>
              ) : (
                agents.map((agent) => (
                  <AgentRow
                    key={agent.id}
                    agent={agent}
                    selected={target?.kind === 'agent' && target.id === agent.id}
                    onSelect={() => setTarget({ kind: 'agent', id: agent.id, name: agent.displayName })}
                  />
                ))
              )}
            </Stack>
          </ScrollArea.Autosize>
        </Tabs.Panel>
        <Tabs.Panel value="group">
          <Text size="sm" c="dimmed" mb="sm">
            {t('inbox.transfer.groupHint')}
          </Text>
          <Stack gap={6}>
            {groups.length === 0 && !options.isPending ? (
              <Text size="sm" c="dimmed" ta="center" py="lg">
                {t('inbox.transfer.noGroups')}
              </Text>
            ) : (
              groups.map((group) => {
                const selected = target?.kind === 'group' && target.id === group.id;
                return (
                  <UnstyledButton
                    key={group.id}
                    onClick={() => setTarget({ kind: 'group', id: group.id, name: group.name })}
                    data-testid="transfer-group-option"
                    data-group-id={group.id}
                    aria-pressed={selected}
                    p="sm"
                    style={{
                      borderRadius: 10,
                      border: `1px solid var(--mantine-color-${selected ? 'brand-5' : 'gray-2'})`,
                      background: selected ? 'var(--mantine-color-brand-0)' : 'white',
                    }}
                  >
                    <Group gap="sm">
                      <IconUsersGroup size={18} color="var(--mantine-color-brand-7)" />
                      <Text size="sm" fw={600}>
                        {group.name}
                      </Text>
                    </Group>
                  </UnstyledButton>
                );
              })
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {err && (
        <Alert color="red" variant="light" mt="md" data-testid="transfer-error">
          {servingErrorMessage(err, t)}
        </Alert>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={props.onClose} disabled={transfer.isPending}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} disabled={!target} loading={transfer.isPending} data-testid="transfer-submit">
          {target ? t('inbox.transfer.submitTo', { name: target.name }) : t('inbox.transfer.submit')}
        </Button>
      </Group>
    </Modal>
  );
}
