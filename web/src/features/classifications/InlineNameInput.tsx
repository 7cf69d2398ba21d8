import { useState } from 'react';
import { ActionIcon, Group, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A name typed in place: Enter saves, Escape cancels; the caller shows the server's answer as `error`. */
export function InlineNameInput(props: {
  initial?: string;
  placeholder: string;
  label: string;
  pending: boolean;
  error?: string | null;
  onSubmit: (name: string) => void;
  onCancel: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.initial ?? '');
  const submit = () => {
    if (value.trim()) props.onSubmit(value.trim());
  };
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" style={{ flex: 1 }}>
      <TextInput
        aria-label={props.label}
        placeholder={props.placeholder}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
          if (e.key === 'Escape') props.onCancel();
        }}
        error={props.error}
        maxLength={120}
        size="sm"
        autoFocus
        style={{ flex: 1, maxWidth: 420 }}
        data-testid={props.testId}
      />
      <Tooltip label={t('classifications.actions.save')}>
        <ActionIcon size={34} variant="filled" onClick={submit} loading={props.pending} disabled={!value.trim()} aria-label={t('classifications.actions.save')}>
          <IconCheck size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('common.cancel')}>
        <ActionIcon size={34} variant="default" onClick={props.onCancel} aria-label={t('common.cancel')}>
          <IconX size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
