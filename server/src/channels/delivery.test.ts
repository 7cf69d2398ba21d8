import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { waitFor } from '../../test/wait-for';
import { receiveInbound } from '../modules/conversations';
import { record, startVisitor, visitorSend, visitorSocket, webchatWorkspace } from './webchat/webchat.test-helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

const messagesOf = async (conversationId: string, token: string) =>
  (await s.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token })).body.items as { id: string; kind: string; status: string; error: unknown }[];

async function activeConversation(token: string) {
  await s.request('PUT', '/api/v1/me/presence', { token, body: { status: 'online' } });
  return waitFor(async () => (await s.request('GET', '/api/v1/conversations?status=active', { token })).body.items[0] as { id: string });
}

describe('delivery of company messages', () => {
  it('sends messages through the channel and never notes', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    await visitorSend(s, token, { text: 'oi' });
    const c = await activeConversation(w.agent.token);
    const visitor = await visitorSocket(s, token);
    const seen = record(visitor);
    await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: w.agent.token, body: { note: 'só para a equipe' } });
    const sent = await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: w.agent.token, body: { text: 'Olá!' } });
    // Pushes arrive in order: had the note gone out, it would be here before the message.
    await waitFor(() => seen.find((e) => e.event === 'message.created'));
    expect(seen.filter((e) => e.event === 'message.created').map((e) => e.payload.message.id)).toEqual([sent.body.id]);
    await waitFor(async () => (await messagesOf(c.id, w.agent.token)).find((m) => m.id === sent.body.id)?.status === 'sent');
    visitor.close();
  });

  it('marks a message failed, with the reason, when its channel cannot send', async () => {
    const w = await webchatWorkspace(s);
    const telegram = await s.request('POST', '/api/v1/channels', { token: w.ws.token, body: { type: 'telegram', name: 'Bot', serviceGroupId: w.groupId } });
    const contact = await s.request('POST', '/api/v1/contacts', { token: w.ws.token, body: { displayName: 'Cliente Telegram' } });
    await receiveInbound(s.atende.deps, { workspaceId: w.ws.workspaceId, channelId: telegram.body.id, contactId: contact.body.id, text: 'oi' });
    const c = await activeConversation(w.agent.token);
    const sent = await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: w.agent.token, body: { text: 'Olá!' } });
    const failed = await waitFor(async () => (await messagesOf(c.id, w.agent.token)).find((m) => m.id === sent.body.id && m.status === 'failed'));
    expect(failed.error).toEqual({ code: 'channel_not_supported', title: 'Atende cannot send through telegram channels yet' });
  });
});
