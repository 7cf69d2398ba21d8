import { api } from '../e2e/support/api';

/** Identifiers the webhooks must carry; the sandbox plays Meta's Graph API for Atende's calls. */
export const WA = {
  phoneNumberId: '106540352242922',
  wabaId: '102290129340398',
  accessToken: 'bench-token',
  appSecret: 'bench-app-secret',
  verifyToken: 'bench-verify',
};

async function must(base: string, method: string, path: string, body: unknown, token?: string) {
  const r = await api(base, method, path, body, token);
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * One agent (online, capacity 80, the maximum), one group and one WhatsApp channel: the
 * shape of a small operation, so ingest also pays for routing each new conversation.
 */
export async function setUpWorkspace(base: string, graphUrl: string) {
  const admin = (await must(base, 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).token as string;
  const agent = await must(base, 'POST', '/api/v1/users', {
    login: 'bench-agent', displayName: 'Bench Agent', role: 'agent', password: 'Agente@2026', mustChangePassword: false, maxConversations: 80,
  }, admin);
  const group = await must(base, 'POST', '/api/v1/service-groups', { name: 'Bench WhatsApp', agentIds: [agent.id] }, admin);
  const channel = await must(base, 'POST', '/api/v1/channels', {
    type: 'whatsapp', name: 'Bench WhatsApp', serviceGroupId: group.id,
    credentials: { ...WA, graphUrl },
  }, admin);
  const agentToken = (await must(base, 'POST', '/api/v1/auth/login', { login: 'bench-agent', password: 'Agente@2026' })).token as string;
  await must(base, 'PUT', '/api/v1/me/presence', { status: 'online' }, agentToken);
  return { channelId: channel.id as string };
}
