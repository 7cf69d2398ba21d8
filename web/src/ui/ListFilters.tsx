import type { ReactNode } from 'react';
import { Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StatusFilterValue } from '../lib/cursorList';

/** The card above an admin list that holds its filters in one wrapping row. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="md" mb="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        {children}
      </Group>
    </Paper>
  );
}

/** Free-text search; it takes the room the other filters leave. The caller debounces. */
export function SearchFilter(props: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      leftSection={<IconSearch size={16} />}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      style={{ flex: '1 1 260px' }}
    />
  );
}

const STATUS_VALUES: StatusFilterValue[] = ['active', 'inactive', 'all'];

/**
 * Active / inactive / all. A SegmentedControl has no label of its own, so a text with `id`
 * labels it (`id` must be unique on the page). `feminine` picks the Portuguese agreement
 * for feminine nouns (operação), as StatusBadge does.
 */
export function StatusFilter(props: {
  id: string;
  label: string;
  value: StatusFilterValue;
  onChange: (value: StatusFilterValue) => void;
  feminine?: boolean;
}) {
  const { t } = useTranslation();
  const labels = props.feminine
    ? { active: t('filters.activeFem'), inactive: t('filters.inactiveFem'), all: t('filters.allFem') }
    : { active: t('filters.active'), inactive: t('filters.inactive'), all: t('filters.all') };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={props.id}>
        {props.label}
      </Text>
      <SegmentedControl
        aria-labelledby={props.id}
        value={props.value}
        onChange={(v) => props.onChange(v as StatusFilterValue)}
        data={STATUS_VALUES.map((value) => ({ value, label: labels[value] }))}
      />
    </Stack>
  );
}
