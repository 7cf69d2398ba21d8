import { ActionIcon, Popover, SimpleGrid, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMoodSmile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const GROUPS: { key: 'smileys' | 'gestures' | 'symbols'; emojis: string[] }[] = [
  { key: 'smileys', emojis: ['😀', '😃', '😄', '😁', '😊', '🙂', '😉', '😍', '🥰', '😘', '😅', '😂', '🤣', '😇', '🤔', '🤗', '😎', '🥳', '😌', '😴', '😢', '😭', '😕', '😮', '😬', '🙄', '😤', '😡', '🤩', '😱'] },
  { key: 'gestures', emojis: ['👍', '👎', '👏', '🙏', '🙌', '👋', '🤝', '👌', '✌️', '🤞', '💪', '👉', '👀', '🫶', '✋', '☝️'] },
  { key: 'symbols', emojis: ['❤️', '💙', '💚', '💛', '🧡', '💜', '✅', '❌', '⚠️', '⭐', '🔥', '🎉', '🎁', '📦', '🚚', '💳', '📅', '⏰', '📞', '📧', '📍', '💡', '🔒', '✨'] },
];

/** A small palette of the emojis service conversations use most. */
export function EmojiPicker({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="top-start" shadow="md" width={300} withArrow>
      <Popover.Target>
        <Tooltip label={t('inbox.composer.emoji')} disabled={opened}>
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggle} disabled={disabled} aria-label={t('inbox.composer.emoji')} data-testid="emoji-button">
            <IconMoodSmile size={20} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        {GROUPS.map((group) => (
          <div key={group.key}>
            <Text size="xs" c="dimmed" fw={600} px={4} pt={4}>
              {t(`inbox.composer.emojiGroups.${group.key}`)}
            </Text>
            <SimpleGrid cols={8} spacing={2} verticalSpacing={2} py={4}>
              {group.emojis.map((emoji) => (
                <UnstyledButton
                  key={emoji}
                  onClick={() => onPick(emoji)}
                  aria-label={emoji}
                  style={{ fontSize: 22, lineHeight: '32px', textAlign: 'center', borderRadius: 6 }}
                  className="emoji-cell"
                >
                  {emoji}
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </div>
        ))}
      </Popover.Dropdown>
    </Popover>
  );
}
