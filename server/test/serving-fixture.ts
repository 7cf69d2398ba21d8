import type { TestServer } from './test-server';
import { receiveInbound } from '../src/modules/conversations';
import { waitFor } from './wait-for';

/** A workspace ready to serve: agents, a group with them, a web chat channel, a contact. */
export async function servingFixture(s: TestServer, opts: { agents?: number; maxConversations?: number; strategy?: string; groupExtra?: Record<string, unknown> } = {}) {
  const ws = await s.workspace();
  const agents = [];
  for (let i = 0; i < (opts.agents ?? 2); i++) agents.push(await s.user(ws.workspaceId, 'agent', { maxConversations: opts.maxConversations ?? 3 }));
  const group = await s.request('POST', '/api/v1/service-groups', {
    token: ws.token,
    body: { name: `Suporte ${Math.random().toString(36).slice(2, 7)}`, strategy: opts.strategy ?? 'longest_idle', agentIds: agents.map((a) => a.id), ...opts.groupExtra },
  });
  if (group.status !== 201) throw new Error(`group: ${JSON.stringify(group.body)}`);
  const channel = await s.request('POST', '/api/v1/channels', { token: ws.token, body: { type: 'webchat', name: 'Site', serviceGroupId: group.body.id } });
  if (channel.status !== 201) throw new Error(`channel: ${JSON.stringify(channel.body)}`);
  let n = 0;
  const contact = async (name = `Cliente ${++n}`) => (await s.request('POST', '/api/v1/contacts', { token: ws.token, body: { displayName: name } })).body.id as string;
  const inbound = (contactId: string, text: string, extra: Record<string, unknown> = {}) =>
    receiveInbound(s.atende.deps, { workspaceId: ws.workspaceId, channelId: channel.body.id, contactId, text, ...extra });
  const online = (token: string) => s.request('PUT', '/api/v1/me/presence', { token, body: { status: 'online' } });
  const conversation = (id: string, token = ws.token) => s.request('GET', `/api/v1/conversations/${id}`, { token }).then((r) => r.body);
  const assigned = (id: string) => waitFor(async () => {
    const c = await conversation(id);
    return c.status === 'active' && c.assigneeId ? c : null;
  });
  return { ws, agents, group: group.body, channel: channel.body, contact, inbound, online, conversation, assigned };
}
