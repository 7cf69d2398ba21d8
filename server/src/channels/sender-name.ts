import type { Ctx, Deps } from '../platform/context';
import { getServiceGroup } from '../modules/service-groups';
import { getWorkspace } from '../modules/workspaces';
import { getConversation } from '../modules/conversations';

/**
 * How contacts see who wrote a company message: the agent's name, the company's, or nobody
 * — the "name shown in messages" of the conversation's group (ROUTE-1). One resolver per
 * batch, so a page of history costs one lookup per conversation and group, not per message.
 */
export function senderNaming(deps: Pick<Deps, 'db'>, workspaceId: string) {
  const groups = new Map<string, Promise<'company' | 'agent' | 'none'>>();
  const conversations = new Map<string, Promise<string | null>>();
  let company: Promise<string> | null = null;

  const groupOfConversation = (conversationId: string) => {
    if (!conversations.has(conversationId)) {
      conversations.set(conversationId, getConversation(deps.db, workspaceId, conversationId).then((c) => c?.serviceGroupId ?? null));
    }
    return conversations.get(conversationId)!;
  };
  const nameShown = (groupId: string) => {
    if (!groups.has(groupId)) {
      groups.set(groupId, getServiceGroup(deps.db, workspaceId, groupId).then((g) => g?.settings.nameShown ?? 'agent'));
    }
    return groups.get(groupId)!;
  };

  return async (m: { conversationId: string; direction: 'in' | 'out'; authorName: string | null }, serviceGroupId?: string) => {
    if (m.direction !== 'out') return null;
    const groupId = serviceGroupId ?? (await groupOfConversation(m.conversationId));
    const shown = groupId ? await nameShown(groupId) : 'agent';
    if (shown === 'none') return null;
    if (shown === 'agent' && m.authorName) return m.authorName;
    company ??= getWorkspace({ db: deps.db, workspaceId } as Ctx).then((w) => w.name);
    return company;
  };
}
