import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Group, Loader, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TablerIcon } from '@tabler/icons-react';

/**
 * A contact field edited in place: click (or the pencil) to edit, Enter or ✓ saves, Esc or ✕
 * cancels. The server's message for the field shows under it and keeps it open.
 */
export function ContactField(props: {
  name: string;
  label: string;
  icon: TablerIcon;
  value: string | null;
  /** How the value reads when not editing (a formatted phone); the raw value is what is edited. */
  display?: string;
  placeholder: string;
  saving: boolean;
  error: string | null;
  onSave: (value: string | null) => Promise<unknown>;
  onEditStart?: () => void;
  required?: boolean;
  type?: string;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.value ?? '');
  const inputRef = useRef<HTMLInputElement>(null);
  const Icon = props.icon;

  useEffect(() => {
    if (!editing) setDraft(props.value ?? '');
  }, [props.value, editing]);

  const start = () => {
    props.onEditStart?.();
    setDraft(props.value ?? '');
    setEditing(true);
    requestAnimationFrame(() => inputRef.current?.select());
  };

  const save = async () => {
    const next = draft.trim();
    if (next === (props.value ?? '')) {
      setEditing(false);
      return;
    }
    try {
      await props.onSave(next === '' ? null : next);
      setEditing(false);
    } catch {
      // The error is shown under the field by the parent; keep editing.
    }
  };

  if (editing) {
    return (
      <TextInput
        px={8}
        py={4}
        ref={inputRef}
        label={props.label}
        required={props.required}
        type={props.type}
        size="sm"
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setEditing(false);
        }}
        error={props.error}
        data-testid={`contact-input-${props.name}`}
        rightSectionWidth={64}
        rightSection={
          props.saving ? (
            <Loader size={14} />
          ) : (
            <Group gap={2} wrap="nowrap">
              <ActionIcon size="sm" variant="subtle" color="teal" onClick={() => void save()} aria-label={t('inbox.contact.save')} data-testid={`contact-save-${props.name}`}>
                <IconCheck size={14} />
              </ActionIcon>
              <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => setEditing(false)} aria-label={t('common.cancel')}>
                <IconX size={14} />
              </ActionIcon>
            </Group>
          )
        }
      />
    );
  }

  return (
    <UnstyledButton onClick={start} w="100%" className="contact-field" data-testid={`contact-field-${props.name}`} aria-label={t('inbox.contact.editField', { field: props.label })}>
      <Group gap="sm" wrap="nowrap" align="flex-start" px={8} py={6}>
        <Icon size={16} color="var(--mantine-color-gray-6)" style={{ marginTop: 2, flex: 'none' }} />
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {props.label}
          </Text>
          <Text size="sm" c={props.value ? 'gray.9' : 'dimmed'} fs={props.value ? undefined : 'italic'} truncate>
            {props.value ? (props.display ?? props.value) : props.placeholder}
          </Text>
        </Stack>
        <Tooltip label={t('common.edit')}>
          <IconPencil size={14} className="contact-field-pencil" color="var(--mantine-color-gray-5)" style={{ marginTop: 4 }} />
        </Tooltip>
      </Group>
    </UnstyledButton>
  );
}
