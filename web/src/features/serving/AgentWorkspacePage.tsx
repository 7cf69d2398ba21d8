import { useCallback, useEffect, useState } from 'react';
import { Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { useRealtimeStatus } from '../../lib/realtime';
import { ConversationView } from '../conversation/ConversationView';
import { ContactPanel } from '../contacts/ContactPanel';
import { conversationKey, uniqueConversations } from './conversationCache';
import { ConversationList } from './ConversationList';
import { useInboxRealtime, useMyConversations } from './inboxApi';
import { clearArrived, isOwnRemoval, useArrivedCount } from './inboxSignals';
import { useAgentState } from './agentStateApi';
import { agentStatusOf, type Conversation } from './types';
import { WorkspaceEmptyState } from './WorkspaceEmptyState';
import { useTitleBadge } from './useTitleBadge';
import './inbox.css';

const PANEL_KEY = 'atende.inbox.contactPanel';

/** Below 1200 px the panel covers the conversation, so it starts closed there. */
function storedPanelOpen(): boolean {
  if (typeof window !== 'undefined' && window.innerWidth < 1200) return false;
  try {
    return localStorage.getItem(PANEL_KEY) !== 'closed';
  } catch {
    return true;
  }
}

/**
 * The agent workspace (AGENT-1…4): the live list of the agent's conversations, the open
 * conversation, and the contact beside it. The open conversation is in the URL, so a reload
 * or a link lands on it.
 */
export function AgentWorkspacePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { conversationId } = useParams();
  const [panelOpen, setPanelOpen] = useState(storedPanelOpen);
  const realtime = useRealtimeStatus();
  const state = useAgentState();
  const status = agentStatusOf(state.data);
  const firstName = user.displayName.split(/\s+/)[0] ?? user.displayName;

  const onOpenRemoved = useCallback(
    (id: string) => {
      navigate('/inbox', { replace: true });
      if (isOwnRemoval(id)) return;
      const protocol = queryClient.getQueryData<Conversation>(conversationKey(id))?.protocol ?? '';
      notifications.show({ color: 'blue', title: t('inbox.removedTitle'), message: t('inbox.removedText', { protocol }) });
    },
    [navigate, queryClient, t],
  );
  useInboxRealtime({ meId: user.id, openId: conversationId, onOpenRemoved });

  const open = useCallback(
    (id: string) => {
      clearArrived(id);
      navigate(`/inbox/${id}`);
    },
    [navigate],
  );

  useEffect(() => {
    if (conversationId) clearArrived(conversationId);
  }, [conversationId]);

  const togglePanel = useCallback(() => {
    setPanelOpen((v) => {
      try {
        localStorage.setItem(PANEL_KEY, v ? 'closed' : 'open');
      } catch {
        // No storage: the choice lasts for this page.
      }
      return !v;
    });
  }, []);

  // The unfiltered list (shared with the list column while it is not searching) feeds the
  // title badge and the empty state.
  const activeItems = uniqueConversations(useMyConversations('active', '', user.id).data);
  const unreadConversations = activeItems.filter((c) => c.unreadCount > 0 && c.id !== conversationId).length;
  const arrived = useArrivedCount();
  useTitleBadge(Math.max(unreadConversations, arrived), t('inbox.title'));

  const emptyHint =
    status === 'offline' ? t('inbox.list.emptyOffline') : status === 'paused' ? t('inbox.list.emptyPaused') : t('inbox.list.emptyOnline');

  return (
    <div className="inbox-root" data-testid="agent-workspace" data-realtime={realtime} data-has-conversation={!!conversationId}>
      <ConversationList meId={user.id} selectedId={conversationId} onOpen={open} emptyHint={emptyHint} />
      <main className="inbox-main">
        {realtime === 'disconnected' && (
          <Group gap={8} px="md" py={6} bg="yellow.1" c="yellow.9" wrap="nowrap" data-testid="realtime-offline">
            <IconPlugConnectedX size={16} />
            <Text size="sm">{t('inbox.reconnecting')}</Text>
          </Group>
        )}
        {conversationId ? (
          <ConversationView
            key={conversationId}
            conversationId={conversationId}
            panelOpen={panelOpen}
            onTogglePanel={togglePanel}
            onLeave={() => navigate('/inbox', { replace: true })}
          />
        ) : (
          <WorkspaceEmptyState firstName={firstName} openCount={activeItems.length} />
        )}
      </main>
      {conversationId && panelOpen && <ContactPanel key={conversationId} conversationId={conversationId} onClose={togglePanel} />}
    </div>
  );
}
