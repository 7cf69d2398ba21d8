import { Fragment, useState } from 'react';
import { ActionIcon, Badge, Code, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useSession } from '../../app/session';
import { listItems } from '../../lib/cursorList';
import { formatDateTime } from '../../lib/format';
import { ListTable } from '../../ui/ListTable';
import { PageHeader } from '../../ui/PageHeader';
import { AUDIT_ACTIONS, actionColor, isKnownAction, useAuditLog, type AuditAction, type AuditEntry } from './auditApi';

const ENTITY_TYPES = ['user', 'operation', 'api_credential', 'workspace', 'session'] as const;

function actionLabel(action: string, t: TFunction): string {
  return isKnownAction(action) ? t(`audit.actions.${AUDIT_ACTIONS[action]}`) : action;
}

function entityLabel(type: string | null, t: TFunction): string {
  if (!type) return '—';
  return (ENTITY_TYPES as readonly string[]).includes(type) ? t(`audit.entities.${type as (typeof ENTITY_TYPES)[number]}`) : type;
}

const hasChanges = (changes: unknown) =>
  changes !== null && changes !== undefined && !(typeof changes === 'object' && Object.keys(changes as object).length === 0);

export function AuditLogPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const [action, setAction] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const list = useAuditLog(action);
  const entries = listItems(list);

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap={0} data-testid="admin-audit-log">
      <PageHeader title={t('audit.title')} description={t('audit.subtitle')} />
      <Paper withBorder p="md" mb="md">
        <Select
          label={t('audit.filterAction')}
          placeholder={t('audit.allActions')}
          data={(Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((a) => ({ value: a, label: actionLabel(a, t) }))}
          value={action}
          onChange={setAction}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          maw={360}
        />
      </Paper>
      <ListTable
        query={list}
        minWidth={880}
        columns={[
          { label: t('audit.details'), srOnly: true, w: 40 },
          { label: t('audit.columns.time') },
          { label: t('audit.columns.who') },
          { label: t('audit.columns.action') },
          { label: t('audit.columns.entity') },
          { label: t('audit.columns.ip') },
        ]}
        icon={IconHistory}
        loadFailedTitle={t('audit.loadFailed')}
        empty={{
          title: action ? t('audit.emptyFilteredTitle') : t('audit.emptyTitle'),
          description: action ? t('audit.emptyFilteredText') : t('audit.emptyText'),
        }}
      >
        {entries.map((e) => (
          <AuditRow key={e.id} entry={e} open={expanded.has(e.id)} onToggle={() => toggle(e.id)} timeZone={workspace.timeZone} />
        ))}
      </ListTable>
    </Stack>
  );
}

function AuditRow({ entry, open, onToggle, timeZone }: { entry: AuditEntry; open: boolean; onToggle: () => void; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" data-action={entry.action} onClick={onToggle} style={{ cursor: 'pointer' }}>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-expanded={open}
            aria-label={open ? t('audit.hideDetails') : t('audit.showDetails')}
            onClick={(ev) => {
              ev.stopPropagation();
              onToggle();
            }}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.createdAt, timeZone)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" fw={500}>
            {entry.actorLabel ?? t('audit.system')}
          </Text>
        </Table.Td>
        <Table.Td>
          <Tooltip label={entry.action} openDelay={500}>
            <Badge color={actionColor(entry.action)} variant="light" tt="none" size="md">
              {actionLabel(entry.action, t)}
            </Badge>
          </Tooltip>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entityLabel(entry.entityType, t)}</Text>
          {entry.entityId && (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.entityId.slice(0, 8)}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr data-testid="audit-details">
          <Table.Td />
          <Table.Td colSpan={5} bg="gray.0">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" py={4}>
              <Stack gap={4}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {t('audit.changes')}
                </Text>
                {hasChanges(entry.changes) ? (
                  <Code block className="atende-json">
                    {JSON.stringify(entry.changes, null, 2)}
                  </Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('audit.noChanges')}
                  </Text>
                )}
              </Stack>
              <Stack gap={6}>
                <Group gap={6}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                    {t('audit.entityId')}
                  </Text>
                  <Text size="xs" ff="monospace">
                    {entry.entityId ?? '—'}
                  </Text>
                </Group>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {t('audit.userAgent')}
                </Text>
                <Text size="xs" c="gray.7" style={{ wordBreak: 'break-word' }}>
                  {entry.userAgent ?? '—'}
                </Text>
              </Stack>
            </SimpleGrid>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
