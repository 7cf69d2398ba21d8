import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { TestServer } from '../../../test/test-server';

/** A workspace with a service group, one member agent and a web chat channel on it. */
export async function webchatWorkspace(s: TestServer, settings: Record<string, unknown> = {}) {
  const ws = await s.workspace();
  const agent = await s.user(ws.workspaceId, 'agent');
  const group = await s.request('POST', '/api/v1/service-groups', {
    token: ws.token,
    body: { name: `Atendimento ${randomUUID().slice(0, 8)}`, agentIds: [agent.id] },
  });
  if (group.status !== 201) throw new Error(`service group: ${group.status} ${JSON.stringify(group.body)}`);
  const channel = await s.request('POST', '/api/v1/channels', {
    token: ws.token,
    body: { type: 'webchat', name: 'Site', serviceGroupId: group.body.id, settings },
  });
  if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${JSON.stringify(channel.body)}`);
  return { ws, agent, groupId: group.body.id as string, channelId: channel.body.id as string };
}

/** A visitor through the pre-chat form; returns its token. */
export async function startVisitor(s: TestServer, channelId: string, body: Record<string, unknown> = { name: 'Maria Souza', phone: '(11) 98765-4321' }) {
  const r = await s.request('POST', `/webchat/v1/channels/${channelId}/sessions`, { body });
  if (r.status !== 201) throw new Error(`session: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.visitorToken as string;
}

export function visitorSend(s: TestServer, token: string, body: Record<string, unknown>) {
  return s.request('POST', '/webchat/v1/messages', { token, body: { clientMessageId: randomUUID(), ...body } });
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { path: '/realtime', transports: ['websocket'], auth: { token }, reconnection: false });
  return new Promise((ok, fail) => {
    socket.once('connect', () => ok(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      fail(e);
    });
  });
}

/** The widget's socket (`/webchat` namespace) and an agent's (`/`), as their clients open them. */
export const visitorSocket = (s: TestServer, token: string) => connect(`${s.url}/webchat`, token);
export const agentSocket = (s: TestServer, token: string) => connect(s.url, token);

/** Collects every event of a socket, to wait for one without racing its arrival. */
export function record(socket: Socket) {
  const seen: { event: string; payload: any }[] = [];
  socket.onAny((event, payload) => seen.push({ event, payload }));
  return seen;
}
