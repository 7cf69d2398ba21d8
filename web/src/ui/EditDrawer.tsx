import type { ReactNode } from 'react';
import { Alert, Button, Drawer, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The right-side drawer of a create/edit form: a title with badges, a skeleton while the
 * record loads, a retryable error, then the form (children).
 */
export function EditDrawer(props: {
  opened: boolean;
  onClose: () => void;
  size: number;
  title: string;
  badges?: ReactNode;
  loading: boolean;
  error: string | null;
  loadFailedTitle: string;
  onRetry: () => void;
  loadingTestId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      position="right"
      size={props.size}
      title={
        <Group gap="sm">
          <Text fw={700} size="lg">
            {props.title}
          </Text>
          {props.badges}
        </Group>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ body: { paddingBottom: 0 } }}
    >
      {props.loading && (
        <Stack gap="md" data-testid={props.loadingTestId}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={56} radius="md" />
          ))}
        </Stack>
      )}
      {props.error !== null && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title={props.loadFailedTitle}>
          {props.error}
          <Button variant="light" color="red" size="xs" mt="sm" display="block" onClick={props.onRetry}>
            {t('common.retry')}
          </Button>
        </Alert>
      )}
      {props.children}
    </Drawer>
  );
}
