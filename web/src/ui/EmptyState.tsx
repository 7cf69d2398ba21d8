import type { ReactNode } from 'react';
import { Stack, Text, ThemeIcon, Title } from '@mantine/core';

export function EmptyState(props: {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  color?: string;
  compact?: boolean;
}) {
  return (
    <Stack align="center" gap="xs" py={props.compact ? 'lg' : 48} px="md" ta="center">
      <ThemeIcon size={props.compact ? 48 : 64} radius="xl" variant="light" color={props.color ?? 'brand'}>
        {props.icon}
      </ThemeIcon>
      <Title order={3} mt="xs">
        {props.title}
      </Title>
      {props.description && (
        <Text c="dimmed" size="sm" maw={420}>
          {props.description}
        </Text>
      )}
      {props.action && <div style={{ marginTop: 8 }}>{props.action}</div>}
    </Stack>
  );
}
