import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { agentSocket, record, startVisitor, visitorSend, visitorSocket, webchatWorkspace } from './webchat.test-helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

const open: Socket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
const keep = (socket: Socket) => (open.push(socket), socket);

/** A visitor who wrote, and the agent the conversation was routed to. */
async function servedVisitor() {
  const w = await webchatWorkspace(s);
  const token = await startVisitor(s, w.channelId);
  await visitorSend(s, token, { text: 'Olá, alguém aí?' });
  await s.request('PUT', '/api/v1/me/presence', { token: w.agent.token, body: { status: 'online' } });
  const conversation = await waitFor(async () => (await s.request('GET', '/api/v1/conversations?status=active', { token: w.agent.token })).body.items[0]);
  return { ...w, token, conversation };
}

describe('web chat socket', () => {
  it('refuses a connection without a valid visitor token, and agents\' tokens', async () => {
    const w = await webchatWorkspace(s);
    await expect(visitorSocket(s, 'nope')).rejects.toThrow('unauthorized');
    await expect(visitorSocket(s, w.agent.token)).rejects.toThrow('unauthorized');
  });

  it("delivers the agent's message to the visitor, who acknowledges it as delivered and then read", async () => {
    const v = await servedVisitor();
    const socket = keep(await visitorSocket(s, v.token));
    const seen = record(socket);
    const agent = keep(await agentSocket(s, v.agent.token));
    const agentSeen = record(agent);

    const sent = await s.request('POST', `/api/v1/conversations/${v.conversation.id}/messages`, { token: v.agent.token, body: { text: 'Oi! Sou a Ana.' } });
    const created = await waitFor(() => seen.find((e) => e.event === 'message.created' && e.payload.message.id === sent.body.id));
    expect(created.payload.message).toMatchObject({ direction: 'out', text: 'Oi! Sou a Ana.', status: 'sent', authorName: sent.body.authorName });
    expect(created.payload.message.authorUserId).toBeUndefined();

    socket.emit('delivered', { messageIds: [sent.body.id] });
    await waitFor(() => agentSeen.find((e) => e.event === 'message.updated' && e.payload.message.id === sent.body.id && e.payload.message.status === 'delivered'));
    socket.emit('read', { messageIds: [sent.body.id] });
    await waitFor(() => agentSeen.find((e) => e.event === 'message.updated' && e.payload.message.id === sent.body.id && e.payload.message.status === 'read'));
    const stored = await s.request('GET', `/api/v1/conversations/${v.conversation.id}/messages`, { token: v.agent.token });
    expect(stored.body.items.find((m: { id: string }) => m.id === sent.body.id).status).toBe('read');
  });

  it('acknowledges several messages in one event, leaving notes and other ids alone', async () => {
    const v = await servedVisitor();
    const socket = keep(await visitorSocket(s, v.token));
    const send = async (body: Record<string, string>) =>
      (await s.request('POST', `/api/v1/conversations/${v.conversation.id}/messages`, { token: v.agent.token, body })).body.id as string;
    const [first, second, note] = [await send({ text: 'Um' }), await send({ text: 'Dois' }), await send({ note: 'interna' })];
    const own = (await s.request('GET', '/webchat/v1/messages', { token: v.token })).body.items.find((m: { direction: string }) => m.direction === 'in').id;
    const statuses = async () =>
      Object.fromEntries(
        ((await s.request('GET', `/api/v1/conversations/${v.conversation.id}/messages`, { token: v.agent.token })).body.items as { id: string; status: string }[]).map(
          (m) => [m.id, m.status],
        ),
      );
    await waitFor(async () => (await statuses())[second] === 'sent');
    const before = await statuses();

    await socket.emitWithAck('delivered', { messageIds: [second, first, note, own] });
    const after = await statuses();
    expect([after[first], after[second]]).toEqual(['delivered', 'delivered']);
    expect([after[note], after[own]]).toEqual([before[note], before[own]]);
  });

  it("ignores acknowledgements of messages that are not the visitor's", async () => {
    const v = await servedVisitor();
    const sent = await s.request('POST', `/api/v1/conversations/${v.conversation.id}/messages`, { token: v.agent.token, body: { text: 'Só para a Maria' } });
    const statusOf = async () =>
      (await s.request('GET', `/api/v1/conversations/${v.conversation.id}/messages`, { token: v.agent.token })).body.items.find((m: { id: string }) => m.id === sent.body.id).status;
    await waitFor(async () => (await statusOf()) === 'sent');
    const stranger = keep(await visitorSocket(s, await startVisitor(s, v.channelId, { name: 'Intrusa', email: 'x@exemplo.com' })));
    await stranger.emitWithAck('read', { messageIds: [sent.body.id] });
    await stranger.emitWithAck('read', { messageIds: 'tudo' });
    expect(await statusOf()).toBe('sent');
  });

  it('shows typing both ways, only between the visitor and the assigned agent', async () => {
    const v = await servedVisitor();
    const socket = keep(await visitorSocket(s, v.token));
    const seen = record(socket);
    const agent = keep(await agentSocket(s, v.agent.token));
    const agentSeen = record(agent);

    socket.emit('typing');
    const typing = await waitFor(() => agentSeen.find((e) => e.event === 'conversation.typing'));
    expect(typing.payload).toEqual({ conversationId: v.conversation.id });

    // Another agent of the workspace cannot make the visitor see "typing…". Pushes reach the
    // visitor in the order they were made, so once a later push arrives, theirs would have too.
    const other = await s.user(v.ws.workspaceId, 'agent');
    const intruder = keep(await agentSocket(s, other.token));
    await intruder.emitWithAck('conversation.typing', { conversationId: v.conversation.id });
    await visitorSend(s, v.token, { text: 'marca' });
    await waitFor(() => seen.find((e) => e.event === 'message.created'));
    expect(seen.filter((e) => e.event === 'typing')).toEqual([]);

    await agent.emitWithAck('conversation.typing', { conversationId: v.conversation.id });
    await waitFor(() => seen.find((e) => e.event === 'typing'));
  });

  it("tells the visitor when the agent has read their messages", async () => {
    const v = await servedVisitor();
    const socket = keep(await visitorSocket(s, v.token));
    const seen = record(socket);
    expect((await s.request('POST', `/api/v1/conversations/${v.conversation.id}/read`, { token: v.agent.token })).status).toBe(204);
    const read = await waitFor(() => seen.find((e) => e.event === 'messages.read'));
    expect(Date.parse(read.payload.until)).not.toBeNaN();
    const items = (await s.request('GET', '/webchat/v1/messages', { token: v.token })).body.items;
    expect(items.map((m: { status: string }) => m.status)).toEqual(['read']);
  });

  it("pushes the visitor's own message to its other tabs", async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const tab = keep(await visitorSocket(s, token));
    const seen = record(tab);
    const sent = await visitorSend(s, token, { text: 'escrito na outra aba' });
    const pushed = await waitFor(() => seen.find((e) => e.event === 'message.created'));
    expect(pushed.payload.message).toMatchObject({ id: sent.body.id, direction: 'in', clientMessageId: sent.body.clientMessageId });
  });
});
