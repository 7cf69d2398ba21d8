import { useState } from 'react';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NewConversationModal } from './NewConversationModal';

/** "Nova conversa" in the agent's list header (AGENT-6). */
export function NewConversationButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      {/* Icon only: the list column is narrow and the English label would not fit beside the title. */}
      <Tooltip label={t('whatsapp.newConversation.button')}>
        <ActionIcon variant="light" radius="xl" size="md" aria-label={t('whatsapp.newConversation.button')} onClick={() => setOpened(true)} data-testid="new-conversation-button">
          <IconMessagePlus size={16} />
        </ActionIcon>
      </Tooltip>
      <NewConversationModal opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
