import type { ReactNode } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ConfirmModal(props: {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  loading?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={<Text fw={700}>{props.title}</Text>} size="md">
      <Text size="sm">{props.message}</Text>
      <Group justify="flex-end" mt="xl">
        <Button variant="default" onClick={props.onClose} disabled={props.loading}>
          {t('common.cancel')}
        </Button>
        <Button color={props.color ?? 'red'} onClick={props.onConfirm} loading={props.loading} data-testid="confirm-action">
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
