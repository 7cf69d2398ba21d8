import type { ReactNode } from 'react';
import { Box, Group, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import type { TablerIcon } from '@tabler/icons-react';

/** One titled block of a long configuration form, with a line saying what it is for. */
export function FormSection(props: { title: string; description?: string; icon?: TablerIcon; children: ReactNode; testId?: string }) {
  const Icon = props.icon;
  return (
    <Box component="section" aria-label={props.title} data-testid={props.testId}>
      <Group gap="sm" wrap="nowrap" align="flex-start" mb="sm">
        {Icon && (
          <ThemeIcon variant="light" size={34} radius="md">
            <Icon size={19} />
          </ThemeIcon>
        )}
        <Box>
          <Title order={4}>{props.title}</Title>
          {props.description && (
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          )}
        </Box>
      </Group>
      {props.children}
    </Box>
  );
}

/** A bordered block of related settings with its title and what they are for. */
export function SettingsBlock(props: { title: string; hint: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={props.testId}>
      <Text size="sm" fw={700}>
        {props.title}
      </Text>
      <Text size="xs" c="dimmed" mb="md">
        {props.hint}
      </Text>
      {props.children}
    </Paper>
  );
}
