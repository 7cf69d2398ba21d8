import { ActionIcon, Badge, Box, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCornerDownRight, IconDots, IconPencil, IconPlayerPlay, IconPlayerStop, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ClassificationNode } from './classificationsApi';
import { InlineNameInput } from './InlineNameInput';
import { descendantCount, useTreeEditor } from './treeEditor';

const LEVELS = ['root', 'reason', 'subReason'] as const;
const INDENT = 30;

/** One node and, below it, its children (recursively) and the "add under" input when open. */
export function ClassificationNodeView(props: { node: ClassificationNode; depth: number; index: number; siblings: ClassificationNode[]; hiddenByParent: boolean }) {
  const { node, depth, index, siblings } = props;
  // Positions are indexes among all siblings (inactive ones too, which this view may hide):
  // taking the neighbour's place moves past exactly that neighbour.
  const before = siblings[index - 1];
  const after = siblings[index + 1];
  const { t } = useTranslation();
  const editor = useTreeEditor();
  const level = LEVELS[depth - 1];
  const renaming = editor.editing?.kind === 'rename' && editor.editing.id === node.id;
  const adding = editor.editing?.kind === 'add' && editor.editing.parentId === node.id;
  const hidden = props.hiddenByParent || node.status === 'inactive';
  const childLevel = LEVELS[depth];

  return (
    <>
      <Group
        gap="sm"
        wrap="nowrap"
        px="md"
        py={depth === 1 ? 'sm' : 8}
        pl={16 + (depth - 1) * INDENT}
        className="atende-tree-row"
        data-testid="classification-node"
        data-depth={depth}
        data-status={node.status}
        style={{
          background: depth === 1 ? 'var(--mantine-color-gray-0)' : undefined,
          borderTop: depth === 1 ? undefined : '1px solid var(--mantine-color-gray-2)',
          opacity: hidden ? 0.5 : 1,
        }}
      >
        {depth > 1 && <IconCornerDownRight size={16} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0 }} />}
        {renaming ? (
          <InlineNameInput
            initial={node.name}
            label={t('classifications.renameLabel', { name: node.name })}
            placeholder={t(`classifications.placeholders.${level}`)}
            pending={editor.pending}
            error={editor.error}
            onSubmit={(name) => editor.rename(node, name)}
            onCancel={editor.cancel}
            testId="classification-rename-input"
          />
        ) : (
          <Group gap="xs" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" fw={depth === 1 ? 700 : depth === 2 ? 600 : 400} truncate td={node.status === 'inactive' ? 'line-through' : undefined}>
              {node.name}
            </Text>
            <Badge size="xs" variant="light" color={depth === 1 ? 'brand' : depth === 2 ? 'indigo' : 'gray'} tt="none" style={{ flexShrink: 0 }}>
              {t(`classifications.levels.${level}`)}
            </Badge>
            {node.status === 'inactive' && (
              <Badge size="xs" color="gray" variant="outline" tt="none" style={{ flexShrink: 0 }}>
                {t('statusLabels.inactiveFem')}
              </Badge>
            )}
            {depth === 1 && node.children.length > 0 && (
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {t('classifications.descendants', { count: descendantCount(node) })}
              </Text>
            )}
          </Group>
        )}
        {editor.canManage && !renaming && (
          <Group gap={2} wrap="nowrap" style={{ flexShrink: 0 }}>
            {childLevel && node.status === 'active' && (
              <Tooltip label={t(`classifications.actions.add.${childLevel}`)}>
                <ActionIcon variant="subtle" color="brand" onClick={() => editor.startAdd(node.id)} aria-label={`${t(`classifications.actions.add.${childLevel}`)}: ${node.name}`} data-testid="classification-add-child">
                  <IconPlus size={17} />
                </ActionIcon>
              </Tooltip>
            )}
            <Tooltip label={t('classifications.actions.rename')}>
              <ActionIcon variant="subtle" color="gray" onClick={() => editor.startRename(node.id)} aria-label={`${t('classifications.actions.rename')}: ${node.name}`} data-testid="classification-rename">
                <IconPencil size={17} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('classifications.actions.up')}>
              <ActionIcon variant="subtle" color="gray" disabled={!before || editor.pending} onClick={() => before && editor.move(node, before.position)} aria-label={`${t('classifications.actions.up')}: ${node.name}`} data-testid="classification-up">
                <IconArrowUp size={17} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('classifications.actions.down')}>
              <ActionIcon variant="subtle" color="gray" disabled={!after || editor.pending} onClick={() => after && editor.move(node, after.position)} aria-label={`${t('classifications.actions.down')}: ${node.name}`} data-testid="classification-down">
                <IconArrowDown size={17} />
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={t('config.actionsFor', { name: node.name })}>
                  <IconDots size={17} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {node.status === 'active' ? (
                  <Menu.Item color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => editor.toggle(node)} data-testid="classification-deactivate">
                    {node.children.length ? t('classifications.actions.deactivateBranch') : t('common.deactivate')}
                  </Menu.Item>
                ) : (
                  <Menu.Item color="teal" leftSection={<IconPlayerPlay size={16} />} onClick={() => editor.toggle(node)} data-testid="classification-activate">
                    {t('common.activate')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      {node.children.map((child, i) => (
        <ClassificationNodeView key={child.id} node={child} depth={depth + 1} index={i} siblings={node.children} hiddenByParent={hidden} />
      ))}
      {adding && childLevel && (
        <Box px="md" py={8} pl={16 + depth * INDENT} style={{ borderTop: '1px solid var(--mantine-color-gray-2)', background: 'var(--mantine-color-brand-0)' }}>
          <InlineNameInput
            key={editor.addSeq}
            label={t(`classifications.actions.add.${childLevel}`)}
            placeholder={t(`classifications.placeholders.${childLevel}`)}
            pending={editor.pending}
            error={editor.error}
            onSubmit={(name) => editor.add(node.id, name)}
            onCancel={editor.cancel}
            testId="classification-new-input"
          />
        </Box>
      )}
    </>
  );
}
