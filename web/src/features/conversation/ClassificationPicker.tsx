import { useMemo, useState } from 'react';
import { Box, Group, Input, ScrollArea, Skeleton, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconCheck, IconSearch, IconTag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { childrenMap, classificationPath, type ClassificationNode } from './classificationsApi';

interface Row {
  node: ClassificationNode;
  depth: number;
}

/** Depth-first rows under `rootId`; with a search, the matches and the branches that lead to them. */
function visibleRows(nodes: ClassificationNode[], rootId: string | null, search: string): Row[] {
  const children = childrenMap(nodes);
  const needle = search.trim().toLocaleLowerCase();
  const rows: Row[] = [];
  const walk = (parent: string | null, depth: number): boolean => {
    let any = false;
    for (const node of children.get(parent) ?? []) {
      const at = rows.length;
      const selfMatch = !needle || node.name.toLocaleLowerCase().includes(needle);
      rows.push({ node, depth });
      const childMatch = walk(node.id, depth + 1);
      if (!selfMatch && !childMatch) rows.splice(at, 1);
      else any = true;
    }
    return any;
  };
  walk(rootId, 0);
  return rows;
}

/**
 * The classification tree (QUAL-2) as an indented, searchable list. With the group's tree root
 * the agent picks among its reasons and sub-reasons only.
 */
export function ClassificationPicker(props: {
  nodes: ClassificationNode[] | undefined;
  loading: boolean;
  rootId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  required: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const nodes = props.nodes ?? [];
  const rows = useMemo(() => visibleRows(nodes, props.rootId, search), [nodes, props.rootId, search]);
  const selectedPath = classificationPath(nodes, props.value, props.rootId);

  return (
    <Input.Wrapper
      label={t('inbox.close.classification')}
      required={props.required}
      description={props.required ? t('inbox.close.classificationRequired') : t('inbox.close.classificationOptional')}
      error={props.error}
      data-testid="classification-picker"
    >
      <Box
        mt={6}
        style={{
          border: `1px solid var(--mantine-color-${props.error ? 'red-6' : 'gray-3'})`,
          borderRadius: 'var(--mantine-radius-md)',
          overflow: 'hidden',
        }}
      >
        <TextInput
          variant="unstyled"
          px="sm"
          placeholder={t('inbox.close.searchClassification')}
          aria-label={t('inbox.close.searchClassification')}
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
        />
        <ScrollArea h={200} type="auto">
          {props.loading ? (
            <Box p="sm">
              <Skeleton h={12} w="60%" mb={10} />
              <Skeleton h={12} w="45%" mb={10} ml={16} />
              <Skeleton h={12} w="50%" ml={16} />
            </Box>
          ) : rows.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {search ? t('inbox.close.noClassificationMatch') : t('inbox.close.noClassifications')}
            </Text>
          ) : (
            rows.map(({ node, depth }) => {
              const selected = node.id === props.value;
              return (
                <UnstyledButton
                  key={node.id}
                  onClick={() => props.onChange(selected ? null : node.id)}
                  data-testid="classification-option"
                  data-classification-id={node.id}
                  aria-pressed={selected}
                  w="100%"
                  py={6}
                  pr="sm"
                  pl={12 + depth * 18}
                  style={{ display: 'block', background: selected ? 'var(--mantine-color-brand-0)' : undefined }}
                  className="emoji-cell"
                >
                  <Group gap={6} wrap="nowrap">
                    {selected ? <IconCheck size={14} color="var(--mantine-color-brand-7)" /> : <IconTag size={14} color="var(--mantine-color-gray-5)" />}
                    <Text size="sm" fw={depth === 0 ? 600 : 400} c={selected ? 'brand.8' : undefined} truncate>
                      {node.name}
                    </Text>
                  </Group>
                </UnstyledButton>
              );
            })
          )}
        </ScrollArea>
      </Box>
      {selectedPath && (
        <Text size="xs" c="brand.8" mt={6} data-testid="classification-selected">
          {t('inbox.close.selected', { path: selectedPath })}
        </Text>
      )}
    </Input.Wrapper>
  );
}
