import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Box, Button, CloseButton, FileButton, Group, Loader, Menu, Paper, SegmentedControl, Text, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBolt, IconLayoutList, IconLock, IconMessage, IconNote, IconPaperclip, IconPlus, IconSend, IconTemplate } from '@tabler/icons-react';
import { isApiError } from '../../lib/api';
import type { Message } from '../serving/types';
import { InteractiveBuilder } from '../whatsapp/InteractiveBuilder';
import { messageSummary } from '../whatsapp/messageContent';
import { TemplatePicker } from '../whatsapp/TemplatePicker';
import { WindowIndicator } from '../whatsapp/WindowIndicator';
import { useTranslation } from 'react-i18next';
import { AGENT_ATTACHMENT_TYPES } from '@contracts/serving';
import { emitRealtime } from '../../lib/realtime';
import { servingErrorMessage } from '../serving/servingErrors';
import { currentLanguage } from '../../lib/i18n';
import type { AttachmentInfo } from '../serving/types';
import { formatBytes } from './AttachmentView';
import { applyCanned, slashToken, storeConcat, storedConcat, useCannedResponses, type CannedResponse } from './cannedApi';
import { CannedPicker, CannedSearchModal } from './CannedPicker';
import { EmojiPicker } from './EmojiPicker';
import { newClientMessageId, uploadAttachment, useSendMessage, type Outgoing } from './conversationApi';

const TYPING_EVERY_MS = 2500;

type Mode = 'message' | 'note';
type Upload = { file: File; preview: string | null; status: 'uploading' | 'ready'; attachment?: AttachmentInfo };

/**
 * The composer (AGENT-3): text (Enter sends, Shift+Enter breaks the line), emojis, a file,
 * internal notes, canned responses through "/" or the ⚡ window. `canMessage` false leaves
 * notes only (the conversation is not active, or not the agent's).
 */
export function Composer(props: {
  conversationId: string;
  serviceGroupId: string;
  canMessage: boolean;
  blockedReason: string | null;
  /** WhatsApp: the 24 h window, templates, buttons and lists, replies to a message. */
  whatsapp?: { channelId: string; windowExpiresAt: string | null; windowClosed: boolean };
  replyTo?: Message | null;
  onCancelReply?: () => void;
}) {
  const { t } = useTranslation();
  const send = useSendMessage(props.conversationId);
  const [dialog, setDialog] = useState<'template' | 'interactive' | null>(null);
  const wa = props.whatsapp;
  // The server may know better than our clock: its 409 closes the window here too.
  const windowClosed = !!wa && (wa.windowClosed || (isApiError(send.error) && send.error.code === 'window_closed'));
  const [mode, setMode] = useState<Mode>(props.canMessage ? 'message' : 'note');
  const [draft, setDraft] = useState('');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [concat, setConcatState] = useState(storedConcat);
  const [searchOpen, setSearchOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const [pickerClosedFor, setPickerClosedFor] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);

  const effectiveMode: Mode = props.canMessage ? mode : 'note';
  const token = slashToken(draft);
  const pickerOpen = token !== null && token !== pickerClosedFor;
  const [pickerQuery] = useDebouncedValue(token ? token.slice(1) : '', 150);
  const canned = useCannedResponses(pickerQuery, props.serviceGroupId, pickerOpen);
  const cannedItems = canned.data;

  useEffect(() => setActiveIndex(0), [pickerQuery]);
  useEffect(() => () => {
    if (upload?.preview) URL.revokeObjectURL(upload.preview);
  }, [upload?.preview]);

  const setConcat = (v: boolean) => {
    setConcatState(v);
    storeConcat(v);
  };

  const focusEnd = () =>
    requestAnimationFrame(() => {
      const el = inputRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    });

  const pickCanned = (item: CannedResponse, fromToken: boolean) => {
    setDraft((d) => applyCanned(d, fromToken ? slashToken(d) : null, item.text, concat));
    setSearchOpen(false);
    focusEnd();
  };

  const onChange = (value: string) => {
    setDraft(value);
    if (pickerClosedFor && slashToken(value) !== pickerClosedFor) setPickerClosedFor(null);
    // The contact sees "digitando…"; notes are invisible to them, so they send nothing.
    if (effectiveMode === 'message' && value && Date.now() - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = Date.now();
      emitRealtime('conversation.typing', { conversationId: props.conversationId });
    }
  };

  const onFile = async (file: File | null) => {
    if (!file) return;
    setUploadError(null);
    const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    setUpload({ file, preview, status: 'uploading' });
    try {
      const attachment = await uploadAttachment(file);
      setUpload({ file, preview, status: 'ready', attachment });
    } catch (err) {
      setUpload(null);
      setUploadError(servingErrorMessage(err, t));
    }
    focusEnd();
  };

  const text = draft.trim();
  const readyAttachment = upload?.status === 'ready' ? upload.attachment : undefined;
  const freeFormBlocked = effectiveMode === 'message' && windowClosed;
  const canSend = !send.isPending && !freeFormBlocked && upload?.status !== 'uploading' && (effectiveMode === 'note' ? !!text : !!text || !!readyAttachment);
  const replyTo = effectiveMode === 'message' ? props.replyTo : null;

  const sendOut = (out: Outgoing) => {
    const withReply = replyTo && out.kind !== 'note' ? { ...out, replyToMessageId: replyTo.id } : out;
    send.mutate({ out: withReply, clientMessageId: newClientMessageId() });
    props.onCancelReply?.();
  };

  const submit = () => {
    if (!canSend) return;
    let out: Outgoing;
    if (effectiveMode === 'note') out = { kind: 'note', text };
    else if (readyAttachment) out = { kind: 'attachment', attachment: readyAttachment, caption: text };
    else out = { kind: 'text', text };
    sendOut(out);
    setDraft('');
    setUpload(null);
    setUploadError(null);
    focusEnd();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen && cannedItems && cannedItems.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActiveIndex((i) => (i + step + cannedItems.length) % cannedItems.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pickCanned(cannedItems[Math.min(activeIndex, cannedItems.length - 1)], true);
        return;
      }
    }
    if (pickerOpen && e.key === 'Escape') {
      e.preventDefault();
      setPickerClosedFor(token);
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const note = effectiveMode === 'note';
  return (
    <Box px="md" pb="md" pt={6} bg="gray.0" data-testid="composer" data-mode={effectiveMode}>
      {(props.blockedReason || (wa && effectiveMode === 'message')) && (
        <Group gap={6} mb={6} c="gray.7" justify="space-between" wrap="nowrap">
          {props.blockedReason ? (
            <Group gap={6} wrap="nowrap">
              <IconLock size={14} />
              <Text size="xs">{props.blockedReason}</Text>
            </Group>
          ) : (
            <span />
          )}
          {wa && effectiveMode === 'message' && <WindowIndicator windowExpiresAt={wa.windowExpiresAt} closed={windowClosed} />}
        </Group>
      )}
      {freeFormBlocked && (
        <Alert color="orange" variant="light" mb={6} py={8} icon={<IconLock size={18} />} data-testid="window-closed">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{t('whatsapp.window.closedReason')}</Text>
            <Button size="xs" color="orange" leftSection={<IconTemplate size={14} />} onClick={() => setDialog('template')} data-testid="open-template-picker">
              {t('whatsapp.composer.sendTemplate')}
            </Button>
          </Group>
        </Alert>
      )}
      <Paper
        withBorder
        radius="lg"
        pos="relative"
        style={{
          borderColor: note ? 'var(--mantine-color-yellow-5)' : undefined,
          background: note ? 'var(--mantine-color-yellow-0)' : 'white',
          boxShadow: '0 1px 3px rgba(0,0,0,0.05)',
        }}
      >
        {pickerOpen && (
          <CannedPicker
            items={cannedItems}
            loading={canned.isFetching}
            activeIndex={activeIndex}
            onHover={setActiveIndex}
            onPick={(item) => pickCanned(item, true)}
            concat={concat}
            onConcatChange={setConcat}
          />
        )}
        {replyTo && (
          <Group gap="sm" mx="sm" mt={8} px={8} py={4} wrap="nowrap" data-testid="composer-reply" style={{ borderLeft: '3px solid var(--mantine-color-teal-5)', background: 'var(--mantine-color-gray-0)', borderRadius: 6 }}>
            <Box style={{ flex: 1, minWidth: 0 }}>
              <Text size="xs" fw={700} c="teal.8">
                {t('whatsapp.reply.replyingTo', { name: replyTo.direction === 'in' ? t('whatsapp.reply.customer') : (replyTo.authorName ?? t('inbox.message.company')) })}
              </Text>
              <Text size="xs" c="gray.7" truncate>
                {messageSummary(replyTo, t)}
              </Text>
            </Box>
            <CloseButton size="sm" aria-label={t('whatsapp.reply.cancel')} onClick={props.onCancelReply} />
          </Group>
        )}
        {upload && (
          <Group gap="sm" mx="sm" mt={8} p={6} wrap="nowrap" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 10 }} data-testid="composer-attachment">
            {upload.preview ? (
              <img src={upload.preview} alt="" width={40} height={40} style={{ objectFit: 'cover', borderRadius: 6 }} />
            ) : (
              <IconPaperclip size={20} />
            )}
            <Box style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {upload.file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {upload.status === 'uploading' ? t('inbox.composer.uploading') : formatBytes(upload.file.size, currentLanguage())}
              </Text>
            </Box>
            {upload.status === 'uploading' ? <Loader size="xs" /> : <CloseButton aria-label={t('inbox.composer.removeFile')} onClick={() => setUpload(null)} />}
          </Group>
        )}
        <Textarea
          ref={inputRef}
          className={note ? 'composer-note' : undefined}
          variant="unstyled"
          autosize
          minRows={2}
          maxRows={8}
          pt={6}
          px="sm"
          value={draft}
          disabled={freeFormBlocked}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder={freeFormBlocked ? t('whatsapp.window.closedReason') : note ? t('inbox.composer.notePlaceholder') : readyAttachment ? t('inbox.composer.captionPlaceholder') : t('inbox.composer.placeholder')}
          aria-label={note ? t('inbox.composer.note') : t('inbox.composer.reply')}
          data-testid="composer-input"
          styles={{ input: { background: 'transparent', fontSize: 'var(--mantine-font-size-sm)' } }}
        />
        <Group justify="space-between" px={6} pb={6} gap={4} wrap="nowrap">
          <Group gap={2} wrap="nowrap">
            <SegmentedControl
              size="xs"
              radius="xl"
              mr={6}
              color={note ? 'yellow.6' : undefined}
              autoContrast
              value={effectiveMode}
              onChange={(v) => setMode(v as Mode)}
              data={[
                {
                  value: 'message',
                  disabled: !props.canMessage,
                  label: (
                    <Group gap={4} wrap="nowrap">
                      <IconMessage size={13} />
                      <span>{t('inbox.composer.reply')}</span>
                    </Group>
                  ),
                },
                {
                  value: 'note',
                  label: (
                    <Group gap={4} wrap="nowrap" data-testid="composer-mode-note">
                      <IconNote size={13} />
                      <span>{t('inbox.composer.note')}</span>
                    </Group>
                  ),
                },
              ]}
            />
            <EmojiPicker
              onPick={(emoji) => {
                const el = inputRef.current;
                const at = el?.selectionStart ?? draft.length;
                const next = draft.slice(0, at) + emoji + draft.slice(el?.selectionEnd ?? at);
                setDraft(next);
                requestAnimationFrame(() => {
                  el?.focus();
                  el?.setSelectionRange(at + emoji.length, at + emoji.length);
                });
              }}
            />
            <FileButton onChange={(f) => void onFile(f)} accept={AGENT_ATTACHMENT_TYPES.join(',')} disabled={note || freeFormBlocked}>
              {(fileProps) => (
                <Tooltip label={t('inbox.composer.attach')}>
                  <ActionIcon {...fileProps} variant="subtle" color="gray" size="lg" aria-label={t('inbox.composer.attach')} data-testid="composer-attach" disabled={note || freeFormBlocked}>
                    <IconPaperclip size={20} />
                  </ActionIcon>
                </Tooltip>
              )}
            </FileButton>
            {wa && (
              <Menu position="top-start" withinPortal shadow="md">
                <Menu.Target>
                  <Tooltip label={t('whatsapp.composer.more')}>
                    <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('whatsapp.composer.more')} disabled={note} data-testid="composer-more">
                      <IconPlus size={20} />
                    </ActionIcon>
                  </Tooltip>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconTemplate size={16} />} onClick={() => setDialog('template')} data-testid="menu-template">
                    <Text size="sm">{t('whatsapp.composer.sendTemplate')}</Text>
                    <Text size="xs" c="dimmed">
                      {t('whatsapp.composer.templateHint')}
                    </Text>
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLayoutList size={16} />} disabled={windowClosed} onClick={() => setDialog('interactive')} data-testid="menu-interactive">
                    <Text size="sm">{t('whatsapp.composer.interactive')}</Text>
                    <Text size="xs" c="dimmed">
                      {t('whatsapp.composer.interactiveHint')}
                    </Text>
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <Tooltip label={t('inbox.canned.open')}>
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => setSearchOpen(true)} aria-label={t('inbox.canned.open')} data-testid="canned-button">
                <IconBolt size={20} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {note && (
              <Text size="xs" c="yellow.9" visibleFrom="lg" ta="right" lh={1.2}>
                {t('inbox.composer.noteHint')}
              </Text>
            )}
            <Tooltip label={`${note ? t('inbox.composer.saveNote') : t('inbox.composer.send')} · ${t('inbox.composer.hint')}`}>
              <ActionIcon
                size={36}
                radius="xl"
                color={note ? 'yellow.7' : 'brand'}
                variant="filled"
                onClick={submit}
                disabled={!canSend}
                aria-label={note ? t('inbox.composer.saveNote') : t('inbox.composer.send')}
                data-testid="composer-send"
              >
                {note ? <IconNote size={18} /> : <IconSend size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </Paper>
      {uploadError && (
        <Alert color="red" variant="light" mt={6} py={6} withCloseButton onClose={() => setUploadError(null)} data-testid="upload-error">
          <Text size="sm">{uploadError}</Text>
        </Alert>
      )}
      {wa && (
        <>
          <TemplatePicker
            opened={dialog === 'template'}
            channelId={wa.channelId}
            onClose={() => setDialog(null)}
            onSend={(p) => sendOut({ kind: 'template', template: p.template, preview: p.preview, components: p.components })}
          />
          <InteractiveBuilder opened={dialog === 'interactive'} onClose={() => setDialog(null)} onSend={(interactive) => sendOut({ kind: 'interactive', interactive })} />
        </>
      )}
      <CannedSearchModal
        opened={searchOpen}
        onClose={() => setSearchOpen(false)}
        serviceGroupId={props.serviceGroupId}
        concat={concat}
        onConcatChange={setConcat}
        onPick={(item) => pickCanned(item, false)}
      />
    </Box>
  );
}
