import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { notifySuccess } from '../../lib/errors';
import { servingErrorMessage, servingFieldMessage } from '../serving/servingErrors';
import type { Conversation } from '../serving/types';
import { ClassificationPicker } from './ClassificationPicker';
import { useClassifications, useGroupClassificationRule } from './classificationsApi';
import { useCloseConversation, type CloseInput } from './conversationApi';

type Folder = CloseInput['folder'];

function FolderCard(props: { folder: Folder; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const closed = props.folder === 'closed';
  const color = closed ? 'brand' : 'yellow';
  return (
    <UnstyledButton
      onClick={props.onSelect}
      data-testid={closed ? 'close-folder-closed' : 'close-folder-pending'}
      aria-pressed={props.selected}
      p="md"
      style={{
        borderRadius: 12,
        border: `${props.selected ? 2 : 1}px solid var(--mantine-color-${props.selected ? `${color}-6` : 'gray-3'})`,
        background: props.selected ? `var(--mantine-color-${color}-0)` : 'white',
        height: '100%',
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant={props.selected ? 'filled' : 'light'} color={color} radius="xl" size={32}>
          {closed ? <IconCircleCheck size={18} /> : <IconHourglass size={18} />}
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={700} size="sm">
            {closed ? t('inbox.close.folderClosed') : t('inbox.close.folderPending')}
          </Text>
          <Text size="xs" c="dimmed">
            {closed ? t('inbox.close.folderClosedHint') : t('inbox.close.folderPendingHint')}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/** Closing (AGENT-4): folder pending or closed, the classification the group asks for, a comment. */
export function CloseModal(props: { opened: boolean; conversation: Conversation; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const c = props.conversation;
  const [folder, setFolder] = useState<Folder>('closed');
  const [classificationId, setClassificationId] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const rule = useGroupClassificationRule(c.serviceGroupId, props.opened);
  const classifications = useClassifications(props.opened);
  const close = useCloseConversation(c.id);
  const required = !!rule.data?.classificationRequired;

  useEffect(() => {
    if (props.opened) {
      setFolder('closed');
      setClassificationId(null);
      setComment('');
      setLocalError(null);
      close.reset();
    }
    // Reset only when the window opens again.
  }, [props.opened]);

  const fieldError = (path: string) => {
    const err = close.error;
    if (!isApiError(err)) return null;
    const f = err.fields.find((x) => x.path === path);
    return f ? servingFieldMessage(f.message, t) : null;
  };

  const submit = () => {
    if (required && !classificationId) {
      setLocalError(t('fieldErrors.required'));
      return;
    }
    setLocalError(null);
    close.mutate(
      { folder, classificationId: classificationId ?? undefined, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(folder === 'closed' ? t('inbox.close.doneClosed', { protocol: c.protocol }) : t('inbox.close.donePending', { protocol: c.protocol }));
          props.onDone();
        },
      },
    );
  };

  const known = ['folder', 'classificationId', 'comment'];
  const otherError = close.error && !(isApiError(close.error) && close.error.fields.some((f) => known.includes(f.path))) ? servingErrorMessage(close.error, t) : null;

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('inbox.close.title', { protocol: c.protocol })} size="lg" data-testid="close-modal">
      <Stack gap="md">
        <div>
          <Text size="sm" fw={500} mb={6}>
            {t('inbox.close.folder')}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <FolderCard folder="pending" selected={folder === 'pending'} onSelect={() => setFolder('pending')} />
            <FolderCard folder="closed" selected={folder === 'closed'} onSelect={() => setFolder('closed')} />
          </SimpleGrid>
          {fieldError('folder') && (
            <Text size="xs" c="red.7" mt={4}>
              {fieldError('folder')}
            </Text>
          )}
        </div>
        <ClassificationPicker
          nodes={classifications.data}
          loading={classifications.isPending || rule.isPending}
          rootId={rule.data?.classificationId ?? null}
          value={classificationId}
          onChange={(id) => {
            setClassificationId(id);
            setLocalError(null);
          }}
          required={required}
          error={localError ?? fieldError('classificationId')}
        />
        <Textarea
          label={t('inbox.close.comment')}
          placeholder={t('inbox.close.commentPlaceholder')}
          autosize
          minRows={2}
          maxRows={5}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldError('comment')}
          data-testid="close-comment"
        />
        {otherError && (
          <Alert color="red" variant="light" data-testid="close-error">
            {otherError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} disabled={close.isPending}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={close.isPending} color={folder === 'pending' ? 'yellow.7' : 'brand'} data-testid="close-submit">
            {folder === 'closed' ? t('inbox.close.submitClosed') : t('inbox.close.submitPending')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
