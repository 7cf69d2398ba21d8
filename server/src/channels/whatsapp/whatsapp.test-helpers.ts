import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { startWhatsappSandbox, type Sandbox } from '../../../../sandbox/whatsapp';
import type { TestServer } from '../../../test/test-server';

/** A minimal Ogg/Opus head (the type sniffer reads the codec page). */
export const OPUS = (() => {
  const b = Buffer.alloc(200);
  Buffer.from('OggS').copy(b, 0);
  b[5] = 2;
  b[26] = 1;
  b[27] = 19;
  Buffer.from('OpusHead').copy(b, 28);
  b[36] = 1;
  b[37] = 1;
  return b;
})();

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

let numbers = 0;

/**
 * A workspace with a group, an agent and a WhatsApp channel whose Graph URL is a fresh sandbox
 * that posts its webhooks to this test server. Each call gets its own phone number id.
 */
export async function whatsappWorkspace(s: TestServer, opts: { settings?: Record<string, unknown>; sandbox?: Record<string, unknown> } = {}) {
  const ws = await s.workspace();
  const agent = await s.user(ws.workspaceId, 'agent', { maxConversations: 40 });
  const group = await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: `WhatsApp ${randomUUID().slice(0, 8)}`, agentIds: [agent.id] } });
  if (group.status !== 201) throw new Error(`group: ${group.status} ${JSON.stringify(group.body)}`);
  const phoneNumberId = `1065${process.pid}${++numbers}${Math.floor(Math.random() * 1e6)}`;
  const creds = { phoneNumberId, wabaId: `waba${phoneNumberId}`, accessToken: `token-${randomUUID()}`, appSecret: `secret-${randomUUID()}`, verifyToken: `verify-${randomUUID()}` };
  const sandbox: Sandbox = await startWhatsappSandbox({
    port: 0,
    webhookUrl: `${s.url}/webhooks/whatsapp`,
    retry: { delaysMs: [200, 500] },
    statusDelaysMs: [20, 40],
    autoStatuses: false,
    ...creds,
    ...opts.sandbox,
  });
  afterAll(() => sandbox.close());
  const channel = await s.request('POST', '/api/v1/channels', {
    token: ws.token,
    body: { type: 'whatsapp', name: 'WhatsApp', serviceGroupId: group.body.id, settings: opts.settings ?? {}, credentials: { ...creds, graphUrl: sandbox.url } },
  });
  if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${JSON.stringify(channel.body)}`);
  // The agent is online, so a customer's first message is assigned to them by routing.
  const online = await s.request('PUT', '/api/v1/me/presence', { token: agent.token, body: { status: 'online' } });
  if (online.status !== 200) throw new Error(`presence: ${online.status} ${JSON.stringify(online.body)}`);
  return { ws, agent, groupId: group.body.id as string, channelId: channel.body.id as string, sandbox, creds };
}
