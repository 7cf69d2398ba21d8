import { useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconListTree, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { errorMessage, notifySuccess, translateFieldMessage } from '../../lib/errors';
import { isApiError } from '../../lib/api';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';
import { notifyConfigError, translateConfigMessage } from '../service-groups/configErrors';
import { useClassificationMutations, useClassificationTree, type ClassificationNode } from './classificationsApi';
import { ClassificationNodeView } from './ClassificationNodeView';
import { InlineNameInput } from './InlineNameInput';
import { TreeEditorContext, type Editing, type TreeEditor } from './treeEditor';
import './classifications.css';

/** Inactive roots (and what they hold) are kept for history; this view can leave them out. */
type Visibility = 'all' | 'active';
const onlyActive = (nodes: ClassificationNode[]): ClassificationNode[] =>
  nodes.filter((n) => n.status === 'active').map((n) => ({ ...n, children: onlyActive(n.children) }));

export function ClassificationsPage() {
  const { t } = useTranslation();
  const canManage = useCan()('classifications.manage');
  const tree = useClassificationTree();
  const { create, update, setStatus } = useClassificationMutations();
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [addSeq, setAddSeq] = useState(0);
  const [visibility, setVisibility] = useState<Visibility>('all');

  const fieldError = (err: unknown) => {
    if (isApiError(err) && err.fields.length) {
      const message = translateConfigMessage(err.fields[0].message, t);
      setError(message === err.fields[0].message ? translateFieldMessage(message, t) : message);
    } else setError(errorMessage(err, t));
  };

  const editor: TreeEditor = {
    editing,
    addSeq,
    error,
    pending: create.isPending || update.isPending || setStatus.isPending,
    canManage,
    startRename: (id) => {
      setError(null);
      setEditing({ kind: 'rename', id });
    },
    startAdd: (parentId) => {
      setError(null);
      setEditing({ kind: 'add', parentId });
    },
    cancel: () => {
      setError(null);
      setEditing(null);
    },
    rename: (node, name) => {
      if (name === node.name) return setEditing(null);
      update.mutate(
        { id: node.id, name },
        { onSuccess: () => (setEditing(null), notifySuccess(t('classifications.renamed', { name }))), onError: fieldError },
      );
    },
    add: (parentId, name) =>
      create.mutate(
        { name, parentId },
        {
          onSuccess: () => {
            setError(null);
            setAddSeq((n) => n + 1);
            notifySuccess(t('classifications.created', { name }));
          },
          onError: fieldError,
        },
      ),
    move: (node, position) => update.mutate({ id: node.id, position }, { onError: (err) => notifyConfigError(err, t) }),
    toggle: (node) =>
      setStatus.mutate(
        { id: node.id, active: node.status !== 'active' },
        {
          onSuccess: () =>
            notifySuccess(
              node.status === 'active' ? t('classifications.deactivated', { name: node.name }) : t('classifications.activated', { name: node.name }),
            ),
          onError: (err) => notifyConfigError(err, t),
        },
      ),
  };

  const roots = useMemo(() => {
    const items = tree.data?.items ?? [];
    return visibility === 'active' ? onlyActive(items) : items;
  }, [tree.data, visibility]);
  const addingRoot = editing?.kind === 'add' && editing.parentId === null;

  const newRoot = canManage && (
    <Button leftSection={<IconPlus size={18} />} onClick={() => editor.startAdd(null)} data-testid="new-classification">
      {t('classifications.new')}
    </Button>
  );

  return (
    <TreeEditorContext.Provider value={editor}>
      <Stack gap="md" data-testid="admin-classifications">
        <PageHeader title={t('classifications.title')} description={t('classifications.subtitle')} actions={newRoot} />
        <Paper withBorder p="md">
          <Group justify="space-between" wrap="wrap" gap="md">
            <Text size="sm" c="dimmed" maw={640}>
              {t('classifications.help')}
            </Text>
            <SegmentedControl
              aria-label={t('config.status')}
              value={visibility}
              onChange={(v) => setVisibility(v as Visibility)}
              data={[
                { value: 'all', label: t('classifications.showAll') },
                { value: 'active', label: t('filters.activeFem') },
              ]}
            />
          </Group>
        </Paper>
        {addingRoot && (
          <Paper withBorder p="md" bg="brand.0">
            <InlineNameInput
              key={addSeq}
              label={t('classifications.actions.add.root')}
              placeholder={t('classifications.placeholders.root')}
              pending={editor.pending}
              error={error}
              onSubmit={(name) => editor.add(null, name)}
              onCancel={editor.cancel}
              testId="classification-new-input"
            />
          </Paper>
        )}
        {tree.isPending && (
          <Stack gap="md">
            {[0, 1].map((i) => (
              <Skeleton key={i} height={140} radius="lg" />
            ))}
          </Stack>
        )}
        {tree.isError && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('classifications.loadFailed')}>
            {errorMessage(tree.error, t)}
          </Alert>
        )}
        {tree.isSuccess && roots.length === 0 && !addingRoot && (
          <Paper withBorder>
            <EmptyState icon={<IconListTree size={30} />} title={t('classifications.emptyTitle')} description={t('classifications.emptyText')} action={newRoot} />
          </Paper>
        )}
        {roots.map((root, i) => (
          <Paper key={root.id} withBorder style={{ overflow: 'hidden' }} data-testid="classification-tree">
            <Box>
              <ClassificationNodeView node={root} depth={1} index={i} siblings={roots} hiddenByParent={false} />
            </Box>
          </Paper>
        ))}
      </Stack>
    </TreeEditorContext.Provider>
  );
}
