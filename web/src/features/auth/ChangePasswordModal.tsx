import { Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifySuccess } from '../../lib/errors';
import { PasswordChangeForm } from './PasswordChangeForm';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('password.changeTitle')}</Text>} size="md">
      {opened && (
        <PasswordChangeForm
          submitLabel={t('password.save')}
          onCancel={onClose}
          onSuccess={() => {
            notifySuccess(t('password.changed'));
            onClose();
          }}
          onSessionLost={() => void navigate('/login', { replace: true })}
        />
      )}
    </Modal>
  );
}
